import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/*
 * Model Hub's permissions are resource permissions on the model's catalog
 * entity, so adopters can write conditional policies with the catalog's own
 * rules (e.g. "only the model's owners may publish versions of it").
 */

/**
 * Read a model's versions, drift reports, reviews, audit trail and status.
 * @public
 */
export const modelHubReadPermission = createPermission({
  name: 'model-hub.model.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Publish or deprecate versions, move aliases, record deployments and
 * request reviews.
 * @public
 */
export const modelHubVersionPublishPermission = createPermission({
  name: 'model-hub.version.publish',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Submit drift windows of a version serving in production. Separate from
 * publishing, so that a serving service's token that reports drift cannot
 * publish, deploy or deprecate versions.
 * @public
 */
export const modelHubDriftSubmitPermission = createPermission({
  name: 'model-hub.drift.submit',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Record a review decision (approve, reject, request changes) on a version.
 * @public
 */
export const modelHubReviewDecidePermission = createPermission({
  name: 'model-hub.review.decide',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Override the governance policy of a single model.
 * @public
 */
export const modelHubPolicyOverridePermission = createPermission({
  name: 'model-hub.policy.override',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * All permissions of Model Hub, for the permission integration router.
 * @public
 */
export const modelHubPermissions = [
  modelHubReadPermission,
  modelHubVersionPublishPermission,
  modelHubDriftSubmitPermission,
  modelHubReviewDecidePermission,
  modelHubPolicyOverridePermission,
];
