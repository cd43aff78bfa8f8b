import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ModelHubPermissionPolicy } from './policy/ModelHubPermissionPolicy';

/**
 * Installs Model Hub's permission policy in the permission backend, with the
 * roles of app-config (see the README). The permission backend takes one
 * policy: install this module instead of any other policy module.
 *
 * @public
 */
export const permissionModuleModelHub = createBackendModule({
  pluginId: 'permission',
  moduleId: 'model-hub',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        policy.setPolicy(ModelHubPermissionPolicy.fromConfig(config));
      },
    });
  },
});
