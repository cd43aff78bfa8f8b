import { readinessFor } from '@model-hub/backstage-plugin-model-hub-common';
import { READINESS_FIXTURES } from '@model-hub/backstage-plugin-model-hub-common/testUtils';
import { isReadyForProduction } from './readActions';

/** A found status as POST /status returns it, from a readiness fixture. */
function foundStatus(fixture: (typeof READINESS_FIXTURES)[number]) {
  return {
    entityRef: `model:default/${fixture.name}`,
    found: true as const,
    title: fixture.name,
    lifecycle: fixture.facts.lifecycle,
    riskLevel: 'Medium' as const,
    regulatoryCategory: fixture.facts.regulatoryCategory ?? 'minimal',
    governanceStatus: fixture.governanceStatus,
    latestApprovedVersion: fixture.facts.latestApprovedVersion,
    driftStatus: fixture.facts.driftStatus ?? ('unknown' as const),
    drift: fixture.facts.drift.map(d => ({
      ...d,
      version: '1.0.0',
      driftedShare: 0,
      windowEnd: '2026-12-01T00:00:00.000Z',
    })),
    deployments: [],
  };
}

const fixture = (name: string) =>
  READINESS_FIXTURES.find(f => f.name === name)!;

describe("find-models' readyForProduction", () => {
  it('is readinessFor(production) on every shared fixture', () => {
    for (const f of READINESS_FIXTURES) {
      expect([
        f.name,
        isReadyForProduction(foundStatus(f), f.facts.lifecycle),
      ]).toEqual([f.name, readinessFor(f.facts, 'production').ready]);
    }
  });

  it('judges drift in production, not anywhere', () => {
    const f = fixture('drifts-in-staging');
    expect(isReadyForProduction(foundStatus(f), f.facts.lifecycle)).toBe(true);
    const g = fixture('drifts-in-production');
    expect(isReadyForProduction(foundStatus(g), g.facts.lifecycle)).toBe(false);
  });

  it('counts an older approved version while a newer one waits for review', () => {
    const f = fixture('newest-waiting-older-approved');
    expect(isReadyForProduction(foundStatus(f), f.facts.lifecycle)).toBe(true);
  });
});
