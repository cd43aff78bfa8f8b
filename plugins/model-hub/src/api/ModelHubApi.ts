import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  createModelHubClient,
  unwrapModelHubResponse,
  type ModelHubApiComponents,
  type ModelHubApiPaths,
  type ModelGovernanceSummary,
  type ModelStatus,
} from '@model-hub/backstage-plugin-model-hub-common';

type Schemas = ModelHubApiComponents['schemas'];

export type { ModelStatus };
/** A model's governance summary (the backend's response type). */
export type ModelGovernance = ModelGovernanceSummary;
export type ModelVersion = Schemas['ModelVersion'];
export type ModelVersionPage = Schemas['VersionPage'];
export type ModelOverview = Schemas['ModelOverview'];
export type ModelReview = Schemas['ModelReview'];
export type ModelReviewPage = Schemas['ModelReviewPage'];
export type ReviewDecision = Schemas['ReviewDecision'];
export type DriftReport = Schemas['DriftReport'];
export type DriftReportPage = Schemas['DriftReportPage'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditEventPage = Schemas['AuditEventPage'];
export type ModelListItem = Schemas['ModelListItem'];
export type ModelListPage = Schemas['ModelListPage'];
export type ReviewInbox = Schemas['ReviewInbox'];
export type ReviewInboxItem = Schemas['ReviewInboxItem'];
export type GoldenPathCheck = Schemas['GoldenPathCheck'];
export type GoldenPathCheckList = Schemas['GoldenPathCheckList'];
export type GoldenPathVerdict = Schemas['GoldenPathVerdict'];
export type EntityScorecard = Schemas['EntityScorecard'];
export type ScorecardGroup = Schemas['ScorecardGroup'];
export type ScorecardOverview = Schemas['ScorecardOverview'];
/** Which entities the golden-paths overview covers, as `GET /scorecards` takes it. */
export type ScorecardQuery = NonNullable<
  ModelHubApiPaths['/scorecards']['get']['parameters']['query']
>;
/** The model catalog's filters, sort and page, as `GET /models` takes them. */
export type ModelListQuery = NonNullable<
  ModelHubApiPaths['/models']['get']['parameters']['query']
>;

/** Namespace and name of a Model entity. */
export type ModelName = { namespace: string; name: string };

/** Paging as the backend takes it. */
export type PageRequest = { limit?: number; offset?: number };

/** The Model Hub backend, as the frontend uses it. */
export interface ModelHubApi {
  /** The model catalog: filtered, searched, sorted and paged by the backend. */
  listModels(query: ModelListQuery): Promise<ModelListPage>;
  /** The signed-in reviewer's inbox. */
  getReviewInbox(query?: { expiringWithinDays?: number }): Promise<ReviewInbox>;
  getStatuses(entityRefs: string[]): Promise<ModelStatus[]>;
  getGovernance(model: ModelName): Promise<ModelGovernance>;
  /** Aliases and deployments. */
  getOverview(model: ModelName): Promise<ModelOverview>;
  /** Versions, newest first. */
  listVersions(model: ModelName, page?: PageRequest): Promise<ModelVersionPage>;
  /** Reviews, newest first, with their decisions. */
  listReviews(model: ModelName, page?: PageRequest): Promise<ModelReviewPage>;
  decideReview(
    model: ModelName,
    reviewId: string,
    decision: { decision: ReviewDecision; comment?: string },
  ): Promise<ModelReview>;
  /** Drift reports, latest window first. */
  listDriftReports(
    model: ModelName,
    query?: PageRequest & { environment?: string; from?: string; to?: string },
  ): Promise<DriftReportPage>;
  /** The audit trail, newest first. */
  listAuditEvents(
    model: ModelName,
    page?: PageRequest,
  ): Promise<AuditEventPage>;
  /** The golden-path checks that run, with their configured severity. */
  listGoldenPathChecks(): Promise<GoldenPathCheckList>;
  /** Golden-path pass rates by owner and by system, failing checks, trend. */
  getScorecardOverview(query?: ScorecardQuery): Promise<ScorecardOverview>;
  /**
   * The golden-path verdicts of one model or service and their history;
   * fails with a 404 ResponseError when the entity was not evaluated yet.
   */
  getEntityScorecard(entityRef: CompoundEntityRef): Promise<EntityScorecard>;
}

export const modelHubApiRef = createApiRef<ModelHubApi>({
  id: 'plugin.model-hub.api',
});

const path = (model: ModelName) => ({
  namespace: model.namespace,
  name: model.name,
});

/** {@link ModelHubApi} on the client generated from the backend's OpenAPI contract. */
export class ModelHubClient implements ModelHubApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async client() {
    const client = await createModelHubClient(this.deps);
    // Refusals become ResponseError, which ResponseErrorPanel shows in full.
    client.use({
      async onResponse({ response }) {
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return undefined;
      },
    });
    return client;
  }

  async listModels(query: ModelListQuery): Promise<ModelListPage> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models', { params: { query } }),
    );
  }

  async getReviewInbox(
    query: { expiringWithinDays?: number } = {},
  ): Promise<ReviewInbox> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/reviews', { params: { query } }),
    );
  }

  async getStatuses(entityRefs: string[]): Promise<ModelStatus[]> {
    if (entityRefs.length === 0) return [];
    const client = await this.client();
    const { items } = unwrapModelHubResponse(
      await client.POST('/status', { body: { entityRefs } }),
    );
    return items;
  }

  async getGovernance(model: ModelName): Promise<ModelGovernance> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/governance', {
        params: { path: path(model) },
      }),
    );
  }

  async getOverview(model: ModelName): Promise<ModelOverview> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}', {
        params: { path: path(model) },
      }),
    );
  }

  async listVersions(
    model: ModelName,
    page: PageRequest = {},
  ): Promise<ModelVersionPage> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/versions', {
        params: { path: path(model), query: page },
      }),
    );
  }

  async listReviews(
    model: ModelName,
    page: PageRequest = {},
  ): Promise<ModelReviewPage> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/reviews', {
        params: { path: path(model), query: page },
      }),
    );
  }

  async decideReview(
    model: ModelName,
    reviewId: string,
    decision: { decision: ReviewDecision; comment?: string },
  ): Promise<ModelReview> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.POST(
        '/models/{namespace}/{name}/reviews/{reviewId}/decisions',
        {
          params: { path: { ...path(model), reviewId } },
          body: decision,
        },
      ),
    );
  }

  async listDriftReports(
    model: ModelName,
    query: PageRequest & {
      environment?: string;
      from?: string;
      to?: string;
    } = {},
  ): Promise<DriftReportPage> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/drift-reports', {
        params: { path: path(model), query },
      }),
    );
  }

  async listAuditEvents(
    model: ModelName,
    page: PageRequest = {},
  ): Promise<AuditEventPage> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/audit-events', {
        params: { path: path(model), query: page },
      }),
    );
  }

  async listGoldenPathChecks(): Promise<GoldenPathCheckList> {
    const client = await this.client();
    return unwrapModelHubResponse(await client.GET('/golden-paths/checks'));
  }

  async getScorecardOverview(
    query: ScorecardQuery = {},
  ): Promise<ScorecardOverview> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/scorecards', { params: { query } }),
    );
  }

  async getEntityScorecard(
    entityRef: CompoundEntityRef,
  ): Promise<EntityScorecard> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/scorecards/{kind}/{namespace}/{name}', {
        params: {
          path: {
            kind: entityRef.kind.toLocaleLowerCase('en-US'),
            namespace: entityRef.namespace,
            name: entityRef.name,
          },
        },
      }),
    );
  }
}
