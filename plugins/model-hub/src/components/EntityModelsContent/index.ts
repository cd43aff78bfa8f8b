export { EntityModelsContent } from './EntityModelsContent';
export { EntityModelsCard } from './EntityModelsCard';
export { modelDependencies } from './modelDependencies';
