import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { modelHubServiceRef } from '@model-hub/backstage-plugin-model-hub-node';
import { createResolveModelAction } from './actions/resolveModel';

/**
 * Model Hub's scaffolder actions: templates resolve a chosen model through
 * Model Hub, as the user who runs the template.
 *
 * @public
 */
export const scaffolderModuleModelHub = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'model-hub',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        modelHub: modelHubServiceRef,
        catalog: catalogServiceRef,
      },
      async init({ scaffolderActions, modelHub, catalog }) {
        scaffolderActions.addActions(
          createResolveModelAction({ modelHub, catalog }),
        );
      },
    });
  },
});
