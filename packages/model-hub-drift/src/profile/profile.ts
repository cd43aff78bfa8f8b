/*
 * Column profiles: compact, mergeable, JSON-serialisable summaries that a
 * service can send instead of raw rows. Drift computed from two profiles is
 * exact where the profile keeps exact counts, and otherwise within the
 * bound reported in `statisticErrorBound` (see README, "Profiles").
 */
import { DriftInputError, inferColumnType, prepareColumn } from '../column';
import type { ColumnType } from '../column';
import { histogramCounts, rangeOf, sturgesEdges } from '../stats/binning';
import { DEFAULT_SKETCH_K, QuantileSketch } from './sketch';
import type { QuantileSketchData } from './sketch';

export const PROFILE_VERSION = 1;
/** Exact value counts are kept up to this many distinct values. */
export const DEFAULT_MAX_DISTINCT = 1000;

export interface ValueCounts {
  /** Numbers for numerical columns, strings for categorical ones. */
  keys: (number | string)[];
  counts: number[];
}

export interface HistogramData {
  /** Bin edges (the reference's Sturges edges unless given). */
  edges: number[];
  counts: number[];
  /** Values below edges[0] / above the last edge. */
  underflow: number;
  overflow: number;
}

export interface ColumnProfile {
  version: typeof PROFILE_VERSION;
  type: ColumnType;
  /** Rows seen, and how many of them were missing. */
  rows: number;
  missing: number;
  /** Present (non-missing) values. */
  count: number;
  /**
   * Exact counts per distinct value while there are at most `maxDistinct`;
   * for numerical columns null beyond that, for categorical columns the
   * rarest values are folded into `otherCount`.
   */
  values: ValueCounts | null;
  otherCount?: number;
  maxDistinct: number;
  /** Numerical only. */
  min?: number;
  max?: number;
  mean?: number;
  /** Sum of squared deviations from the mean (for the standard deviation). */
  m2?: number;
  histogram?: HistogramData;
  sketch?: QuantileSketchData;
}

export interface ProfileOptions {
  /** Column name, for messages. */
  column?: string;
  type?: ColumnType;
  /** Histogram edges: pass the reference profile's `histogram.edges` when profiling current data. */
  binEdges?: ArrayLike<number>;
  /** Sketch size (even); larger is more exact and larger. Default 512. */
  sketchK?: number;
  maxDistinct?: number;
}

function valueCounts(
  values: ArrayLike<number | string>,
): Map<number | string, number> {
  const m = new Map<number | string, number>();
  for (let i = 0; i < values.length; i++)
    m.set(values[i], (m.get(values[i]) ?? 0) + 1);
  return m;
}

/**
 * Keep at most `maxDistinct` keys: numerical columns drop the counts
 * (the sketch takes over), categorical ones fold the rarest into "other".
 */
function boundCounts(
  counts: Map<number | string, number>,
  type: ColumnType,
  maxDistinct: number,
  otherCount: number,
): { values: ValueCounts | null; otherCount?: number } {
  let entries = [...counts.entries()];
  let other = otherCount;
  if (entries.length > maxDistinct) {
    if (type === 'numerical') return { values: null };
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [, c] of entries.slice(maxDistinct)) other += c;
    entries = entries.slice(0, maxDistinct);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    values: { keys: entries.map(e => e[0]), counts: entries.map(e => e[1]) },
    ...(type === 'categorical' ? { otherCount: other } : {}),
  };
}

