/*
 * Drift from two profiles instead of raw rows.
 */
import { DriftInputError } from '../column';
import {
  assertFewCategories,
  DEFAULT_MAX_CATEGORIES,
  DEFAULT_MAX_COLUMNS,
  judge,
  listSome,
  selectColumns,
  summarise,
  tableColumns,
} from '../drift';
import type {
  ColumnDriftOptions,
  ColumnDriftResult,
  DataTable,
  DatasetDriftReport,
  DriftOptions,
  MethodScore,
} from '../drift';
import { chooseMethod, defaultDriftMethod } from '../methods';
import type { DriftMethod } from '../methods';
import {
  binIndex,
  fillEmptyBins,
  rangeOf,
  sturgesEdges,
  toShares,
} from '../stats/binning';
import {
  hellingerFromHistograms,
  hellingerFromShares,
  jensenShannonDistance,
  klDivergence,
  populationStabilityIndex,
} from '../stats/divergence';
import { ksPValue } from '../stats/ks';
import { chiSquareTest } from '../stats/tests';
import { WASSERSTEIN_MIN_NORM } from '../stats/wasserstein';
import { PER_VALUE_BIN_LIMIT, zTestFromCounts } from '../drift';
import { buildColumnProfile, mergeProfiles, PROFILE_VERSION } from './profile';
import type { ColumnProfile, ProfileOptions } from './profile';
import {
  countsSample,
  sketchSample,
  weightedKsStatistic,
  weightedWasserstein,
} from './sketch';
import type { WeightedSample } from './sketch';

/** A profile per column of a data set. */
export interface DatasetProfile {
  version: typeof PROFILE_VERSION;
  columns: Record<string, ColumnProfile>;
}

function checkVersion(p: { version: number }, what: string): void {
  if (p.version !== PROFILE_VERSION) {
    throw new DriftInputError(
      `${what} has profile version ${p.version}; this engine reads version ${PROFILE_VERSION}`,
    );
  }
}

/** Exact sample from value counts when kept, else the quantile sketch. */
function weightedSample(p: ColumnProfile): WeightedSample {
  if (p.values) return countsSample(p.values.keys as number[], p.values.counts);
  return sketchSample(p.sketch!, p.count);
}

/** Counts of both profiles over the union of their kept values (+ "other"). */
function unionValueCounts(ref: ColumnProfile, cur: ColumnProfile) {
  const index = new Map<number | string, number>();
  ref.values!.keys.forEach(k => index.set(k, index.size));
  cur.values!.keys.forEach(k => {
    if (!index.has(k)) index.set(k, index.size);
  });
  const hasOther = (ref.otherCount ?? 0) + (cur.otherCount ?? 0) > 0;
  const size = index.size + (hasOther ? 1 : 0);
  const r = new Float64Array(size);
  const c = new Float64Array(size);
  ref.values!.keys.forEach(
    (k, i) => (r[index.get(k)!] += ref.values!.counts[i]),
  );
  cur.values!.keys.forEach(
    (k, i) => (c[index.get(k)!] += cur.values!.counts[i]),
  );
  if (hasOther) {
    r[size - 1] = ref.otherCount ?? 0;
    c[size - 1] = cur.otherCount ?? 0;
  }
  return { keys: [...index.keys()], ref: r, cur: c };
}

/** Histogram counts on the reference's edges, with outer bins when used. */
function histogramPair(ref: ColumnProfile, cur: ColumnProfile, column: string) {
  const hr = ref.histogram!;
  const hc = cur.histogram!;
  if (
    hr.edges.length !== hc.edges.length ||
    hr.edges.some((e, i) => e !== hc.edges[i])
  ) {
    throw new DriftInputError(
      `column "${column}": the current profile was built on other bin edges than the reference; build it with binEdges = reference.histogram.edges`,
    );
  }
  const r = [...hr.counts];
  const c = [...hc.counts];
  if (hr.underflow + hc.underflow > 0) {
    r.unshift(hr.underflow);
    c.unshift(hc.underflow);
  }
  if (hr.overflow + hc.overflow > 0) {
    r.push(hr.overflow);
    c.push(hc.overflow);
  }
  return { ref: Float64Array.from(r), cur: Float64Array.from(c) };
}

