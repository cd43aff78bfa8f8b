import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_FALLBACK_MODEL_OF,
  RELATION_HAS_FALLBACK_MODEL,
} from '@model-hub/backstage-plugin-model-hub-common';

/**
 * The catalog graph only draws relations it knows; this adds Model Hub's
 * fallback-model pair to Backstage's own, on the entity card and the graph page.
 */
export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [
                ...ALL_RELATIONS,
                RELATION_HAS_FALLBACK_MODEL,
                RELATION_FALLBACK_MODEL_OF,
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                [RELATION_HAS_FALLBACK_MODEL, RELATION_FALLBACK_MODEL_OF],
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
