import { readinessFor } from '@model-hub/backstage-plugin-model-hub-common';
import {
  READINESS_FIXTURE_ENVIRONMENTS,
  READINESS_FIXTURES,
} from '@model-hub/backstage-plugin-model-hub-common/testUtils';
import { isReadyFor, summarizeModel } from './modelSummary';

/** The terms the reviews of these tests were requested under. */
const terms = {
  riskLevel: 'Medium' as const,
  requiredApprovals: 1,
  requiredEvidence: ['modelCard' as const],
  reviewCadenceMonths: 12,
};

const now = new Date('2026-12-01T12:00:00Z');
const hours = (h: number) => h * 3600_000;

describe('summarizeModel', () => {
  it('takes the newest version for the status and any older approved one as latest approved', () => {
    const summary = summarizeModel(
      {
        versions: [
          {
            version: '3.0.0',
            publishedAt: '2026-11-30T00:00:00Z',
            deprecated: false,
          },
          {
            version: '2.0.0',
            publishedAt: '2026-10-01T00:00:00Z',
            deprecated: true,
          },
          {
            version: '1.0.0',
            publishedAt: '2026-01-01T00:00:00Z',
            deprecated: false,
          },
        ],
        latestReviews: [
          { version: '3.0.0', state: 'WAITING_FOR_APPROVAL', ...terms },
          { version: '2.0.0', state: 'APPROVED', ...terms },
          {
            version: '1.0.0',
            state: 'APPROVED',
            expiresAt: '2027-01-01T00:00:00Z',
            ...terms,
          },
        ],
        latestDrift: [],
        deployments: [],
      },
      now,
      hours(48),
    );
    expect(summary).toMatchObject({
      governanceStatus: 'WAITING_FOR_APPROVAL',
      // 2.0.0 is deprecated: not a version to pin.
      latestApprovedVersion: '1.0.0',
      driftStatus: 'unknown',
    });
  });

  it('shows an approval past its expiry as overdue, and old windows as stale', () => {
    const summary = summarizeModel(
      {
        versions: [
          {
            version: '1.0.0',
            publishedAt: '2026-01-01T00:00:00Z',
            deprecated: false,
          },
        ],
        latestReviews: [
          {
            version: '1.0.0',
            state: 'APPROVED',
            expiresAt: '2026-11-01T00:00:00Z',
            ...terms,
          },
        ],
        latestDrift: [
          {
            environment: 'production',
            version: '1.0.0',
            status: 'ok',
            driftedShare: 0,
            windowEnd: '2026-11-25T00:00:00Z',
          },
          {
            environment: 'staging',
            version: '1.0.0',
            status: 'warning',
            driftedShare: 0.2,
            windowEnd: '2026-12-01T06:00:00Z',
          },
        ],
        deployments: [
          {
            environment: 'production',
            version: '1.0.0',
            deployedAt: '2026-01-02T00:00:00Z',
          },
        ],
      },
      now,
      hours(48),
    );
    expect(summary.governanceStatus).toBe('REVIEW_OVERDUE');
    expect(summary.latestApprovedVersion).toBeUndefined();
    expect(summary.drift.map(d => [d.environment, d.status])).toEqual([
      ['production', 'stale'],
      ['staging', 'warning'],
    ]);
    expect(summary.driftStatus).toBe('warning');
    // The version in production is no longer approved once expired.
    expect(summary.deployments).toEqual([
      expect.objectContaining({
        environment: 'production',
        governanceStatus: 'REVIEW_OVERDUE',
        approved: false,
      }),
    ]);
  });
});

describe('isReadyFor', () => {
  const approved = {
    governanceStatus: 'APPROVED' as const,
    latestApprovedVersion: '1.0.0',
    approvedVersions: ['1.0.0'],
    driftStatus: 'drift' as const,
    drift: [
      { environment: 'production', status: 'ok' as const },
      { environment: 'staging', status: 'drift' as const },
    ].map(d => ({ ...d, version: '1.0.0', driftedShare: 0, windowEnd: '' })),
    deployments: [],
  };
  const production = { lifecycle: 'production', regulatoryCategory: 'high' };
  it('looks at drift in the environment asked about', () => {
    expect(isReadyFor('production', approved, production)).toBe(true);
    expect(isReadyFor('staging', approved, production)).toBe(false);
  });
  it('refuses unapproved, deprecated and retired models', () => {
    expect(
      isReadyFor(
        'production',
        { ...approved, latestApprovedVersion: undefined },
        production,
      ),
    ).toBe(false);
    expect(
      isReadyFor('production', approved, { lifecycle: 'deprecated' }),
    ).toBe(false);
    expect(isReadyFor('production', approved, { lifecycle: 'retired' })).toBe(
      false,
    );
  });
  it('refuses models in the EU AI Act category unacceptable', () => {
    expect(
      isReadyFor('production', approved, {
        ...production,
        regulatoryCategory: 'unacceptable',
      }),
    ).toBe(false);
  });
  it('agrees with readinessFor on the shared fixtures', () => {
    for (const fixture of READINESS_FIXTURES) {
      const summary = {
        ...approved,
        latestApprovedVersion: fixture.facts.latestApprovedVersion,
        driftStatus: fixture.facts.driftStatus ?? ('unknown' as const),
        drift: fixture.facts.drift.map(d => ({
          ...d,
          version: '1.0.0',
          driftedShare: 0,
          windowEnd: '',
        })),
      };
      for (const environment of READINESS_FIXTURE_ENVIRONMENTS) {
        expect([
          fixture.name,
          environment,
          isReadyFor(environment, summary, fixture.facts),
        ]).toEqual([
          fixture.name,
          environment,
          readinessFor(fixture.facts, environment).ready,
        ]);
      }
    }
  });
});