/** Bin exact value counts onto Sturges edges over `count` values spanning the keys. */
function sturgesFromCounts(
  ref: ColumnProfile,
  cur: ColumnProfile,
  count: (keys: number) => number,
) {
  const union = unionValueCounts(ref, cur);
  const keys = union.keys as number[];
  const edges = sturgesEdges(rangeOf(keys), count(keys.length));
  const r = new Float64Array(edges.length - 1);
  const c = new Float64Array(edges.length - 1);
  const scale = (edges.length - 1) / (edges[edges.length - 1] - edges[0]);
  keys.forEach((k, i) => {
    const bin = binIndex(edges, k, Math.floor((k - edges[0]) * scale));
    r[bin] += union.ref[i];
    c[bin] += union.cur[i];
  });
  return { edges, ref: r, cur: c };
}

/** Evidently's numerical Hellinger (Sturges edges over the distinct values) from exact counts. */
function exactNumericalHellinger(
  ref: ColumnProfile,
  cur: ColumnProfile,
): number {
  const h = sturgesFromCounts(ref, cur, distinct => distinct);
  return hellingerFromHistograms(h.ref, h.cur, h.edges);
}

/**
 * Bins as Evidently chooses them. With exact value counts on both sides
 * this reproduces raw-data binning exactly (per value up to 20 reference
 * values, else Sturges over reference + current); otherwise the reference
 * profile's edges, with outer bins for current values beyond them.
 */
function profileBins(ref: ColumnProfile, cur: ColumnProfile, column: string) {
  if (ref.values && cur.values) {
    if (
      ref.type === 'categorical' ||
      ref.values.keys.length <= PER_VALUE_BIN_LIMIT
    )
      return unionValueCounts(ref, cur);
    return {
      keys: undefined,
      ...sturgesFromCounts(ref, cur, () => ref.count + cur.count),
    };
  }
  return { keys: undefined, ...histogramPair(ref, cur, column) };
}

function scoreProfiles(
  method: DriftMethod,
  ref: ColumnProfile,
  cur: ColumnProfile,
  column: string,
): MethodScore & { bound?: number } {
  if (method === 'ks' || method === 'wasserstein') {
    const a = weightedSample(ref);
    const b = weightedSample(cur);
    const rankError =
      a.rankErrorBound / ref.count + b.rankErrorBound / cur.count;
    if (method === 'ks') {
      const res = ksPValue(weightedKsStatistic(a, b), ref.count, cur.count);
      return { ...res, bound: rankError };
    }
    const norm = Math.max(Math.sqrt(ref.m2! / ref.count), WASSERSTEIN_MIN_NORM);
    const span = Math.max(ref.max!, cur.max!) - Math.min(ref.min!, cur.min!);
    return {
      statistic: weightedWasserstein(a, b) / norm,
      bound: (rankError * span) / norm,
    };
  }
  if (
    method === 'hellinger' &&
    ref.type === 'numerical' &&
    ref.values &&
    cur.values
  ) {
    return { statistic: exactNumericalHellinger(ref, cur) };
  }
  if (method === 'chisquare' || method === 'z') {
    // Like raw data: one category per value; the histogram only when
    // the profiles no longer hold exact value counts.
    const counts =
      ref.values && cur.values
        ? unionValueCounts(ref, cur)
        : { keys: undefined, ...histogramPair(ref, cur, column) };
    if (method === 'chisquare') return chiSquareTest(counts.ref, counts.cur);
    return zTestFromCounts(
      counts.keys ?? Array.from(counts.ref, (_, i) => i),
      counts.ref,
      counts.cur,
    );
  }
  const bins = profileBins(ref, cur, column);
  const shares = (fill: boolean) => {
    const r = toShares(bins.ref, ref.count);
    const c = toShares(bins.cur, cur.count);
    return fill ? { r: fillEmptyBins(r), c: fillEmptyBins(c) } : { r, c };
  };
  switch (method) {
    case 'psi': {
      const { r, c } = shares(true);
      return { statistic: populationStabilityIndex(r, c) };
    }
    case 'kl_div': {
      const { r, c } = shares(true);
      return { statistic: klDivergence(r, c) };
    }
    case 'jensenshannon': {
      const { r, c } = shares(false);
      return { statistic: jensenShannonDistance(r, c) };
    }
    case 'hellinger': {
      const { r, c } = shares(false);
      return { statistic: hellingerFromShares(r, c) };
    }
    default:
      throw new RangeError(`unknown method ${method}`);
  }
}

