import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  createModelHubClient,
  ModelHubApiComponents,
  ModelGovernanceSummary,
  ModelOverview,
  ModelStatus,
  ModelVersion,
  ModelVersionPage,
  unwrapModelHubResponse,
} from '@model-hub/backstage-plugin-model-hub-common';

/**
 * Options of every {@link ModelHubService} call: whose request it is.
 *
 * @public
 */
export type ModelHubServiceRequestOptions = {
  /** The credentials of the caller: Model Hub checks permissions as them. */
  credentials: BackstageCredentials;
};

/**
 * The golden-path scorecard of one model or service, as Model Hub stores it
 * after its last evaluation: counts and pass rate over the checks that apply
 * (`not-applicable` verdicts count in neither), every verdict, and the
 * history of verdict changes, newest first.
 *
 * @public
 */
export type EntityScorecard =
  ModelHubApiComponents['schemas']['EntityScorecard'];

/**
 * One verdict of a scorecard or of a candidate evaluation: the check, its
 * severity and `pass`, `fail` or `not-applicable`, with the reason and, for a
 * failure, what to do.
 *
 * @public
 */
export type ScorecardVerdict =
  ModelHubApiComponents['schemas']['GoldenPathVerdict'];

/**
 * A golden-path check as Model Hub runs it: id, title, the severity app-config
 * gives it, whether it applies to models, services or is a module's own
 * (`custom`), and where it comes from.
 *
 * @public
 */
export type GoldenPathCheckSummary =
  ModelHubApiComponents['schemas']['GoldenPathCheck'];

/**
 * What other backend plugins and modules (the scaffolder module, golden
 * paths, Tech Insights fact retrievers) read from Model Hub. Models are named
 * by entity ref; `model:` and `default/` may be left out.
 *
 * @public
 */
