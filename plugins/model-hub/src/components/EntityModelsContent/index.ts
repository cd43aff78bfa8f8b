export { EntityModelsContent, modelDependencies } from './EntityModelsContent';
