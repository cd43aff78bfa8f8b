import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ModelEntityProcessor } from './processor/ModelEntityProcessor';

/**
 * Adds the `Model` entity kind (`model-hub.io/v1alpha1`) to the catalog:
 * schema validation and relations.
 *
 * @public
 */
export const catalogModuleModelHub = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'model-hub',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new ModelEntityProcessor());
      },
    });
  },
});
