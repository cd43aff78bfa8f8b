import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { actorOf } from './actor';
import { ModelCatalog } from './ModelCatalog';

export type ModelName = { namespace: string; name: string };

export function modelRefOf(model: ModelName): string {
  return stringifyEntityRef({ kind: 'model', ...model });
}

/**
 * Resolves a model from the catalog, checks the caller's permission on it and
 * names the caller for the audit trail: the first step of every Model Hub
 * operation.
 */
export class ModelAccess {
  constructor(
    private readonly models: ModelCatalog,
    private readonly permissions: PermissionsService,
    private readonly auth: AuthService,
  ) {}

  async resolve(
    model: ModelName,
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<{ entity: ModelEntity; modelRef: string; actor: string }> {
    const entity = await this.models.getModel(model, credentials);
    const modelRef = modelRefOf(model);
    await this.authorize(permission, modelRef, credentials);
    return { entity, modelRef, actor: actorOf(this.auth, credentials) };
  }

  async authorize(
    permission: ResourcePermission<'catalog-entity'>,
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: modelRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${modelRef}`,
      );
    }
  }
}
