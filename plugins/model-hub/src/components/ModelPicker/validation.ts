import { parseEntityRef } from '@backstage/catalog-model';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { modelHubApiRef } from '../../api/ModelHubApi';
import { errorMessage } from '../errorMessage';
import type { ModelPickerUiOptions } from './schema';

function modelName(entityRef: string): string {
  try {
    return parseEntityRef(entityRef, { defaultKind: 'model' }).name;
  } catch {
    return entityRef;
  }
}

/**
 * Checks the chosen model on the backend before the user goes on: it must
 * exist (and be visible to the user) and, when `ui:options.environment` is
 * set without `allowUnready`, be ready for that environment the way the
 * backend's `readyFor` filter means it: an approved version, and no drift
 * there.
 */
export const modelPickerValidation: CustomFieldValidator<
  string,
  ModelPickerUiOptions
> = async (value, validation, context) => {
  if (!value) return; // "required" is the form schema's business
  const api = context.apiHolder.get(modelHubApiRef);
  if (!api) {
    validation.addError('Model Hub is not available: cannot check the model');
    return;
  }
  const name = modelName(value);

  let statuses;
  try {
    statuses = await api.getStatuses([value]);
  } catch (e) {
    validation.addError(
      `Could not check ${name}: ${errorMessage(e as Error)}. Try again.`,
    );
    return;
  }
  const status = statuses.find(s => s.entityRef === value) ?? statuses[0];
  if (!status || !status.found) {
    validation.addError(
      `${name} is not a model in the catalog, or you may not see it: choose another model`,
    );
    return;
  }

  const { environment, allowUnready } = context.uiSchema?.['ui:options'] ?? {};
  if (!environment || allowUnready) return;
  if (!status.latestApprovedVersion) {
    validation.addError(
      `${name} has no approved version: choose another model or ask its owners to request a review`,
    );
  }
  const there = status.drift.find(d => d.environment === environment);
  if ((there?.status ?? status.driftStatus) === 'drift') {
    validation.addError(
      `${name} drifts in ${environment}: choose another model or ask its owners to retrain it and get the new version approved`,
    );
  }
};
