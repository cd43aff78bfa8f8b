import { ResponseError } from '@backstage/errors';
import type { GoldenPathVerdict } from '../../api/ModelHubApi';
import type { Tone } from '../StatusChips';

/** What the scorecard says before the first evaluation of an entity. */
export const NOT_EVALUATED =
  'Not evaluated yet: golden paths are evaluated every 30 minutes and after each change';

/** Whether a backend call failed because there is no scorecard (HTTP 404). */
export function isNotFound(error: Error): boolean {
  return (
    (error instanceof ResponseError || error.name === 'ResponseError') &&
    (error as ResponseError).statusCode === 404
  );
}

export type VerdictResult = GoldenPathVerdict['result'];
export type Severity = GoldenPathVerdict['severity'];

/** Results in the order the scorecard lists them. */
export const RESULTS: VerdictResult[] = ['fail', 'pass', 'not-applicable'];

/** A result in words, as a status. */
export const RESULT_LABELS: Record<VerdictResult, string> = {
  fail: 'Fails',
  pass: 'Passes',
  'not-applicable': 'Not applicable',
};

/** A group of verdicts, as its heading. */
export const RESULT_HEADINGS: Record<VerdictResult, string> = {
  fail: 'Failing',
  pass: 'Passing',
  'not-applicable': 'Not applicable',
};

/**
 * How a result reads: a failed error blocks the golden path, a failed
 * warning only warns.
 */
export function resultTone(result: string, severity?: Severity): Tone {
  if (result === 'pass') return 'good';
  if (result === 'fail') return severity === 'warning' ? 'warn' : 'bad';
  return 'neutral';
}

/** A result of the history (a string there) in words. */
export function resultLabel(result: string): string {
  return RESULT_LABELS[result as VerdictResult] ?? result;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Verdicts by result, errors before warnings, then by title. */
export function groupVerdicts(
  verdicts: GoldenPathVerdict[],
): Record<VerdictResult, GoldenPathVerdict[]> {
  const groups: Record<VerdictResult, GoldenPathVerdict[]> = {
    fail: [],
    pass: [],
    'not-applicable': [],
  };
  for (const verdict of verdicts) groups[verdict.result]?.push(verdict);
  for (const result of RESULTS) {
    groups[result].sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.title.localeCompare(b.title),
    );
  }
  return groups;
}

/** A timestamp as "2026-12-01 03:44 UTC". */
export function formatTime(iso?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
