import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import { authorizeOrUnavailable } from './ModelAccess';

/**
 * Of these model refs, those the caller may read Model Hub data of
 * (`model-hub.model.read`, asked of the permission framework with the
 * caller's credentials, in one request): as ModelAccess decides for
 * one model. A permission framework that cannot answer is a 503.
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
