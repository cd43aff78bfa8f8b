/**
 * Model Hub's permission policy for the permission backend: model owners
 * publish, reviewers decide reviews, governance admins override policies,
 * portal admins run the catalog and the scaffolder, everyone signed in reads.
 *
 * @packageDocumentation
 */

export { permissionModuleModelHub as default } from './module';
export {
  ModelHubPermissionPolicy,
  modelHubPolicyRules,
} from './policy/ModelHubPermissionPolicy';
export type { ModelHubPolicyRule } from './policy/ModelHubPermissionPolicy';
export { readModelHubRoles } from './policy/roles';
export type { ModelHubRoles } from './policy/roles';
