import type { DriftReport } from '../../api/ModelHubApi';

/**
 * One column of a stored drift report: the drift engine's `ColumnDriftResult`
 * (@model-hub/model-hub-drift, `drift.ts`), as far as the tab uses it. The
 * contract types `report` as an open object, so it is read defensively.
 */
export type ColumnDrift = {
  column: string;
  /** 'numerical' or 'categorical'. */
  type?: string;
  method: string;
  /** What is compared with the threshold: a p-value or a distance; null when not computable. */
  score: number | null;
  threshold: number;
  drifted: boolean;
};

type MethodInfo = {
  label: string;
  /** A p-value drifts when small, a distance when large. */
  score: 'p_value' | 'distance';
  /** How the score is compared with the threshold to flag drift. */
  drift: '<=' | '<' | '>=';
};

/*
 * The drift engine's methods (DRIFT_METHODS and isDrifted in
 * packages/model-hub-drift/src/methods.ts): KS drifts when p <= threshold,
 * chi-square and Z when p < threshold, the distances when >= threshold.
 */
const METHODS: Record<string, MethodInfo> = {
  ks: { label: 'Kolmogorov-Smirnov p-value', score: 'p_value', drift: '<=' },
  chisquare: { label: 'chi-square p-value', score: 'p_value', drift: '<' },
  z: { label: 'Z-test for proportions p-value', score: 'p_value', drift: '<' },
  wasserstein: {
    label: 'Wasserstein distance (normed)',
    score: 'distance',
    drift: '>=',
  },
  jensenshannon: {
    label: 'Jensen-Shannon distance',
    score: 'distance',
    drift: '>=',
  },
  psi: { label: 'PSI', score: 'distance', drift: '>=' },
  kl_div: {
    label: 'Kullback-Leibler divergence',
    score: 'distance',
    drift: '>=',
  },
  hellinger: { label: 'Hellinger distance', score: 'distance', drift: '>=' },
};

/** The engine's default share of drifted columns from which the data set drifts. */
export const DEFAULT_SHARE_THRESHOLD = 0.5;

/** A number short enough for a legend or a cell: 3 significant digits. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return String(Number(value.toPrecision(3)));
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** `2026-11-20 10:00 UTC`: windows are compared across time zones. */
export function formatTime(value: string | number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Short axis tick: `11-20 10:00`. */
export function formatTick(value: number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().slice(5, 16).replace('T', ' ');
}

export function methodLabel(method: string): string {
  return METHODS[method]?.label ?? method;
}

/** Whether the method's score is a p-value (drift when low). */
export function isPValueMethod(method: string): boolean {
  return METHODS[method]?.score === 'p_value';
}

/** When the column drifts, in words: `drift when p-value ≤ 0.05 (lower = more drift)`. */
export function driftRule(method: string, threshold: number): string {
  const info = METHODS[method];
  const value = formatNumber(threshold);
  if (!info) return `threshold ${value}`;
  if (info.score === 'p_value') {
    const op = info.drift === '<=' ? '≤' : '<';
    return `drift when p-value ${op} ${value} (lower = more drift)`;
  }
  return `drift when score ≥ ${value} (higher = more drift)`;
}

/** The legend of a column's chart: method, threshold and direction. */
export function legendName(column: Pick<ColumnDrift, 'method' | 'threshold'>) {
  return `${methodLabel(column.method)}, threshold ${formatNumber(
    column.threshold,
  )}: ${driftRule(column.method, column.threshold)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The per-column results of a report; entries that are not column results are skipped. */
export function columnsOf(report: DriftReport): ColumnDrift[] {
  const columns = report.report?.columns;
  if (!Array.isArray(columns)) return [];
  return columns.flatMap(entry => {
    if (
      !isRecord(entry) ||
      typeof entry.column !== 'string' ||
      typeof entry.method !== 'string' ||
      typeof entry.threshold !== 'number'
    ) {
      return [];
    }
    return [
      {
        column: entry.column,
        type: typeof entry.type === 'string' ? entry.type : undefined,
        method: entry.method,
        // JSON turns a NaN score into null: such a score never drifts.
        score: typeof entry.score === 'number' ? entry.score : null,
        threshold: entry.threshold,
        drifted: entry.drifted === true,
      },
    ];
  });
}

/** The share of drifted columns from which the report's data set drifts. */
export function shareThresholdOf(report: DriftReport): number {
  const value = report.report?.shareThreshold;
  return typeof value === 'number' ? value : DEFAULT_SHARE_THRESHOLD;
}

/** Reports ordered by window end, oldest first, for charts. */
export function chronological(reports: DriftReport[]): DriftReport[] {
  return [...reports].sort(
    (a, b) => Date.parse(a.windowEnd) - Date.parse(b.windowEnd),
  );
}

/** Every column seen in the reports; drifted columns of the latest first. */
export function columnNames(
  reportsOldestFirst: DriftReport[],
): { name: string; driftedInLatest: boolean }[] {
  const latest = reportsOldestFirst[reportsOldestFirst.length - 1];
  const latestColumns = latest ? columnsOf(latest) : [];
  const drifted = new Set(
    latestColumns.filter(c => c.drifted).map(c => c.column),
  );
  const names = new Set<string>(latestColumns.map(c => c.column));
  for (const report of reportsOldestFirst) {
    for (const column of columnsOf(report)) names.add(column.column);
  }
  return [...names]
    .map(name => ({ name, driftedInLatest: drifted.has(name) }))
    .sort(
      (a, b) =>
        Number(b.driftedInLatest) - Number(a.driftedInLatest) ||
        a.name.localeCompare(b.name),
    );
}

export type ScorePoint = {
  /** windowEnd in ms, the x axis. */
  t: number;
  score: number | null;
  drifted: boolean;
  version: string;
};

/**
 * A column's scores over time. Scores of different methods are not
 * comparable (a p-value next to a distance), so only the windows computed
 * with the column's latest method are plotted; `hidden` counts the others.
 */
export function columnSeries(
  reportsOldestFirst: DriftReport[],
  column: string,
) {
  const entries = reportsOldestFirst.flatMap(report => {
    const entry = columnsOf(report).find(c => c.column === column);
    return entry ? [{ report, entry }] : [];
  });
  const latest = entries[entries.length - 1]?.entry;
  if (!latest) return undefined;
  const same = entries.filter(e => e.entry.method === latest.method);
  const points: ScorePoint[] = same.map(({ report, entry }) => ({
    t: Date.parse(report.windowEnd),
    score: entry.score,
    drifted: entry.drifted,
    version: report.version,
  }));
  return {
    latest,
    points,
    hidden: entries.length - same.length,
    thresholdChanged: same.some(e => e.entry.threshold !== latest.threshold),
  };
}
