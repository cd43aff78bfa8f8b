/**
 * Model Hub frontend: the model catalog page, the reviewer's inbox, the
 * Model entity tabs (model card, versions, risk, drift, governance) and the
 * service "Models" tab, the golden-paths page and the scorecard tab and card
 * of models and the services that use them.
 *
 * @packageDocumentation
 */
export { modelHubPlugin as default } from './plugin';
export { modelHubApiRef, ModelHubClient } from './api/ModelHubApi';
export type {
  ModelHubApi,
  ModelStatus,
  ModelGovernance,
  GoldenPathCheck,
  GoldenPathVerdict,
  EntityScorecard,
  ScorecardGroup,
  ScorecardOverview,
  ScorecardQuery,
} from './api/ModelHubApi';
export {
  EntityModelsContent,
  EntityModelsCard,
} from './components/EntityModelsContent';
export { ModelGovernanceContent } from './components/ModelGovernanceContent';
export {
  ModelCardContent,
  modelCardMarkdown,
} from './components/ModelCardContent';
export type { ModelCardMarkdownOptions } from './components/ModelCardContent';
export { ModelRiskContent } from './components/ModelRiskContent';
export { ModelDriftContent } from './components/ModelDriftContent';
export { ModelVersionsContent } from './components/ModelVersionsContent';
export { modelDependencies } from './components/EntityModelsContent';
export {
  modelHubLegacyPlugin,
  EntityModelHubModelsContent,
  EntityModelHubModelsCard,
  EntityModelHubGovernanceContent,
  EntityModelCardContent,
  EntityModelHubRiskContent,
  EntityModelHubDriftContent,
  EntityModelHubVersionsContent,
  ModelHubModelsPage,
  ModelHubReviewInboxPage,
  ModelHubGoldenPathsPage,
  EntityModelHubScorecardCard,
  EntityModelHubScorecardContent,
  ModelPickerFieldExtension,
} from './legacy';
export { ModelsPage } from './components/ModelsPage';
export { ReviewInboxPage } from './components/ReviewInboxPage';
export { GoldenPathsPage } from './components/GoldenPathsPage';
export { ScorecardCard, ScorecardContent } from './components/ScorecardContent';
export { isModelConsumer } from './filters';
export {
  ModelPicker,
  ModelPickerFieldSchema,
  modelPickerValidation,
} from './components/ModelPicker';
export type {
  ModelPickerProps,
  ModelPickerUiOptions,
} from './components/ModelPicker';
