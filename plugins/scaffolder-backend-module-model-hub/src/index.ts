/**
 * The model-hub module for `@backstage/plugin-scaffolder-backend`: actions that
 * resolve a catalog model for a new service, check the golden-path policy and
 * wire the model into the generated code.
 *
 * @packageDocumentation
 */

export { scaffolderModuleModelHub as default } from './module';
export { createResolveModelAction } from './actions/resolveModel';
export { createCheckPolicyAction } from './actions/checkPolicy';
export { createWireModelAction } from './actions/wireModel';
export type { DeploymentGate } from './actions/common';
