/*
 * The Model Hub REST contract as TypeScript types, generated from
 * plugins/model-hub-backend/src/schema/openapi.yaml into ./generated/types.ts
 * (`yarn generate:client`), under the names the plugins use.
 */
import type { components } from './generated/types';

export type {
  paths as ModelHubApiPaths,
  components as ModelHubApiComponents,
  operations as ModelHubApiOperations,
} from './generated/types';

type Schemas = components['schemas'];

/**
 * Backstage's error response body, as every Model Hub error response carries
 * it (`ErrorResponseBody` of `@backstage/errors`).
 * @public
 */
export type ModelHubErrorResponseBody = Schemas['ErrorResponseBody'];
/** @public */
export type PublishVersionRequest = Schemas['PublishVersionRequest'];
/** @public */
export type ModelVersion = Schemas['ModelVersion'];
/** @public */
export type ModelVersionPage = Schemas['VersionPage'];
/** @public */
export type ModelAlias = Schemas['ModelAlias'];
/** @public */
export type ModelDeployment = Schemas['ModelDeployment'];
/** @public */
export type ModelOverview = Schemas['ModelOverview'];
/** @public */
export type ReviewDecisionRecord = Schemas['ReviewDecisionRecord'];
/** @public */
export type ModelReview = Schemas['ModelReview'];
/** @public */
export type ModelReviewPage = Schemas['ModelReviewPage'];
/** @public */
export type PolicyOverride = Schemas['PolicyOverride'];
/** @public */
export type DriftSubmission = Schemas['DriftSubmission'];
/** @public */
export type DriftReport = Schemas['DriftReport'];
/** @public */
export type DriftReportPage = Schemas['DriftReportPage'];
/** @public */
export type AuditAction = Schemas['AuditAction'];
/** @public */
export type AuditEvent = Schemas['AuditEvent'];
/** @public */
export type AuditEventPage = Schemas['AuditEventPage'];
/** @public */
export type DriftIncident = Schemas['DriftIncident'];
/** @public */
export type OperationsMetrics = Schemas['OperationsMetrics'];
/** @public */
export type ModelStatusList = Schemas['ModelStatusList'];
