import type { ModelIndexStatus } from '../service/modelIndex';

/** A model index status: not started, no drift reported, unless overridden. */
export const indexStatus = (
  overrides: Partial<ModelIndexStatus> = {},
): ModelIndexStatus => ({
  governanceStatus: 'NOT_STARTED',
  driftStatus: 'unknown',
  reportedEnvironments: [],
  driftingEnvironments: [],
  summaryRows: {
    versions: [],
    latestReviews: [],
    latestDrift: [],
    deployments: [],
  },
  ...overrides,
});
