import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ModelAccess } from '../service/ModelAccess';
import { CatalogModelCatalog, ModelCatalog } from '../service/ModelCatalog';
import { DemoUser } from './demoScenario';

/*
 * DEMO ONLY: how the demo seeder acts as the example users.
 *
 * Model Hub's services take the caller's BackstageCredentials and record the
 * user they name in the audit trail. The seeder has no request, so it makes
 * credentials for the example users of its own scenario here. They carry no
 * token (they cannot be exchanged for one, nor sent to another plugin) and
 * they are only accepted by the ModelAccess made by `createDemoModelAccess`,
 * which the seeder's own service instances use: nothing that serves HTTP
 * requests or actions ever sees them, and no request input reaches them
 * (user names come from the typed scenario, never from a request).
 *
 * That ModelAccess reads the catalog and asks the permission framework with
 * the plugin's own service credentials (`auth.getOwnServiceCredentials()`),
 * as any plugin-internal job does; the named user is only the actor the
 * audit trail records. The services' own rules (four eyes, evidence, policy)
 * apply unchanged.
 */

/** The credentials the seeder made, and the only ones the demo access accepts. */
const issued = new WeakSet<BackstageCredentials>();

/**
 * Credentials naming an example user of the demo scenario, for the demo
 * seeder's service instances only (see the comment at the top of this file).
 */
export function demoUserCredentials(
  user: DemoUser,
): BackstageCredentials<BackstageUserPrincipal> {
  const credentials: BackstageCredentials<BackstageUserPrincipal> =
    Object.freeze({
      $$type: '@backstage/BackstageCredentials' as const,
      principal: Object.freeze({
        type: 'user' as const,
        userEntityRef: `user:default/${user}`,
      }),
    });
  issued.add(credentials);
  return credentials;
}

function requireDemoCredentials(credentials: BackstageCredentials) {
  if (!issued.has(credentials)) {
    throw new NotAllowedError(
      'The Model Hub demo data seeder only accepts its own demo credentials',
    );
  }
}

/**
 * The ModelAccess of the demo seeder's own service instances: it accepts
 * only {@link demoUserCredentials}, names their user as the actor, and reads
 * the catalog and checks permissions as the model-hub plugin itself.
 */
export function createDemoModelAccess(options: {
  auth: AuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
}): ModelAccess {
  const { auth, permissions } = options;
  const models = new CatalogModelCatalog(options.catalog);
  const demoModels: ModelCatalog = {
    async getModel(ref, credentials) {
      requireDemoCredentials(credentials);
      return models.getModel(ref, await auth.getOwnServiceCredentials());
    },
    async getModels(refs, credentials) {
      requireDemoCredentials(credentials);
      return models.getModels(refs, await auth.getOwnServiceCredentials());
    },
  };
  const demoPermissions: PermissionsService = {
    async authorize(requests, { credentials, ...rest }) {
      requireDemoCredentials(credentials);
      return permissions.authorize(requests, {
        ...rest,
        credentials: await auth.getOwnServiceCredentials(),
      });
    },
    async authorizeConditional(requests, { credentials, ...rest }) {
      requireDemoCredentials(credentials);
      return permissions.authorizeConditional(requests, {
        ...rest,
        credentials: await auth.getOwnServiceCredentials(),
      });
    },
  };
  // The example users' groups, from their catalog entities: demo
  // credentials carry no token for Backstage's user info to read.
  const demoUserInfo = {
    async getUserInfo(credentials: BackstageCredentials) {
      requireDemoCredentials(credentials);
      const { userEntityRef } = (
        credentials as BackstageCredentials<BackstageUserPrincipal>
      ).principal;
      const user = await options.catalog.getEntityByRef(userEntityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      const groups = (user?.relations ?? [])
        .filter(relation => relation.type === RELATION_MEMBER_OF)
        .map(relation => relation.targetRef);
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] };
    },
  };
  return new ModelAccess(demoModels, demoPermissions, auth, demoUserInfo);
}
