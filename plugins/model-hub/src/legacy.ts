import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { ModelHubClient, modelHubApiRef } from './api/ModelHubApi';
import { ModelPicker } from './components/ModelPicker/ModelPicker';
import { ModelPickerFieldSchema } from './components/ModelPicker/schema';
import { modelPickerValidation } from './components/ModelPicker/validation';

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
/** Where legacy apps mount {@link ModelHubModelsPage}. @public */
export const legacyModelsRouteRef = createRouteRef({ id: 'model-hub:models' });

/** Where legacy apps mount {@link ModelHubReviewInboxPage}. @public */
export const legacyReviewInboxRouteRef = createRouteRef({
  id: 'model-hub:review-inbox',
});

/** Where legacy apps mount {@link ModelHubGoldenPathsPage}. @public */
export const legacyGoldenPathsRouteRef = createRouteRef({
  id: 'model-hub:golden-paths',
});

export const modelHubLegacyPlugin = createPlugin({
  id: 'model-hub',
  routes: {
    models: legacyModelsRouteRef,
    reviewInbox: legacyReviewInboxRouteRef,
    goldenPaths: legacyGoldenPathsRouteRef,
  },
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

/** @public */
export const EntityModelCardContent = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelCardContent',
    component: {
      lazy: () =>
        import('./components/ModelCardContent').then(m => m.ModelCardContent),
    },
  }),
);

/** @public */
export const EntityModelHubRiskContent = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubRiskContent',
    component: {
      lazy: () =>
        import('./components/ModelRiskContent').then(m => m.ModelRiskContent),
    },
  }),
);

/** @public */
export const EntityModelHubDriftContent = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubDriftContent',
    component: {
      lazy: () =>
        import('./components/ModelDriftContent').then(m => m.ModelDriftContent),
    },
  }),
);

/** @public */
export const EntityModelHubVersionsContent = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubVersionsContent',
    component: {
      lazy: () =>
        import('./components/ModelVersionsContent').then(
          m => m.ModelVersionsContent,
        ),
    },
  }),
);

/**
 * The model catalog page: `<Route path="/models" element={<ModelHubModelsPage />} />`.
 *
 * @public
 */
export const ModelHubModelsPage = modelHubLegacyPlugin.provide(
  createRoutableExtension({
    name: 'ModelHubModelsPage',
    mountPoint: legacyModelsRouteRef,
    component: () => import('./components/ModelsPage').then(m => m.ModelsPage),
  }),
);

/**
 * The reviewer's inbox: `<Route path="/model-reviews" element={<ModelHubReviewInboxPage />} />`.
 *
 * @public
 */
export const ModelHubReviewInboxPage = modelHubLegacyPlugin.provide(
  createRoutableExtension({
    name: 'ModelHubReviewInboxPage',
    mountPoint: legacyReviewInboxRouteRef,
    component: () =>
      import('./components/ReviewInboxPage').then(m => m.ReviewInboxPage),
  }),
);

/**
 * Golden-path pass rates by owner and by system:
 * `<Route path="/golden-paths" element={<ModelHubGoldenPathsPage />} />`.
 *
 * @public
 */
export const ModelHubGoldenPathsPage = modelHubLegacyPlugin.provide(
  createRoutableExtension({
    name: 'ModelHubGoldenPathsPage',
    mountPoint: legacyGoldenPathsRouteRef,
    component: () =>
      import('./components/GoldenPathsPage').then(m => m.GoldenPathsPage),
  }),
);

/**
 * The golden-path scorecard of a model or of a service that uses one, for
 * its Overview page; links to the tab at `/scorecard`
 * (`<EntitySwitch.Case if={e => isModelEntity(e) || isModelConsumer(e)}>`).
 *
 * @public
 */
export const EntityModelHubScorecardCard = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubScorecardCard',
    component: {
      lazy: () =>
        import('./components/ScorecardContent').then(m => m.ScorecardCard),
    },
  }),
);

/**
 * Every golden-path verdict of a model or of a service that uses one, with
 * its history: `<EntityLayout.Route path="/scorecard" title="Scorecard">`.
 *
 * @public
 */
export const EntityModelHubScorecardContent = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubScorecardContent',
    component: {
      lazy: () =>
        import('./components/ScorecardContent').then(m => m.ScorecardContent),
    },
  }),
);

/**
 * The models of a service at a glance, for its Overview page
 * (`<EntitySwitch.Case if={isModelConsumer}>`).
 *
 * @public
 */
export const EntityModelHubModelsCard = modelHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityModelHubModelsCard',
    component: {
      lazy: () =>
        import('./components/EntityModelsContent').then(
          m => m.EntityModelsCard,
        ),
    },
  }),
);

/**
 * Scaffolder field `ModelPicker` for legacy apps: put it inside
 * `<ScaffolderFieldExtensions>` of the scaffolder route, e.g.
 *
 *   <Route path="/create" element={<ScaffolderPage />}>
 *     <ScaffolderFieldExtensions>
 *       <ModelPickerFieldExtension />
 *     </ScaffolderFieldExtensions>
 *   </Route>
 *
 * @public
 */
export const ModelPickerFieldExtension = modelHubLegacyPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ModelPicker',
    component: ModelPicker,
    schema: ModelPickerFieldSchema.schema,
    validation: modelPickerValidation,
  }),
);
