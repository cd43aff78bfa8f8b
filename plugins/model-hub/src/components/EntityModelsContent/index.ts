export { EntityModelsContent } from './EntityModelsContent';
export { modelDependencies } from './modelDependencies';
