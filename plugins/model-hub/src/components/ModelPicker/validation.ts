import { parseEntityRef } from '@backstage/catalog-model';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  ReadinessReason,
  readinessFactsOfStatus,
  readinessFor,
} from '@model-hub/backstage-plugin-model-hub-common';
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

/** What to tell the user about a reason, and what to do about it. */
function readinessError(
  name: string,
  environment: string,
  reason: ReadinessReason,
): string {
  switch (reason.code) {
    case 'no-approved-version':
      return `${name} has no approved version: choose another model or ask its owners to request a review`;
    case 'drifting':
      return `${name} drifts in ${environment}: choose another model or ask its owners to retrain it and get the new version approved`;
    case 'deprecated':
    case 'retired':
      return `${name} is ${reason.code}, so not for ${environment}: choose its successor or another model`;
    case 'prohibited':
      return `${name} is in the EU AI Act category unacceptable (a prohibited practice): choose another model`;
    default:
      return `${name}: ${reason.message}: choose another model`;
  }
}

/**
 * Checks the chosen model on the backend before the user goes on: it must
 * exist (and be visible to the user) and, when `ui:options.environment` is
 * set without `allowUnready`, be ready for that environment by Model Hub's
 * readiness rule (`readinessFor` in model-hub-common, which the backend's
 * `readyFor` filter applies too): an approved version, no drift there, not
 * deprecated or retired, not prohibited.
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
  const { reasons } = readinessFor(readinessFactsOfStatus(status), environment);
  for (const reason of reasons) {
    validation.addError(readinessError(name, environment, reason));
  }
};