export interface ModelHubService {
  /** Status of many models in one call; unknown or hidden models come back `found: false`. */
  getModelStatuses(
    request: { entityRefs: string[] },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelStatus[]>;

  /** The governance policy of a model and each version's sign-off state and evidence. */
  getModelGovernance(
    request: {
      entityRef: string;
      /** A version to include however old (the newest 50 are listed). */
      version?: string;
    },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelGovernanceSummary>;

  /** A model's aliases and which version is deployed in which environment. */
  getModelOverview(
    request: { entityRef: string },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelOverview>;

  /** Published versions, newest first. */
  listModelVersions(
    request: { entityRef: string; limit?: number; offset?: number },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelVersionPage>;

  /** One published version, with its signature and reference profile. */
  getModelVersion(
    request: { entityRef: string; version: string },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelVersion>;

  /**
   * The golden-path scorecard of a model or a service that uses models, e.g.
   * `model:default/credit-scoring-pd` or `component:default/loan-api` (the
   * kind is required; the namespace defaults to `default`). `undefined` when
   * the entity is not in the catalog or the caller may not see it. An entity
   * Model Hub has not evaluated (yet) has no `evaluatedAt` and no verdicts.
   */
  getScorecard(
    entityRef: string | CompoundEntityRef,
    options: ModelHubServiceRequestOptions,
  ): Promise<EntityScorecard | undefined>;

  /** The golden-path checks that run, Model Hub's own and those modules added, with their configured severity. */
  listGoldenPathChecks(
    options: ModelHubServiceRequestOptions,
  ): Promise<GoldenPathCheckSummary[]>;

  /**
   * Runs the service checks on an entity that is not in the catalog yet (a
   * service a template is about to create, with the models it will use in
   * `spec.dependsOn`) and returns the verdicts; nothing is stored.
   */
  evaluateGoldenPaths(
    entity: Entity,
    options: ModelHubServiceRequestOptions,
  ): Promise<ScorecardVerdict[]>;
}

/** The namespace and name of a Model entity ref, for the API's paths. */
function modelPath(entityRef: string) {
  const ref = parseEntityRef(entityRef, {
    defaultKind: 'model',
    defaultNamespace: 'default',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'model') {
    throw new InputError(
      `entityRef: ${entityRef} is a ${ref.kind}, not a Model`,
    );
  }
  return { namespace: ref.namespace, name: ref.name };
}

/** The kind, namespace and name of any entity ref, for the scorecard path. */
function entityPath(entityRef: string | CompoundEntityRef) {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(entityRef, { defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
  return {
    kind: ref.kind.toLocaleLowerCase('en-US'),
    namespace: ref.namespace,
    name: ref.name,
  };
}

/**
 * The default {@link ModelHubService}: calls the Model Hub backend through
 * the generated client with a token on behalf of the caller, so the
 * backend's permission checks and audit trail see who is asking, wherever
 * the Model Hub plugin is deployed.
 *
 * @public
 */
export class DefaultModelHubService implements ModelHubService {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  private async client(credentials: BackstageCredentials) {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'model-hub',
    });
    return createModelHubClient({
      discoveryApi: this.deps.discovery,
      headers: { Authorization: `Bearer ${token}` },
    });
  }

  async getModelStatuses(
    request: { entityRefs: string[] },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelStatus[]> {
    if (request.entityRefs.length === 0) return [];
    const client = await this.client(options.credentials);
    const result = await client.POST('/status', {
      body: { entityRefs: request.entityRefs },
    });
    return unwrapModelHubResponse(result).items;
  }

  async getModelGovernance(
    request: { entityRef: string; version?: string },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelGovernanceSummary> {
    const path = modelPath(request.entityRef);
    const client = await this.client(options.credentials);
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/governance', {
        params: {
          path,
          ...(request.version ? { query: { version: request.version } } : {}),
        },
      }),
    );
  }

  async getModelOverview(
    request: { entityRef: string },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelOverview> {
    const path = modelPath(request.entityRef);
    const client = await this.client(options.credentials);
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}', { params: { path } }),
    );
  }

  async listModelVersions(
    request: { entityRef: string; limit?: number; offset?: number },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelVersionPage> {
    const path = modelPath(request.entityRef);
    const client = await this.client(options.credentials);
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/versions', {
        params: {
          path,
          query: { limit: request.limit, offset: request.offset },
        },
      }),
    );
  }

  async getModelVersion(
    request: { entityRef: string; version: string },
    options: ModelHubServiceRequestOptions,
  ): Promise<ModelVersion> {
    const path = modelPath(request.entityRef);
    const client = await this.client(options.credentials);
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/versions/{version}', {
        params: { path: { ...path, version: request.version } },
      }),
    );
  }

  async getScorecard(
    entityRef: string | CompoundEntityRef,
    options: ModelHubServiceRequestOptions,
  ): Promise<EntityScorecard | undefined> {
    const path = entityPath(entityRef);
    const client = await this.client(options.credentials);
    const result = await client.GET('/scorecards/{kind}/{namespace}/{name}', {
      params: { path },
    });
    if (result.response.status === 404) return undefined;
    return unwrapModelHubResponse(result);
  }

  async listGoldenPathChecks(
    options: ModelHubServiceRequestOptions,
  ): Promise<GoldenPathCheckSummary[]> {
    const client = await this.client(options.credentials);
    return unwrapModelHubResponse(await client.GET('/golden-paths/checks', {}))
      .items;
  }

  async evaluateGoldenPaths(
    entity: Entity,
    options: ModelHubServiceRequestOptions,
  ): Promise<ScorecardVerdict[]> {
    const client = await this.client(options.credentials);
    return unwrapModelHubResponse(
      await client.POST('/golden-paths/evaluate', { body: { entity } }),
    ).verdicts;
  }
}

/**
 * The Model Hub service for other backend plugins and modules.
 *
 * @public
 */
export const modelHubServiceRef = createServiceRef<ModelHubService>({
  id: 'model-hub.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        new DefaultModelHubService({ discovery, auth }),
    }),
});
