import type { GoldenPathCheck, ScorecardOverview } from '../../api/ModelHubApi';

const PRICE = 'model:default/day-ahead-price-forecast';
const LOAD = 'model:default/grid-load-forecast';

/** The checks that run, as `GET /golden-paths/checks` lists them. */
export const checks: GoldenPathCheck[] = [
  {
    id: 'model-owner-team-size',
    title: 'The owning team has at least two members',
    description:
      'A model known to one person is lost when that person leaves (the "skills no longer available" risk).',
    severity: 'error',
    appliesTo: 'model',
    source: 'model-hub',
  },
  {
    id: 'model-card-complete',
    title: 'The model card is complete for the risk level',
    description:
      'Operations teams need the intended use, limitations and evaluation to run a model well.',
    severity: 'error',
    appliesTo: 'model',
    source: 'model-hub',
  },
  {
    id: 'service-drift-hook',
    title: 'The drift-profile hook is configured',
    description:
      'The service reports its inputs to Model Hub (annotation model-hub.io/drift-hook), so drift is noticed.',
    severity: 'warning',
    appliesTo: 'service',
    source: 'model-hub',
  },
];

/** Two teams and two systems after three runs, as `GET /scorecards` returns them. */
export const overview: ScorecardOverview = {
  totals: { entities: 3, passed: 11, failed: 5, passRate: 11 / 16 },
  byOwner: [
    {
      key: 'group:default/energy-trading-analytics',
      entities: 1,
      passed: 4,
      failed: 2,
      passRate: 4 / 6,
      failingChecks: [
        {
          checkId: 'model-owner-team-size',
          title: 'The owning team has at least two members',
          entities: [PRICE],
        },
        {
          checkId: 'model-card-complete',
          title: 'The model card is complete for the risk level',
          entities: [PRICE],
        },
      ],
    },
    {
      key: 'group:default/grid-analytics',
      entities: 2,
      passed: 7,
      failed: 3,
      passRate: 0.7,
      failingChecks: [
        {
          checkId: 'service-drift-hook',
          title: 'The drift-profile hook is configured',
          entities: ['component:default/grid-load-planner'],
        },
        {
          checkId: 'model-card-complete',
          title: 'The model card is complete for the risk level',
          entities: [LOAD],
        },
      ],
    },
  ],
  bySystem: [
    {
      key: 'system:default/energy-trading',
      entities: 1,
      passed: 4,
      failed: 2,
      passRate: 4 / 6,
      failingChecks: [
        {
          checkId: 'model-owner-team-size',
          title: 'The owning team has at least two members',
          entities: [PRICE],
        },
      ],
    },
    {
      key: '(none)',
      entities: 2,
      passed: 7,
      failed: 0,
      passRate: 1,
      failingChecks: [],
    },
  ],
  checks: [
    {
      checkId: 'model-card-complete',
      title: 'The model card is complete for the risk level',
      severity: 'error',
      passed: 0,
      failed: 2,
    },
    {
      checkId: 'model-owner-team-size',
      title: 'The owning team has at least two members',
      severity: 'error',
      passed: 1,
      failed: 1,
    },
    {
      checkId: 'service-drift-hook',
      title: 'The drift-profile hook is configured',
      severity: 'warning',
      passed: 0,
      failed: 1,
    },
  ],
  trend: [
    {
      evaluatedAt: '2026-11-30T09:00:00.000Z',
      entities: 3,
      passed: 8,
      failed: 8,
    },
    {
      evaluatedAt: '2026-11-30T09:30:00.000Z',
      entities: 3,
      passed: 10,
      failed: 6,
    },
    {
      evaluatedAt: '2026-12-01T03:44:32.425Z',
      entities: 3,
      passed: 11,
      failed: 5,
    },
  ],
};

export const emptyOverview: ScorecardOverview = {
  totals: { entities: 0, passed: 0, failed: 0, passRate: 0 },
  byOwner: [],
  bySystem: [],
  checks: [],
  trend: [],
};
