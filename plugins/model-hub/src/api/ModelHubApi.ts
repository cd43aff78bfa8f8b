import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ModelGovernanceSummary,
  ModelStatus,
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

export class ModelHubClient implements ModelHubApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('model-hub');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }

  async getStatuses(entityRefs: string[]): Promise<ModelStatus[]> {
    if (entityRefs.length === 0) return [];
    const { items } = await this.request<{ items: ModelStatus[] }>('/status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs }),
    });
    return items;
  }

  async getGovernance(model: { namespace: string; name: string }) {
    return this.request<ModelGovernance>(
      `/models/${encodeURIComponent(model.namespace)}/${encodeURIComponent(
        model.name,
      )}/governance`,
    );
  }
}
