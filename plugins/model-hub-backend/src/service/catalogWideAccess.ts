import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';

/**
 * A permission framework that fails (the permission backend is down or
 * errs) is an outage, answered 503, never read as "forbidden" or "not found".
 */
export function permissionFrameworkUnavailable(error: unknown) {
  return new ServiceUnavailableError(
    'The permission framework could not decide on this request; try again shortly',
    error as Error,
  );
}

/**
 * Whether the caller reads every model of the catalog, and every model's
 * Model Hub status or none, without conditions: only then may Model Hub's
 * model index answer for the catalog. Undefined when the policy answers
 * with conditions (only the catalog can apply those), or denies catalog
 * reads. One request to the permission framework, whatever the batch size.
 */
export async function catalogWideAccess(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<{ statusVisible: boolean } | undefined> {
  let decisions;
  try {
    decisions = await permissions.authorizeConditional(
      [
        { permission: catalogEntityReadPermission },
        { permission: modelHubReadPermission },
      ],
      { credentials },
    );
  } catch (error) {
    throw permissionFrameworkUnavailable(error);
  }
  const [catalogRead, statusRead] = decisions;
  if (catalogRead.result !== AuthorizeResult.ALLOW) return undefined;
  if (statusRead.result === AuthorizeResult.CONDITIONAL) return undefined;
  return { statusVisible: statusRead.result === AuthorizeResult.ALLOW };
}