/** Profile one column's values. */
export function buildColumnProfile(
  values: ArrayLike<unknown>,
  options: ProfileOptions = {},
): ColumnProfile {
  const column = options.column ?? 'value';
  const type = options.type ?? inferColumnType(values, { column });
  if (!type)
    throw new DriftInputError(
      `column "${column}" is all missing (${values.length} rows)`,
    );
  const prepared = prepareColumn(values, { column, type });
  const maxDistinct = options.maxDistinct ?? DEFAULT_MAX_DISTINCT;
  const base = {
    version: PROFILE_VERSION,
    type,
    rows: prepared.total,
    missing: prepared.missing,
    count: prepared.values.length,
    maxDistinct,
  } as const;
  if (prepared.type === 'categorical') {
    return {
      ...base,
      ...boundCounts(
        valueCounts(prepared.values),
        'categorical',
        maxDistinct,
        0,
      ),
    };
  }
  const v = prepared.values;
  const { min, max } = rangeOf(v);
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i];
  mean /= v.length;
  let m2 = 0;
  for (let i = 0; i < v.length; i++) m2 += (v[i] - mean) ** 2;
  const edges = options.binEdges
    ? Float64Array.from(options.binEdges)
    : sturgesEdges({ min, max }, v.length);
  const counts = new Float64Array(edges.length - 1);
  histogramCounts(v, edges, counts);
  let underflow = 0;
  let overflow = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < edges[0]) underflow++;
    else if (v[i] > edges[edges.length - 1]) overflow++;
  }
  const sketch = new QuantileSketch(options.sketchK ?? DEFAULT_SKETCH_K);
  sketch.addAll(v);
  const counted = cappedCounts(v, maxDistinct);
  return {
    ...base,
    ...(counted
      ? boundCounts(counted, 'numerical', maxDistinct, 0)
      : { values: null }),
    min,
    max,
    mean,
    m2,
    histogram: {
      edges: Array.from(edges),
      counts: Array.from(counts),
      underflow,
      overflow,
    },
    sketch: sketch.toData(),
  };
}

/** Value counts, or null as soon as there are more than `cap` distinct values. */
function cappedCounts(
  v: Float64Array,
  cap: number,
): Map<number, number> | null {
  const m = new Map<number, number>();
  for (let i = 0; i < v.length; i++) {
    m.set(v[i], (m.get(v[i]) ?? 0) + 1);
    if (m.size > cap) return null;
  }
  return m;
}

function sameEdges(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Merge two profiles of the same column (e.g. two time windows or shards). */
export function mergeProfiles(
  a: ColumnProfile,
  b: ColumnProfile,
): ColumnProfile {
  for (const p of [a, b]) {
    if (p.version !== PROFILE_VERSION) {
      throw new DriftInputError(
        `unsupported profile version ${p.version} (expected ${PROFILE_VERSION})`,
      );
    }
  }
  if (a.type !== b.type)
    throw new DriftInputError(
      `cannot merge a ${a.type} profile with a ${b.type} profile`,
    );
  const maxDistinct = Math.min(a.maxDistinct, b.maxDistinct);
  const base = {
    version: PROFILE_VERSION,
    type: a.type,
    rows: a.rows + b.rows,
    missing: a.missing + b.missing,
    count: a.count + b.count,
    maxDistinct,
  } as const;
  let counts: Map<number | string, number> | null = null;
  if (a.values && b.values) {
    counts = new Map();
    for (const p of [a, b])
      p.values!.keys.forEach((k, i) =>
        counts!.set(k, (counts!.get(k) ?? 0) + p.values!.counts[i]),
      );
  }
  const other = (a.otherCount ?? 0) + (b.otherCount ?? 0);
  const bounded = counts
    ? boundCounts(counts, a.type, maxDistinct, other)
    : { values: null };
  if (a.type === 'categorical') return { ...base, ...bounded };

  const ha = a.histogram!;
  const hb = b.histogram!;
  if (!sameEdges(ha.edges, hb.edges)) {
    throw new DriftInputError(
      'cannot merge numerical profiles built on different bin edges (pass the same binEdges)',
    );
  }
  const n = a.count + b.count;
  const delta = b.mean! - a.mean!;
  const sketch = QuantileSketch.fromData(a.sketch!);
  sketch.merge(b.sketch!);
  return {
    ...base,
    ...bounded,
    min: Math.min(a.min!, b.min!),
    max: Math.max(a.max!, b.max!),
    // Chan et al.'s parallel update of mean and squared deviations.
    mean: a.mean! + (delta * b.count) / n,
    m2: a.m2! + b.m2! + (delta * delta * a.count * b.count) / n,
    histogram: {
      edges: ha.edges,
      counts: ha.counts.map((c, i) => c + hb.counts[i]),
      underflow: ha.underflow + hb.underflow,
      overflow: ha.overflow + hb.overflow,
    },
    sketch: sketch.toData(),
  };
}
