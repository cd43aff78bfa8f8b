import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import modelHubPolicy from '@model-hub/backstage-plugin-permission-backend-module-model-hub';

/**
 * The permission policy module the backend installs (the permission backend
 * takes exactly one).
 *
 * Production (NODE_ENV=production, as the Dockerfile sets it): Model Hub's
 * role-based policy, with the roles of app-config (see
 * plugins/permission-backend-module-model-hub).
 *
 * Development (`yarn start`) and tests: Backstage's allow-all policy. The
 * local app signs everyone in as the guest, `user:development/guest`, who is
 * in no group; the living demo and the README's walkthrough let that one
 * user try every role (publish, review, override), which a role-based policy
 * would refuse. Model Hub's own separation-of-duties rules still apply.
 */
export function permissionPolicy(
  nodeEnv: string | undefined = process.env.NODE_ENV,
) {
  return nodeEnv === 'production' ? modelHubPolicy : allowAllPolicy;
}
