/**
 * Catalog backend module that adds the Model Hub `Model` entity kind.
 *
 * @packageDocumentation
 */

export { catalogModuleModelHub as default } from './module';
export { ModelEntityProcessor } from './processor/ModelEntityProcessor';
