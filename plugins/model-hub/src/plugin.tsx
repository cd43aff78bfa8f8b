import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubClient, modelHubApiRef } from './api/ModelHubApi';
import { isModelConsumer } from './filters';

export const modelHubApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelHubApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ModelHubClient(deps),
    }),
});

/** "Models" tab on every entity that depends on a Model. */
export const entityModelsContent = EntityContentBlueprint.make({
  name: 'models',
  params: {
    path: '/models',
    title: 'Models',
    filter: isModelConsumer,
    loader: () =>
      import('./components/EntityModelsContent').then(m => (
        <m.EntityModelsContent />
      )),
  },
});

/** "Governance" tab on Model entities. */
export const modelGovernanceContent = EntityContentBlueprint.make({
  name: 'governance',
  params: {
    path: '/governance',
    title: 'Governance',
    filter: entity => isModelEntity(entity),
    loader: () =>
      import('./components/ModelGovernanceContent').then(m => (
        <m.ModelGovernanceContent />
      )),
  },
});

/**
 * Model Hub frontend plugin (new frontend system).
 *
 * @public
 */
export const modelHubPlugin = createFrontendPlugin({
  pluginId: 'model-hub',
  extensions: [modelHubApi, entityModelsContent, modelGovernanceContent],
});
