import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import FormHelperText from '@material-ui/core/FormHelperText';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/frontend-plugin-api';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import { readinessFor } from '@model-hub/backstage-plugin-model-hub-common';
import {
  ModelHubApi,
  ModelListItem,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { errorMessage } from '../errorMessage';
import { ToneStatus } from '../StatusChips';
import { ModelOption, ModelOptionView } from './ModelOptionView';
import type { ModelPickerProps } from './schema';

/** How many models one search asks the backend for. */
export const MODEL_PICKER_PAGE_SIZE = 20;

/**
 * Why a model is not ready for an environment, by `readinessFor` over what
 * its list item shows (the backend's readyFor filter decided that it is not).
 */
function notReadyReason(item: ModelListItem, environment: string): string {
  if (!item.status) {
    // What the entity alone rules out; the approval needs the status.
    const [first] = readinessFor(
      {
        lifecycle: item.lifecycle,
        regulatoryCategory: item.regulatoryCategory,
      },
      environment,
    ).reasons;
    return first && first.code !== 'no-approved-version'
      ? first.message
      : `its approval is not visible to you, so it cannot be checked for ${environment}`;
  }
  // The item has the worst drift status only: drift anywhere reads as
  // drift here, and the backend has already ruled the model unready.
  const { reasons } = readinessFor(
    {
      lifecycle: item.lifecycle,
      regulatoryCategory: item.regulatoryCategory,
      latestApprovedVersion: item.status.latestApprovedVersion,
      driftStatus: item.status.driftStatus,
    },
    environment,
  );
  return reasons[0]?.message ?? `not ready for ${environment}`;
}

/**
 * The models matching a search, from the backend. With an environment, only
 * those ready for it; with `allowUnready` too, all of them, the unready ones
 * with a warning (a second, ready-only search says which: both are sorted by
 * title, so the ready ones among the first page are in its first page too).
 */
async function searchModels(
  api: ModelHubApi,
  search: string,
  environment: string | undefined,
  allowUnready: boolean,
): Promise<ModelOption[]> {
  const query = { search: search || undefined, limit: MODEL_PICKER_PAGE_SIZE };
  if (!environment) {
    return (await api.listModels(query)).items.map(item => ({ item }));
  }
  if (!allowUnready) {
    const ready = await api.listModels({ ...query, readyFor: environment });
    return ready.items.map(item => ({ item }));
  }
  const [all, ready] = await Promise.all([
    api.listModels(query),
    api.listModels({ ...query, readyFor: environment }),
  ]);
  const readyRefs = new Set(ready.items.map(item => item.entityRef));
  return all.items.map(item => ({
    item,
    warning: readyRefs.has(item.entityRef)
      ? undefined
      : notReadyReason(item, environment),
  }));
}

/** What the field shows for a value that is not among the options (yet). */
const placeholderOption = (entityRef: string): ModelOption => ({
  item: { entityRef, namespace: '', name: '', title: entityRef, tags: [] },
});

/**
 * Scaffolder field `ModelPicker`: picks a Model, searched on the server as
 * the user types, each with its risk level, approval, drift and latest
 * approved version. The value is the model's entity ref.
 */
export function ModelPicker(props: ModelPickerProps) {
  const {
    onChange,
    formData,
    required,
    rawErrors,
    errors,
    uiSchema,
    schema,
    idSchema,
  } = props;
  const environment = uiSchema?.['ui:options']?.environment || undefined;
  const allowUnready = uiSchema?.['ui:options']?.allowUnready ?? false;
  const disabled = Boolean(uiSchema?.['ui:disabled']);
  const api = useApi(modelHubApiRef);

  const [inputValue, setInputValue] = useState('');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<ModelOption | null>(null);

  // Typing waits for a pause before asking the backend.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const {
    value: options = [],
    loading,
    error,
  } = useAsync(
    () => searchModels(api, search, environment, allowUnready),
    [api, search, environment, allowUnready],
  );

  // A value set from outside (a default, going back a step) gets its option
  // once the backend's answer has it.
  useEffect(() => {
    if (!formData || selected?.item.entityRef === formData) return;
    const found = options.find(o => o.item.entityRef === formData);
    if (found) setSelected(found);
  }, [formData, options, selected]);

  // Stable while the user types: a new value would reset the text box.
  const value = useMemo(() => {
    if (!formData) return null;
    return selected?.item.entityRef === formData
      ? selected
      : placeholderOption(formData);
  }, [formData, selected]);

  const title = schema?.title ?? 'Model';
  const description =
    uiSchema?.['ui:description'] ??
    schema?.description ??
    (environment
      ? `A model ready for ${environment}: approved and not drifting there`
      : 'A model from the Model Hub catalog');

  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={description}
      required={required}
      disabled={disabled}
      errors={errors}
    >
      <Autocomplete<ModelOption>
        id={idSchema?.$id}
        disabled={disabled}
        options={options}
        value={value}
        loading={loading}
        // The backend searches; the options are its answer as they are.
        filterOptions={x => x}
        getOptionLabel={o => o.item.title}
        getOptionSelected={(o, v) => o.item.entityRef === v.item.entityRef}
        inputValue={inputValue}
        onInputChange={(_, text, reason) => {
          setInputValue(text);
          // Choosing an option fills the box with its title: not a search.
          if (reason !== 'reset') setTyped(text);
        }}
        onChange={(_, option) => {
          setSelected(option);
          onChange(option?.item.entityRef ?? undefined);
        }}
        noOptionsText={
          environment && !allowUnready
            ? `No models ready for ${environment} match`
            : 'No models match'
        }
        renderOption={option => <ModelOptionView option={option} />}
        renderInput={params => (
          <TextField
            {...params}
            label={title}
            margin="dense"
            variant="outlined"
            required={required}
            disabled={disabled}
            error={Boolean(rawErrors?.length)}
          />
        )}
      />
      {value?.warning && (
        <FormHelperText component="div">
          <ToneStatus
            label={`Warning: ${value.item.title}: ${value.warning}`}
            tone="warn"
          />
        </FormHelperText>
      )}
      {error && (
        <FormHelperText error>
          Could not search models: {errorMessage(error)}
        </FormHelperText>
      )}
    </ScaffolderField>
  );
}
