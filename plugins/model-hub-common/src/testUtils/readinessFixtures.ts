import type { GovernanceState } from '../governance';
import type { ModelReadinessFacts } from '../readiness';

/**
 * A model as the readiness fixtures describe it: the facts readiness is
 * decided from, and the governance state of its newest version (which the
 * rule does not read: a model whose newest version waits for review can
 * still be ready through an older approved one).
 *
 * @public
 */
export type ReadinessFixture = {
  /** A unique name, usable as an entity name. */
  name: string;
  /** What it is there to show. */
  description: string;
  facts: ModelReadinessFacts & {
    drift: Array<{
      environment: string;
      status: NonNullable<ModelReadinessFacts['driftStatus']>;
    }>;
  };
  governanceStatus: GovernanceState;
};

/**
 * The environments the fixtures are judged for: reported ones, one only
 * some models reported from, one none did, and names that are prefixes of
 * others (a substring match would confuse them).
 *
 * @public
 */
export const READINESS_FIXTURE_ENVIRONMENTS = [
  'production',
  'prod',
  'staging',
  'dev',
  'pre-production',
];

const approved = { latestApprovedVersion: '1.0.0' };

/**
 * Models covering every branch of `readinessFor` as data that the model
 * list, the model index (on SQLite and PostgreSQL) and the actions can hold,
 * so that each copy of the rule can be tested against the function itself.
 *
 * @public
 */
export const READINESS_FIXTURES: ReadinessFixture[] = [
  {
    name: 'approved-healthy',
    description: 'approved, no drift where it reported',
    facts: {
      ...approved,
      lifecycle: 'production',
      regulatoryCategory: 'minimal',
      driftStatus: 'ok',
      drift: [{ environment: 'production', status: 'ok' }],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'approved-never-reported',
    description: 'approved, no drift report anywhere',
    facts: {
      ...approved,
      lifecycle: 'production',
      driftStatus: 'unknown',
      drift: [],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'approved-no-lifecycle',
    description: 'approved, without a lifecycle',
    facts: { ...approved, driftStatus: 'unknown', drift: [] },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'approved-experimental',
    description: 'approved and experimental: experimental is not a bar',
    facts: {
      ...approved,
      lifecycle: 'experimental',
      driftStatus: 'ok',
      drift: [{ environment: 'staging', status: 'ok' }],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'newest-waiting-older-approved',
    description:
      'its newest version waits for approval, an older one is approved',
    facts: {
      ...approved,
      lifecycle: 'production',
      regulatoryCategory: 'high',
      driftStatus: 'ok',
      drift: [{ environment: 'production', status: 'ok' }],
    },
    governanceStatus: 'WAITING_FOR_APPROVAL',
  },
  {
    name: 'never-approved',
    description: 'no approved version',
    facts: {
      lifecycle: 'production',
      driftStatus: 'ok',
      drift: [{ environment: 'production', status: 'ok' }],
    },
    governanceStatus: 'WAITING_FOR_APPROVAL',
  },
  {
    name: 'approval-overdue',
    description: 'its only approval expired: no approved version now',
    facts: { lifecycle: 'production', driftStatus: 'unknown', drift: [] },
    governanceStatus: 'REVIEW_OVERDUE',
  },
  {
    name: 'deprecated',
    description: 'approved but deprecated',
    facts: {
      ...approved,
      lifecycle: 'deprecated',
      driftStatus: 'ok',
      drift: [{ environment: 'production', status: 'ok' }],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'retired',
    description: 'approved but retired',
    facts: {
      ...approved,
      lifecycle: 'retired',
      driftStatus: 'unknown',
      drift: [],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'prohibited',
    description: 'approved, in the EU AI Act category unacceptable',
    facts: {
      ...approved,
      lifecycle: 'production',
      regulatoryCategory: 'unacceptable',
      driftStatus: 'ok',
      drift: [{ environment: 'production', status: 'ok' }],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'drifts-in-production',
    description: 'drifts in production only',
    facts: {
      ...approved,
      lifecycle: 'production',
      driftStatus: 'drift',
      drift: [
        { environment: 'production', status: 'drift' },
        { environment: 'staging', status: 'ok' },
      ],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'drifts-in-staging',
    description:
      'drifts in staging only: ready for production, and not for environments that never reported (the worst status counts there)',
    facts: {
      ...approved,
      lifecycle: 'production',
      driftStatus: 'drift',
      drift: [
        { environment: 'production', status: 'ok' },
        { environment: 'staging', status: 'drift' },
      ],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'drifts-in-prod-not-production',
    description: 'drifts in "prod", not in "production" (a prefix of it)',
    facts: {
      ...approved,
      lifecycle: 'production',
      driftStatus: 'drift',
      drift: [
        { environment: 'prod', status: 'drift' },
        { environment: 'production', status: 'warning' },
        { environment: 'pre-production', status: 'ok' },
      ],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'stale-and-warning',
    description: 'warning and stale drift do not count against it',
    facts: {
      ...approved,
      lifecycle: 'production',
      driftStatus: 'warning',
      drift: [
        { environment: 'production', status: 'stale' },
        { environment: 'staging', status: 'warning' },
      ],
    },
    governanceStatus: 'APPROVED',
  },
  {
    name: 'everything-wrong',
    description: 'deprecated, unapproved and drifting everywhere',
    facts: {
      lifecycle: 'deprecated',
      regulatoryCategory: 'unacceptable',
      driftStatus: 'drift',
      drift: [{ environment: 'production', status: 'drift' }],
    },
    governanceStatus: 'REJECTED',
  },
];
