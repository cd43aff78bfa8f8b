import type {
  ModelHubApi,
  ModelListItem,
  ModelListQuery,
  ModelStatus,
} from '../../api/ModelHubApi';

// Realistic models as GET /models and POST /status return them.
export const creditModel: ModelListItem = {
  entityRef: 'model:default/credit-scoring-pd',
  namespace: 'default',
  name: 'credit-scoring-pd',
  title: 'Consumer credit probability of default',
  tags: ['credit-risk'],
  type: 'classification',
  owner: 'group:default/credit-risk-analytics',
  lifecycle: 'production',
  riskLevel: 'High',
  regulatoryCategory: 'high',
  status: {
    governanceStatus: 'APPROVED',
    latestApprovedVersion: '3.2.0',
    driftStatus: 'ok',
    readyForProduction: true,
  },
};

export const priceModel: ModelListItem = {
  entityRef: 'model:default/day-ahead-price-forecast',
  namespace: 'default',
  name: 'day-ahead-price-forecast',
  title: 'Day-ahead electricity price forecast',
  tags: ['energy'],
  type: 'regression',
  owner: 'group:default/energy-trading',
  lifecycle: 'experimental',
  riskLevel: 'Severe',
  regulatoryCategory: 'minimal',
  status: {
    governanceStatus: 'WAITING_FOR_APPROVAL',
    driftStatus: 'unknown',
    readyForProduction: false,
  },
};

const isReady = (item: ModelListItem) => item.status?.readyForProduction;

/** A fake backend: searches titles, and readyFor keeps the ready models. */
export function fakeApi(statuses: ModelStatus[] = []) {
  const listModels = jest.fn(async (query: ModelListQuery) => {
    const items = [creditModel, priceModel]
      .filter(
        m => !query.search || m.title.toLowerCase().includes(query.search),
      )
      .filter(m => !query.readyFor || isReady(m));
    return {
      items,
      totalItems: items.length,
      facets: {
        owner: [],
        system: [],
        lifecycle: [],
        type: [],
        license: [],
        regulatoryCategory: [],
      },
    };
  });
  const getStatuses = jest.fn(async (refs: string[]) =>
    refs.map(
      ref =>
        statuses.find(s => s.entityRef === ref) ?? {
          entityRef: ref,
          found: false as const,
        },
    ),
  );
  const api = { listModels, getStatuses } as unknown as ModelHubApi;
  return { api, listModels, getStatuses };
}

export const creditStatus: ModelStatus = {
  entityRef: 'model:default/credit-scoring-pd',
  found: true,
  title: 'Consumer credit probability of default',
  lifecycle: 'production',
  riskLevel: 'High',
  regulatoryCategory: 'high',
  governanceStatus: 'APPROVED',
  latestApprovedVersion: '3.2.0',
  approvedVersions: ['3.2.0', '3.1.0'],
  driftStatus: 'warning',
  drift: [
    {
      environment: 'production',
      version: '3.2.0',
      status: 'ok',
      driftedShare: 0.1,
      windowEnd: '2025-05-01T00:00:00Z',
    },
    {
      environment: 'staging',
      version: '3.2.0',
      status: 'warning',
      driftedShare: 0.3,
      windowEnd: '2025-05-01T00:00:00Z',
    },
  ],
  deployments: [],
};

export const unapprovedStatus: ModelStatus = {
  ...creditStatus,
  governanceStatus: 'WAITING_FOR_APPROVAL',
  latestApprovedVersion: undefined,
  approvedVersions: [],
};

export const driftingStatus: ModelStatus = {
  ...creditStatus,
  driftStatus: 'drift',
  drift: [
    { ...creditStatus.drift[0], status: 'drift', driftedShare: 0.6 },
    { ...creditStatus.drift[1], status: 'ok', driftedShare: 0 },
  ],
};
