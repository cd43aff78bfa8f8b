import { DRIFT_METHODS, isDrifted } from '@model-hub/model-hub-drift';
import {
  assertAllSharedColumns,
  assertWindowEnded,
  columnsOf,
  isAtLeastAsStrict,
  stricterThresholds,
} from './driftTerms';

describe('drift terms', () => {
  it('calls a threshold stricter exactly when it flags every score the other flags', () => {
    const levels = [0.01, 0.05, 0.1, 0.2, 0.5];
    // Scores on, just below and just above every threshold tried.
    const scores = [0, 1, 2, ...levels.flatMap(t => [t - 1e-9, t, t + 1e-9])];
    for (const method of Object.keys(DRIFT_METHODS) as Array<
      keyof typeof DRIFT_METHODS
    >) {
      for (const base of levels) {
        for (const candidate of levels) {
          const flagsAll = scores.every(
            s => !isDrifted(method, s, base) || isDrifted(method, s, candidate),
          );
          expect({ method, base, candidate, stricter: flagsAll }).toEqual({
            method,
            base,
            candidate,
            stricter: isAtLeastAsStrict(method, candidate, base),
          });
        }
      }
    }
  });

  it('refuses windows ending beyond the clock skew', () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    expect(() =>
      assertWindowEnded('x', now + 5 * 60_000, now, 5 * 60_000),
    ).not.toThrow();
    expect(() =>
      assertWindowEnded('x', now + 5 * 60_000 + 1, now, 5 * 60_000),
    ).toThrow(/^windowEnd: x is in the future/);
  });

  it('takes only stricter thresholds for the columns compared', () => {
    const report = {
      columns: [
        { column: 'a', method: 'ks', threshold: 0.05 },
        { column: 'b', method: 'psi', threshold: 0.1 },
      ],
    } as any;
    expect(stricterThresholds(report, undefined)).toBeUndefined();
    expect(stricterThresholds(report, { a: 0.1, b: 0.05 })).toEqual({
      a: 0.1,
      b: 0.05,
    });
    expect(() => stricterThresholds(report, { a: 0.01 })).toThrow(
      /^thresholds\.a: 0\.01 is looser than 0\.05.*higher/,
    );
    expect(() => stricterThresholds(report, { b: 0.2 })).toThrow(
      /^thresholds\.b: 0\.2 is looser than 0\.1.*lower/,
    );
    expect(() => stricterThresholds(report, { c: 0.2 })).toThrow(
      /^thresholds\.c: /,
    );
  });

  it('lets a submission leave out no column the reference and window share', () => {
    const reference = columnsOf({ rows: [{ a: 1, b: 2 }, { c: 3 }] });
    const window = columnsOf({ profile: { columns: { a: {}, b: {}, d: {} } } });
    expect([...reference]).toEqual(['a', 'b', 'c']);
    expect(() =>
      assertAllSharedColumns(reference, window, undefined),
    ).not.toThrow();
    expect(() =>
      assertAllSharedColumns(reference, window, ['b', 'a']),
    ).not.toThrow();
    expect(() => assertAllSharedColumns(reference, window, ['a'])).toThrow(
      /^columns: leaves out b,/,
    );
  });
});
