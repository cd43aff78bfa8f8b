import type { ModelHubApiComponents } from './schema/openapi';

/**
 * One model's status as `POST /api/model-hub/status` returns it: what the
 * service "Models" tab and model lists show side by side. Generated from the
 * backend's OpenAPI contract (`ModelStatus`).
 *
 * @public
 */
export type ModelStatus = ModelHubApiComponents['schemas']['ModelStatus'];

/**
 * A model's governance summary as `GET .../governance` returns it: the
 * policy that applies and each version's sign-off state. Generated from the
 * backend's OpenAPI contract (`ModelGovernanceSummary`).
 *
 * @public
 */
export type ModelGovernanceSummary =
  ModelHubApiComponents['schemas']['ModelGovernanceSummary'];
