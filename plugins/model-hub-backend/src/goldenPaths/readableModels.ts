import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import { authorizeOrUnavailable } from '../service/ModelAccess';

const PAGE = 500;

/**
 * Of these model refs, those the caller may read Model Hub data of
 * (`model-hub.model.read`, asked of the permission framework with the
 * caller's credentials, in one request): as ModelAccess decides for the
 * REST API. A permission framework that cannot answer is a 503.
 */
export async function readableModelRefs(
  permissions: PermissionsService,
  modelRefs: string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const refs = [...new Set(modelRefs)];
  const decisions = await authorizeOrUnavailable(
    permissions,
    refs.map(resourceRef => ({
      permission: modelHubReadPermission,
      resourceRef,
    })),
    credentials,
  );
  return new Set(
    refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}

/**
 * The entities of these refs the caller sees in the catalog (their own
 * credentials, so the catalog's permissions apply), by ref; refs the
 * catalog does not show them are left out.
 */
export async function entitiesVisibleTo(
  catalog: CatalogService,
  refs: string[],
  credentials: BackstageCredentials,
  fields?: string[],
): Promise<Map<string, Entity>> {
  const result = new Map<string, Entity>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += PAGE) {
    const slice = unique.slice(i, i + PAGE);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: slice, ...(fields ? { fields } : {}) },
      { credentials },
    );
    items.forEach((e, j) => e && result.set(slice[j], e));
  }
  return result;
}
