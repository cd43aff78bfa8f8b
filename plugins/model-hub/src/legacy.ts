import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ModelHubClient, modelHubApiRef } from './api/ModelHubApi';

/**
 * Model Hub for apps on the legacy frontend system
 * (`@backstage/core-plugin-api`): add the plugin to the app's plugins and the
 * components to the entity pages, e.g.
 *
 *   <EntityLayout.Route path="/models" title="Models" if={isModelConsumer}>
 *     <EntityModelHubModelsContent />
 *   </EntityLayout.Route>
 *
 * @public
 */
export const modelHubLegacyPlugin = createPlugin({
  id: 'model-hub',
  apis: [
    createApiFactory({
      api: modelHubApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ModelHubClient(deps),
    }),
  ],
});

/** @public */
export const EntityModelHubModelsContent = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubModelsContent',
    component: {
      lazy: () =>
        import('./components/EntityModelsContent').then(
          m => m.EntityModelsContent,
        ),
    },
  }),
);

/** @public */
export const EntityModelHubGovernanceContent = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubGovernanceContent',
    component: {
      lazy: () =>
        import('./components/ModelGovernanceContent').then(
          m => m.ModelGovernanceContent,
        ),
    },
  }),
);