/** Drift of one column from its reference and current profiles. */
export function computeDriftFromProfiles(
  reference: ColumnProfile,
  current: ColumnProfile,
  options: ColumnDriftOptions = {},
): ColumnDriftResult {
  const column = options.column ?? 'value';
  checkVersion(reference, `the reference profile of column "${column}"`);
  checkVersion(current, `the current profile of column "${column}"`);
  if (reference.type === 'categorical' || current.type === 'categorical') {
    assertFewCategories(
      column,
      options.maxCategories ?? DEFAULT_MAX_CATEGORIES,
      reference.values?.keys ?? [],
      current.values?.keys ?? [],
    );
  }
  if (reference.type !== current.type) {
    throw new DriftInputError(
      `column "${column}" has mixed types: ${reference.type} in ${
        options.referenceName ?? 'reference'
      } but ${current.type} in ${options.currentName ?? 'current'}`,
    );
  }
  const declared = options.columnTypes?.[column];
  if (declared && declared !== reference.type) {
    throw new DriftInputError(
      `column "${column}" is declared ${declared} but was profiled as ${reference.type}`,
    );
  }
  const type = reference.type;
  const method = chooseMethod(column, type, options, () => {
    const distinct =
      reference.values && current.values
        ? unionValueCounts(reference, current).keys.length
        : PER_VALUE_BIN_LIMIT + 1;
    return defaultDriftMethod(
      type,
      reference.count,
      distinct +
        ((reference.otherCount ?? 0) + (current.otherCount ?? 0) > 0 ? 1 : 0),
    );
  });
  const { bound, ...score } = scoreProfiles(method, reference, current, column);
  const result = judge(column, type, method, score, options, {
    rows: { reference: reference.rows, current: current.rows },
    missing: { reference: reference.missing, current: current.missing },
  });
  return bound ? { ...result, statisticErrorBound: bound } : result;
}

/** Profile every column of a table; pass the reference profile when profiling current data. */
export function buildDatasetProfile(
  table: DataTable,
  options: Omit<ProfileOptions, 'column' | 'type' | 'binEdges'> & {
    reference?: DatasetProfile;
    columnTypes?: Record<string, 'numerical' | 'categorical'>;
    maxColumns?: number;
  } = {},
): DatasetProfile {
  const { names, get } = tableColumns(table, {
    maxColumns: options.maxColumns,
  });
  const columns: Record<string, ColumnProfile> = {};
  for (const name of names) {
    const ref = options.reference?.columns[name];
    columns[name] = buildColumnProfile(get(name), {
      ...options,
      column: name,
      type: options.columnTypes?.[name] ?? ref?.type,
      binEdges: ref?.histogram?.edges,
    });
  }
  return { version: PROFILE_VERSION, columns };
}

export function mergeDatasetProfiles(
  a: DatasetProfile,
  b: DatasetProfile,
): DatasetProfile {
  checkVersion(a, 'the first data set profile');
  checkVersion(b, 'the second data set profile');
  const columns: Record<string, ColumnProfile> = { ...a.columns };
  for (const [name, p] of Object.entries(b.columns)) {
    columns[name] = columns[name] ? mergeProfiles(columns[name], p) : p;
  }
  return { version: PROFILE_VERSION, columns };
}

/** Data set drift from two data set profiles. */
export function computeDatasetDriftFromProfiles(
  reference: DatasetProfile,
  current: DatasetProfile,
  options: DriftOptions = {},
): DatasetDriftReport {
  checkVersion(reference, 'the reference profile');
  checkVersion(current, 'the current profile');
  const names = {
    reference: options.referenceName ?? 'reference',
    current: options.currentName ?? 'current',
  };
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  for (const [profile, source] of [
    [reference, names.reference],
    [current, names.current],
  ] as const) {
    const columnNames = Object.keys(profile.columns);
    if (columnNames.length > maxColumns) {
      throw new DriftInputError(
        `${source} has more than ${maxColumns} columns, the most a table may have (maxColumns): ${listSome(
          columnNames,
        )}`,
      );
    }
  }
  const columns = selectColumns(
    Object.keys(reference.columns),
    Object.keys(current.columns),
    options.columns,
    names,
  );
  return summarise(
    columns.map(column =>
      computeDriftFromProfiles(
        reference.columns[column],
        current.columns[column],
        { ...options, column },
      ),
    ),
    options.driftShare,
  );
}
