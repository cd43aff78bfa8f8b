import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isModelEntity,
  ModelEntity,
} from '@model-hub/backstage-plugin-model-hub-common';

/** Looks up Model entities in the catalog: the source of truth for what a model is. */
export interface ModelCatalog {
  getModel(
    ref: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<ModelEntity>;
  getModels(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ModelEntity>>;
}

export class CatalogModelCatalog implements ModelCatalog {
  constructor(private readonly catalog: CatalogService) {}

  async getModel(
    ref: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<ModelEntity> {
    const entityRef = stringifyEntityRef({ kind: 'model', ...ref });
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No model ${entityRef} in the catalog`);
    }
    if (!isModelEntity(entity)) {
      throw new InputError(`${entityRef} is not a Model entity`);
    }
    return entity;
  }

  async getModels(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ModelEntity>> {
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const result = new Map<string, ModelEntity>();
    items.forEach((entity, index) => {
      if (entity && isModelEntity(entity)) result.set(refs[index], entity);
    });
    return result;
  }
}
