import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelIndexService } from './ModelIndexService';
import { actorOf } from './actor';
import {
  catalogWideAccess,
  permissionFrameworkUnavailable,
} from './catalogWideAccess';
import { ModelCatalog } from './ModelCatalog';
import { Reviewer } from './separationOfDuties';
import {
  ActingForClaim,
  actingFor,
  PeopleDirectory,
} from './accountablePeople';
import { ServiceActors } from '../config';
import { ModelEntityCache } from './modelEntityCache';
import { BatchedModelReader } from './batchedModelReader';

const NO_PEOPLE: PeopleDirectory = {
  getUser: async () => undefined,
  findUsersByGithubLogin: async () => [],
};

export type ModelName = { namespace: string; name: string };

/**
 * Asks the permission framework; when it cannot answer (the permission
 * backend is down or fails), the request fails with 503 instead of the
 * model reading as missing or forbidden.
 */
export async function authorizeOrUnavailable(
  permissions: PermissionsService,
  requests: Array<{
    permission: ResourcePermission<'catalog-entity'>;
    resourceRef: string;
  }>,
  credentials: BackstageCredentials,
) {
  if (requests.length === 0) return [];
  try {
    return await permissions.authorize(requests, { credentials });
  } catch (error) {
    throw permissionFrameworkUnavailable(error);
  }
}

/**
 * The signed-in person and the groups they belong to, from their Backstage
 * identity (never from the request), for the separation-of-duties rules:
 * the one way Model Hub learns who reviews, for review decisions, what the
 * caller may decide (`yourEligibility`) and the reviews inbox alike. A
 * service token is not a person and reviews nothing (NotAllowedError).
 */
export async function reviewerOf(
  userInfo: Pick<UserInfoService, 'getUserInfo'>,
  credentials: BackstageCredentials,
): Promise<Reviewer> {
  const principal = credentials.principal as { type?: string } | undefined;
  if (principal?.type !== 'user') {
    throw new NotAllowedError('Only a signed-in person can review models');
  }
  const info = await userInfo.getUserInfo(credentials);
  return {
    userEntityRef: info.userEntityRef,
    ownershipEntityRefs: info.ownershipEntityRefs,
  };
}

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
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
    private readonly index?: Pick<ModelIndexService, 'isIndexed'>,
    /** Whom services may act for; without it, services name nobody. */
    private readonly accountability?: {
      people: PeopleDirectory;
      serviceActors: ServiceActors;
    },
    /** Entities for reads (see {@link readableModel}). */
    private readonly entities = new ModelEntityCache(),
  ) {
    this.batch = new BatchedModelReader(async refs =>
      this.models.getModels(refs, await this.auth.getOwnServiceCredentials()),
    );
  }

  /** Entities for reads that miss the cache, read together. */
  private readonly batch: BatchedModelReader;

  /** See {@link reviewerOf}. */
  async reviewer(credentials: BackstageCredentials): Promise<Reviewer> {
    return reviewerOf(this.userInfo, credentials);
  }

  /**
   * The person a CI pipeline says it acts for, checked (see
   * {@link actingFor}) and recorded so that they cannot approve their own
   * work later. Only service principals name one: a signed-in person always
   * acts for themselves.
   */
  async onBehalfOf(
    credentials: BackstageCredentials,
    claim: ActingForClaim,
  ): Promise<string | undefined> {
    const principal = this.auth.isPrincipal(credentials, 'service')
      ? { type: 'service' as const, subject: credentials.principal.subject }
      : { type: 'user' as const };
    return actingFor(
      claim,
      principal,
      this.accountability?.people ?? NO_PEOPLE,
      this.accountability?.serviceActors ?? new Map(),
    );
  }

  async resolve(
    model: ModelName,
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<{ entity: ModelEntity; modelRef: string; actor: string }> {
    const modelRef = modelRefOf(model);
    let entity: ModelEntity;
    if (this.auth.isPrincipal(credentials, 'service')) {
      // A service token (a CI pipeline) is decided by its access
      // restrictions alone, whatever the model: asked first, then the model
      // is read as Model Hub itself. A token restricted to Model Hub's
      // permissions thus needs no catalog access of its own, which could
      // not be restricted (Backstage never delegates a restricted token).
      await this.authorize(permission, modelRef, credentials);
      entity = await this.models.getModel(
        model,
        await this.auth.getOwnServiceCredentials(),
      );
    } else {
      entity = await this.models.getModel(model, credentials);
      await this.authorize(permission, modelRef, credentials);
    }
    return { entity, modelRef, actor: actorOf(this.auth, credentials) };
  }

  /**
   * For reads that need only the model's ref (versions, drift reports,
   * metrics): when the policy lets the caller read every model and its Model
   * Hub data without conditions, a model of the model index is known to
   * exist without asking the catalog, which saves a catalog round trip per
   * read. Otherwise as {@link resolve} with the read permission.
   */
  async readableModelRef(
    model: ModelName,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const modelRef = modelRefOf(model);
    if (this.index) {
      const access = await catalogWideAccess(this.permissions, credentials);
      if (access?.statusVisible && (await this.index.isIndexed(modelRef))) {
        return modelRef;
      }
    }
    return (await this.resolve(model, credentials, modelHubReadPermission))
      .modelRef;
  }

  /**
   * For reads that need the model's entity (the governance summary, its
   * reviews, its scorecard): as {@link readableModelRef}, a caller the
   * policy lets read every model and its Model Hub data without conditions
   * reads an indexed model's entity as Model Hub last read it from the
   * catalog, at most MODEL_ENTITY_TTL_MS ago, instead of asking the catalog
   * on every tab of the model page. Everyone else is answered as
   * {@link resolve} answers them. Writes always resolve afresh.
   */
  async readableModel(
    model: ModelName,
    credentials: BackstageCredentials,
  ): Promise<{ entity: ModelEntity; modelRef: string }> {
    const modelRef = modelRefOf(model);
    if (this.index) {
      const access = await catalogWideAccess(this.permissions, credentials);
      if (access?.statusVisible && (await this.index.isIndexed(modelRef))) {
        const entity = await this.entities.get(modelRef, () =>
          this.batch.read(modelRef),
        );
        return { entity, modelRef };
      }
    }
    const { entity } = await this.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    return { entity, modelRef };
  }

  async authorize(
    permission: ResourcePermission<'catalog-entity'>,
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await authorizeOrUnavailable(
      this.permissions,
      [{ permission, resourceRef: modelRef }],
      credentials,
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${modelRef}`,
      );
    }
  }
}
