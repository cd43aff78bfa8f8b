import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { isModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubClient, modelHubApiRef } from './api/ModelHubApi';
import { isModelConsumer } from './filters';
import {
  goldenPathsRouteRef,
  modelsRouteRef,
  reviewInboxRouteRef,
} from './routes';
import ModelsIcon from '@material-ui/icons/Memory';
import ReviewsIcon from '@material-ui/icons/RateReview';
import GoldenPathsIcon from '@material-ui/icons/AssignmentTurnedIn';

export const modelHubApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelHubApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ModelHubClient(deps),
    }),
});

/** The model catalog page, in the sidebar as "Models". */
export const modelsPage = PageBlueprint.make({
  params: {
    path: '/models',
    title: 'Models',
    icon: <ModelsIcon />,
    routeRef: modelsRouteRef,
    noHeader: true,
    loader: () => import('./components/ModelsPage').then(m => <m.ModelsPage />),
  },
});

/** The reviewer's inbox, in the sidebar as "Model reviews". */
export const reviewInboxPage = PageBlueprint.make({
  name: 'reviews',
  params: {
    path: '/model-reviews',
    title: 'Model reviews',
    icon: <ReviewsIcon />,
    routeRef: reviewInboxRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/ReviewInboxPage').then(m => <m.ReviewInboxPage />),
  },
});

/** Golden-path pass rates by owner and system, in the sidebar as "Golden paths". */
export const goldenPathsPage = PageBlueprint.make({
  name: 'golden-paths',
  params: {
    path: '/golden-paths',
    title: 'Golden paths',
    icon: <GoldenPathsIcon />,
    routeRef: goldenPathsRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/GoldenPathsPage').then(m => <m.GoldenPathsPage />),
  },
});

/** Models and the services that use them have a golden-path scorecard. */
const hasScorecard = (entity: Entity) =>
  isModelEntity(entity) || isModelConsumer(entity);

/** "Scorecard" tab: every golden-path verdict and its history. */
export const entityScorecardContent = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: '/scorecard',
    title: 'Scorecard',
    filter: hasScorecard,
    loader: () =>
      import('./components/ScorecardContent').then(m => <m.ScorecardContent />),
  },
});

/** The golden-path scorecard at a glance, on the Overview page. */
export const entityScorecardCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    type: 'info',
    filter: hasScorecard,
    loader: () =>
      import('./components/ScorecardContent').then(m => <m.ScorecardCard />),
  },
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

/** The models of a service at a glance, on its Overview page. */
export const entityModelsCard = EntityCardBlueprint.make({
  name: 'models',
  params: {
    type: 'info',
    filter: isModelConsumer,
    loader: () =>
      import('./components/EntityModelsContent').then(m => (
        <m.EntityModelsCard />
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

/** Model card on the Overview page of Model entities. */
export const modelCardContent = EntityCardBlueprint.make({
  name: 'model-card',
  params: {
    type: 'content',
    filter: entity => isModelEntity(entity),
    loader: () =>
      import('./components/ModelCardContent').then(m => <m.ModelCardContent />),
  },
});

/** "Risk" tab on Model entities: the 5x5 matrix and the controls it requires. */
export const modelRiskContent = EntityContentBlueprint.make({
  name: 'risk',
  params: {
    path: '/risk',
    title: 'Risk',
    filter: entity => isModelEntity(entity),
    loader: () =>
      import('./components/ModelRiskContent').then(m => <m.ModelRiskContent />),
  },
});

/** "Drift" tab on Model entities: drift per environment and column over time. */
export const modelDriftContent = EntityContentBlueprint.make({
  name: 'drift',
  params: {
    path: '/drift',
    title: 'Drift',
    filter: entity => isModelEntity(entity),
    loader: () =>
      import('./components/ModelDriftContent').then(m => (
        <m.ModelDriftContent />
      )),
  },
});

/** "Versions" tab on Model entities: versions with aliases, deployments, approval; metric comparison. */
export const modelVersionsContent = EntityContentBlueprint.make({
  name: 'versions',
  params: {
    path: '/versions',
    title: 'Versions',
    filter: entity => isModelEntity(entity),
    loader: () =>
      import('./components/ModelVersionsContent').then(m => (
        <m.ModelVersionsContent />
      )),
  },
});

/**
 * Scaffolder field `ModelPicker` (`ui:field: ModelPicker`): a model searched
 * on the server, with its risk, approval and drift, checked before going on.
 */
export const modelPickerFormField = FormFieldBlueprint.make({
  name: 'model-picker',
  params: {
    field: () =>
      import('./components/ModelPicker/formField').then(
        m => m.modelPickerFormField,
      ),
  },
});

/**
 * Model Hub frontend plugin (new frontend system).
 *
 * @public
 */
export const modelHubPlugin = createFrontendPlugin({
  pluginId: 'model-hub',
  routes: {
    models: modelsRouteRef,
    reviewInbox: reviewInboxRouteRef,
    goldenPaths: goldenPathsRouteRef,
  },
  extensions: [
    modelHubApi,
    modelsPage,
    reviewInboxPage,
    goldenPathsPage,
    entityModelsContent,
    entityModelsCard,
    modelGovernanceContent,
    modelCardContent,
    modelRiskContent,
    modelDriftContent,
    modelVersionsContent,
    entityScorecardContent,
    entityScorecardCard,
    modelPickerFormField,
  ],
});
