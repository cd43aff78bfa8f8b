import { Entity } from '@backstage/catalog-model';
import { modelDependencies } from './components/EntityModelsContent/modelDependencies';

/**
 * Whether an entity depends on at least one Model (shows the Models tab).
 * @public
 */
export function isModelConsumer(entity: Entity): boolean {
  return modelDependencies(entity).length > 0;
}
