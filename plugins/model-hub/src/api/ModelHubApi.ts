import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DriftStatus,
  EvidenceItem,
  GovernanceLevelPolicy,
  GovernanceState,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';

/** One model's status, as the service "Models" tab shows it. */
export type ModelStatus =
  | { entityRef: string; found: false }
  | {
      entityRef: string;
      found: true;
      title: string;
      riskLevel: RiskLevel;
      regulatoryCategory: string;
      governanceStatus: GovernanceState;
      latestApprovedVersion?: string;
      driftStatus: DriftStatus;
      drift: Array<{
        environment: string;
        version: string;
        status: DriftStatus;
        driftedShare: number;
        windowEnd: string;
      }>;
      deployments: Array<{
        environment: string;
        version: string;
        deployedAt: string;
        governanceStatus: GovernanceState;
        approved: boolean;
      }>;
    };

/** A model's governance summary: its policy and each version's state. */
export type ModelGovernance = {
  modelRef: string;
  riskLevel: RiskLevel;
  regulatoryCategory: string;
  policy: GovernanceLevelPolicy;
  status: GovernanceState;
  latestApprovedVersion?: string;
  versions: Array<{
    version: string;
    publishedBy: string;
    publishedAt: string;
    deprecated: boolean;
    state: GovernanceState;
    expiresAt?: string;
    evidence: { items: EvidenceItem[]; complete: boolean };
  }>;
};

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
