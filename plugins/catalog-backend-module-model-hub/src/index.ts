/***/
/**
 * The model-hub backend module for the catalog plugin.
 *
 * @packageDocumentation
 */

export { catalogModuleModelHub as default } from './module';
