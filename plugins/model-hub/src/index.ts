/**
 * Model Hub frontend: the service "Models" tab and the Model "Governance" tab.
 *
 * @packageDocumentation
 */
export { modelHubPlugin as default } from './plugin';
export { modelHubApiRef, ModelHubClient } from './api/ModelHubApi';
export type {
  ModelHubApi,
  ModelStatus,
  ModelGovernance,
} from './api/ModelHubApi';
export { EntityModelsContent } from './components/EntityModelsContent';
export { ModelGovernanceContent } from './components/ModelGovernanceContent';
export { modelDependencies } from './components/EntityModelsContent';
export {
  modelHubLegacyPlugin,
  EntityModelHubModelsContent,
  EntityModelHubGovernanceContent,
} from './legacy';
export { isModelConsumer } from './filters';
