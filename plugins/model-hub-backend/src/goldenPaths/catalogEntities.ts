import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const PAGE = 500;

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
