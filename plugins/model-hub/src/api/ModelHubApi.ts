import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  createModelHubClient,
  unwrapModelHubResponse,
  type ModelGovernanceSummary,
  type ModelStatus,
} from '@model-hub/backstage-plugin-model-hub-common';

export type { ModelStatus };
/** A model's governance summary (the backend's response type). */
export type ModelGovernance = ModelGovernanceSummary;

/** The Model Hub backend, as the frontend uses it. */
export interface ModelHubApi {
  getStatuses(entityRefs: string[]): Promise<ModelStatus[]>;
  getGovernance(model: {
    namespace: string;
    name: string;
  }): Promise<ModelGovernance>;
}

export const modelHubApiRef = createApiRef<ModelHubApi>({
  id: 'plugin.model-hub.api',
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

  async getStatuses(entityRefs: string[]): Promise<ModelStatus[]> {
    if (entityRefs.length === 0) return [];
    const client = await this.client();
    const { items } = unwrapModelHubResponse(
      await client.POST('/status', { body: { entityRefs } }),
    );
    return items;
  }

  async getGovernance(model: {
    namespace: string;
    name: string;
  }): Promise<ModelGovernance> {
    const client = await this.client();
    return unwrapModelHubResponse(
      await client.GET('/models/{namespace}/{name}/governance', {
        params: { path: { namespace: model.namespace, name: model.name } },
      }),
    );
  }
}
