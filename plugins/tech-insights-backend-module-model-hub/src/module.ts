import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { modelHubServiceRef } from '@model-hub/backstage-plugin-model-hub-node';
import {
  createModelHubGoldenPathsFactRetriever,
  MODEL_HUB_FACT_RETRIEVER_ID,
} from './modelHubGoldenPathsFactRetriever';

/**
 * Tech Insights backend module: adds the `modelHubGoldenPathsFactRetriever`
 * fact retriever, which turns Model Hub's golden-path scorecards of Models
 * and of the Components that use them into Tech Insights facts.
 *
 * Like Tech Insights' own retrievers it runs only when
 * `techInsights.factRetrievers.modelHubGoldenPathsFactRetriever` (with a
 * `cadence`) is in app-config.
 *
 * @public
 */
export const techInsightsModuleModelHubGoldenPaths = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'model-hub-golden-paths',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        modelHub: modelHubServiceRef,
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
      },
      async init({ config, logger, catalog, modelHub, factRetrievers }) {
        factRetrievers.addFactRetrievers({
          [MODEL_HUB_FACT_RETRIEVER_ID]: createModelHubGoldenPathsFactRetriever(
            { modelHub, catalog },
          ),
        });
        // Tech Insights silently leaves out retrievers without config.
        if (
          !config.has(
            `techInsights.factRetrievers.${MODEL_HUB_FACT_RETRIEVER_ID}`,
          )
        ) {
          logger.warn(
            `The ${MODEL_HUB_FACT_RETRIEVER_ID} fact retriever will not run: add techInsights.factRetrievers.${MODEL_HUB_FACT_RETRIEVER_ID}.cadence to app-config`,
          );
        }
      },
    });
  },
});
