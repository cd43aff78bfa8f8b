/**
 * The model-hub module for @backstage/plugin-scaffolder-backend: actions that
 * resolve a catalog model for a new service.
 *
 * @packageDocumentation
 */

export { scaffolderModuleModelHub as default } from './module';
export { createResolveModelAction } from './actions/resolveModel';
