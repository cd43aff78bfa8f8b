import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';

/** The models an entity depends on, from its `dependsOn` relations. */
export function modelDependencies(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(
      r =>
        r.type === RELATION_DEPENDS_ON &&
        parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === 'model',
    )
    .map(r => r.targetRef);
}
