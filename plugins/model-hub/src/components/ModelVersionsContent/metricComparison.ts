import type { ModelVersion } from '../../api/ModelHubApi';

type Metric = ModelVersion['metrics'][number];

/** One metric (name, slice, data set) in two versions; absent where a version lacks it. */
export type MetricComparisonRow = {
  key: string;
  name: string;
  slice?: string;
  dataset?: string;
  base?: number;
  other?: number;
};

const keyOf = (m: Metric) =>
  JSON.stringify([m.name, m.slice ?? null, m.dataset ?? null]);

/**
 * The metrics of two versions side by side, matched by name, slice and data
 * set; metrics present in only one version are kept. Overall metrics (no
 * slice) come before the slices of the same name.
 */
export function compareMetrics(
  base: ModelVersion,
  other: ModelVersion,
): MetricComparisonRow[] {
  const rows = new Map<string, MetricComparisonRow>();
  const add = (metric: Metric, side: 'base' | 'other') => {
    const key = keyOf(metric);
    const row = rows.get(key) ?? {
      key,
      name: metric.name,
      slice: metric.slice,
      dataset: metric.dataset,
    };
    row[side] = metric.value;
    rows.set(key, row);
  };
  base.metrics.forEach(m => add(m, 'base'));
  other.metrics.forEach(m => add(m, 'other'));
  return [...rows.values()].sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      Number(a.slice !== undefined) - Number(b.slice !== undefined) ||
      (a.slice ?? '').localeCompare(b.slice ?? '') ||
      (a.dataset ?? '').localeCompare(b.dataset ?? ''),
  );
}

const numberFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 4,
});

export function formatMetric(value: number | undefined): string {
  return value === undefined ? '—' : numberFormat.format(value);
}

/**
 * The difference in words, from the point of view of the other version:
 * `+0.02 (higher in 3.2.0)`. Whether higher is better depends on the metric,
 * so it is not said.
 */
export function describeDifference(
  row: MetricComparisonRow,
  baseVersion: string,
  otherVersion: string,
): string {
  if (row.base === undefined && row.other === undefined) return '—';
  if (row.base === undefined) return `only in ${otherVersion}`;
  if (row.other === undefined) return `only in ${baseVersion}`;
  // Rounded as shown, so 0.81 - 0.79 reads 0.02 and equal values read equal.
  const diff = Number((row.other - row.base).toPrecision(12));
  if (diff === 0) return 'same in both';
  const sign = diff > 0 ? '+' : '−';
  const relative =
    row.base !== 0 ? `, ${sign}${formatPercent(diff / row.base)}` : '';
  return `${sign}${numberFormat.format(Math.abs(diff))}${relative} (${
    diff > 0 ? 'higher' : 'lower'
  } in ${otherVersion})`;
}

function formatPercent(share: number): string {
  return `${new Intl.NumberFormat('en-US', {
    maximumFractionDigits: 1,
  }).format(Math.abs(share) * 100)}%`;
}
