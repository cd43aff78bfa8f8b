import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  getModelEntityRefFields,
  isModelEntity,
  modelEntityV1alpha1Validator,
  resolveModelEntityRef,
} from '@model-hub/backstage-plugin-model-hub-common';

/**
 * Catalog processor for `kind: Model` (`model-hub.io/v1alpha1`).
 *
 * - `validateEntityKind` claims Model entities and validates them against the
 *   Model JSON schema. An invalid Model makes it throw an error naming the
 *   field, the bad value and what is allowed; the catalog then records the
 *   error on the entity and keeps serving its last valid version.
 * - `postProcessEntity` emits the relations of a Model in both directions:
 *   ownedBy/ownerOf, partOf/hasPart, dependsOn/dependencyOf (training data),
 *   providesApi/apiProvidedBy and hasFallbackModel/fallbackModelOf.
 *
 * @public
 */
export class ModelEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ModelEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    return modelEntityV1alpha1Validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isModelEntity(entity)) {
      return entity;
    }
    const selfRef = getCompoundEntityRef(entity);
    const emitted = new Set<string>();
    for (const field of getModelEntityRefFields(entity)) {
      if (!field.relation) {
        continue;
      }
      const targetRef = resolveModelEntityRef(entity, field);
      const target = {
        kind: targetRef.kind,
        namespace: targetRef.namespace,
        name: targetRef.name,
      };
      // The same dataset may be listed twice (training and validation).
      const key = `${field.relation.outgoing} ${stringifyEntityRef(target)}`;
      if (emitted.has(key)) {
        continue;
      }
      emitted.add(key);
      emit(
        processingResult.relation({
          source: selfRef,
          type: field.relation.outgoing,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: field.relation.incoming,
          target: selfRef,
        }),
      );
    }
    return entity;
  }
}
