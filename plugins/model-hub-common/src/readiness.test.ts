import {
  driftStatusFor,
  ModelReadinessFacts,
  READINESS_REASON_CODES,
  readinessFor,
} from './readiness';
import {
  READINESS_FIXTURE_ENVIRONMENTS,
  READINESS_FIXTURES,
} from './testUtils';

const ready: ModelReadinessFacts = {
  lifecycle: 'production',
  regulatoryCategory: 'high',
  latestApprovedVersion: '3.2.0',
  driftStatus: 'ok',
  drift: [{ environment: 'production', status: 'ok' }],
};
const codes = (facts: ModelReadinessFacts, environment = 'production') =>
  readinessFor(facts, environment).reasons.map(r => r.code);

describe('readinessFor', () => {
  it('calls an approved, current model that does not drift ready', () => {
    expect(readinessFor(ready, 'production')).toEqual({
      ready: true,
      reasons: [],
    });
    expect(readinessFor({ latestApprovedVersion: '1' }, 'dev').ready).toBe(
      true,
    );
  });

  it('refuses retired and deprecated models, whatever else holds', () => {
    expect(readinessFor({ ...ready, lifecycle: 'retired' }, 'staging')).toEqual(
      {
        ready: false,
        reasons: [
          { code: 'retired', message: 'retired: it must not serve anywhere' },
        ],
      },
    );
    expect(
      readinessFor({ ...ready, lifecycle: 'deprecated' }, 'staging'),
    ).toEqual({
      ready: false,
      reasons: [
        { code: 'deprecated', message: 'deprecated, so not for staging' },
      ],
    });
    expect(codes({ ...ready, lifecycle: 'experimental' })).toEqual([]);
  });

  it('refuses a model in the EU AI Act category unacceptable', () => {
    expect(codes({ ...ready, regulatoryCategory: 'unacceptable' })).toEqual([
      'prohibited',
    ]);
    expect(codes({ ...ready, regulatoryCategory: 'limited' })).toEqual([]);
  });

  it('needs an approved version, or the version asked for to be approved', () => {
    expect(
      readinessFor({ ...ready, latestApprovedVersion: undefined }, 'production')
        .reasons,
    ).toEqual([
      {
        code: 'no-approved-version',
        message: 'no approved version: not ready for production',
      },
    ]);
    const pinned = (state: any, deprecated?: boolean) =>
      readinessFor(
        { ...ready, version: { version: '3.1.0', state, deprecated } },
        'production',
      ).reasons;
    expect(pinned('APPROVED')).toEqual([]);
    expect(pinned('REVIEW_OVERDUE')).toEqual([
      {
        code: 'version-not-approved',
        message:
          'version 3.1.0 is REVIEW_OVERDUE: production needs an approved version',
      },
    ]);
    expect(pinned('REAPPROVAL_REQUIRED')[0].code).toBe('version-not-approved');
    expect(pinned('APPROVED', true)).toEqual([
      {
        code: 'version-not-approved',
        message:
          'version 3.1.0 is deprecated: production needs an approved version',
      },
    ]);
    // The version asked for decides, not whether another one is approved.
    expect(
      codes({
        ...ready,
        latestApprovedVersion: undefined,
        version: { version: '1', state: 'APPROVED' },
      }),
    ).toEqual([]);
  });

  it('judges drift in the environment, or overall where it never reported', () => {
    const facts: ModelReadinessFacts = {
      ...ready,
      driftStatus: 'drift',
      drift: [
        { environment: 'production', status: 'warning' },
        { environment: 'staging', status: 'drift' },
      ],
    };
    expect(codes(facts, 'production')).toEqual([]);
    expect(readinessFor(facts, 'staging').reasons).toEqual([
      { code: 'drifting', message: 'drifts in staging: not ready for it' },
    ]);
    expect(codes(facts, 'dev')).toEqual(['drifting']);
    expect(driftStatusFor(facts, 'dev')).toBe('drift');
    expect(driftStatusFor({}, 'dev')).toBe('unknown');
    for (const status of ['ok', 'warning', 'stale', 'unknown'] as const) {
      expect(codes({ ...ready, driftStatus: status, drift: [] })).toEqual([]);
    }
  });

  it('gives every reason, in a stable order', () => {
    const reasons = codes({
      lifecycle: 'deprecated',
      regulatoryCategory: 'unacceptable',
      driftStatus: 'drift',
    });
    expect(reasons).toEqual([
      'deprecated',
      'prohibited',
      'no-approved-version',
      'drifting',
    ]);
    expect(
      [...reasons].sort(
        (a, b) =>
          READINESS_REASON_CODES.indexOf(a) - READINESS_REASON_CODES.indexOf(b),
      ),
    ).toEqual(reasons);
  });

  it('has shared fixtures that cover both verdicts and every reason but the pinned version', () => {
    const verdicts = READINESS_FIXTURES.flatMap(f =>
      READINESS_FIXTURE_ENVIRONMENTS.map(env => readinessFor(f.facts, env)),
    );
    expect(verdicts.some(v => v.ready)).toBe(true);
    expect(verdicts.some(v => !v.ready)).toBe(true);
    const seen = new Set(verdicts.flatMap(v => v.reasons.map(r => r.code)));
    expect([...seen].sort()).toEqual(
      READINESS_REASON_CODES.filter(c => c !== 'version-not-approved').sort(),
    );
    expect(new Set(READINESS_FIXTURES.map(f => f.name)).size).toBe(
      READINESS_FIXTURES.length,
    );
  });
});
