import type { StoredVerdict } from '../database/ScorecardStore';

export type OverviewGroup = {
  /** Owner or system entity ref; `(none)` when the entity has none. */
  key: string;
  entities: number;
  passed: number;
  failed: number;
  passRate: number;
  failingChecks: Array<{ checkId: string; title: string; entities: string[] }>;
};

export type ScorecardOverview = {
  totals: {
    entities: number;
    passed: number;
    failed: number;
    passRate: number;
  };
  byOwner: OverviewGroup[];
  bySystem: OverviewGroup[];
  checks: Array<{
    checkId: string;
    title: string;
    severity: 'error' | 'warning';
    passed: number;
    failed: number;
  }>;
};

const rate = (passed: number, failed: number) =>
  passed + failed === 0 ? 1 : passed / (passed + failed);

function group(
  verdicts: StoredVerdict[],
  keyOf: (v: StoredVerdict) => string | undefined,
  titleOf: (checkId: string) => string,
): OverviewGroup[] {
  const groups = new Map<string, StoredVerdict[]>();
  for (const v of verdicts) {
    const key = keyOf(v) ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const passed = list.filter(v => v.result === 'pass').length;
      const failed = list.filter(v => v.result === 'fail').length;
      const failing = new Map<string, string[]>();
      for (const v of list.filter(x => x.result === 'fail')) {
        failing.set(v.checkId, [
          ...(failing.get(v.checkId) ?? []),
          v.entityRef,
        ]);
      }
      return {
        key,
        entities: new Set(list.map(v => v.entityRef)).size,
        passed,
        failed,
        passRate: rate(passed, failed),
        failingChecks: [...failing.entries()]
          .map(([checkId, entities]) => ({
            checkId,
            title: titleOf(checkId),
            entities,
          }))
          .sort((a, b) => b.entities.length - a.entities.length),
      };
    })
    .sort((a, b) => a.passRate - b.passRate || a.key.localeCompare(b.key));
}

/**
 * Pass rates by owner and by system, and which checks fail where: pure, over
 * the stored verdicts the caller may see. Not-applicable verdicts count for
 * neither side.
 */
export function aggregateScorecards(
  verdicts: StoredVerdict[],
  checks: Map<string, { title: string; severity: 'error' | 'warning' }>,
): ScorecardOverview {
  const titleOf = (id: string) => checks.get(id)?.title ?? id;
  const passed = verdicts.filter(v => v.result === 'pass').length;
  const failed = verdicts.filter(v => v.result === 'fail').length;
  const perCheck = new Map<
    string,
    { passed: number; failed: number; severity: 'error' | 'warning' }
  >();
  for (const v of verdicts) {
    const entry = perCheck.get(v.checkId) ?? {
      passed: 0,
      failed: 0,
      severity: v.severity,
    };
    if (v.result === 'pass') entry.passed++;
    if (v.result === 'fail') entry.failed++;
    perCheck.set(v.checkId, entry);
  }
  return {
    totals: {
      entities: new Set(verdicts.map(v => v.entityRef)).size,
      passed,
      failed,
      passRate: rate(passed, failed),
    },
    byOwner: group(verdicts, v => v.ownerRef, titleOf),
    bySystem: group(verdicts, v => v.systemRef, titleOf),
    checks: [...perCheck.entries()]
      .map(([checkId, c]) => ({ checkId, title: titleOf(checkId), ...c }))
      .sort(
        (a, b) => b.failed - a.failed || a.checkId.localeCompare(b.checkId),
      ),
  };
}
