/**
 * Tech Insights backend module that turns Model Hub's golden-path verdicts
 * of models and of the services that use them into Tech Insights facts.
 *
 * @packageDocumentation
 */

export { techInsightsModuleModelHubGoldenPaths as default } from './module';
export {
  createModelHubGoldenPathsFactRetriever,
  MODEL_HUB_FACT_RETRIEVER_ID,
  type ModelHubGoldenPathsFactRetrieverOptions,
} from './modelHubGoldenPathsFactRetriever';
export {
  checkIdToFactName,
  MODEL_HUB_GOLDEN_PATH_CHECKS,
  MODEL_HUB_SUMMARY_FACTS,
} from './factNames';
