import type { GoldenPathCheck, ScorecardOverview } from '../../api/ModelHubApi';

/** What the page knows of a check: its title, severity and description. */
export type CheckInfo = {
  title: string;
  severity?: GoldenPathCheck['severity'];
  description?: string;
};

/**
 * Checks by id, from the overview and the list of checks that run: the list
 * gives descriptions, and a title where the overview only has the id.
 */
export function checkInfo(
  overview: ScorecardOverview,
  checks: GoldenPathCheck[] = [],
): (checkId: string, title?: string) => CheckInfo {
  const listed = new Map(checks.map(c => [c.id, c]));
  const counted = new Map(overview.checks.map(c => [c.checkId, c]));
  return (checkId, title) => {
    const check = listed.get(checkId);
    const fromOverview = title ?? counted.get(checkId)?.title;
    return {
      title:
        fromOverview && fromOverview !== checkId
          ? fromOverview
          : check?.title ?? fromOverview ?? checkId,
      severity: counted.get(checkId)?.severity ?? check?.severity,
      description: check?.description,
    };
  };
}

/** The pass rate of a run or a group, 0 when no check applied. */
export function rateOf(counts: { passed: number; failed: number }): number {
  const total = counts.passed + counts.failed;
  return total === 0 ? 0 : counts.passed / total;
}
