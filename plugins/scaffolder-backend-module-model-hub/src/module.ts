import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { modelHubServiceRef } from '@model-hub/backstage-plugin-model-hub-node';
import { createCheckPolicyAction } from './actions/checkPolicy';
import { createResolveModelAction } from './actions/resolveModel';
import { createWireModelAction } from './actions/wireModel';
import {
  readDeploymentGates,
  readProductionEnvironments,
} from './actions/common';

/**
 * Model Hub's scaffolder actions: templates resolve a chosen model, check the
 * golden-path policy and wire the model into generated code, reading Model
 * Hub as the user who runs the template.
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
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolderActions, modelHub, catalog, discovery, config }) {
        // The same key the Model Hub backend gates production deployments on.
        const productionEnvironments = readProductionEnvironments(config);
        // What an unapproved or drifting model does to a scaffold, per environment.
        const deploymentGates = readDeploymentGates(config);
        scaffolderActions.addActions(
          createResolveModelAction({
            modelHub,
            catalog,
            productionEnvironments,
          }),
          createCheckPolicyAction({
            modelHub,
            catalog,
            productionEnvironments,
            deploymentGates,
          }),
          createWireModelAction({ discovery }),
        );
      },
    });
  },
});
