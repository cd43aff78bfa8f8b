/*
 * Column and data set drift from raw values.
 */
import {
  DriftInputError,
  inferColumnType,
  prepareColumn,
  prepareNumbers,
  summariseNumbers,
} from './column';
import type { ColumnType, NumberSummary, PreparedColumn } from './column';
import {
  chooseMethod,
  chooseThreshold,
  defaultDriftMethod,
  DEFAULT_DRIFT_SHARE,
  DRIFT_METHODS,
  isDrifted,
} from './methods';
import type { DriftMethod, DriftMethodOptions } from './methods';
import {
  fillEmptyBins,
  histogramCounts,
  rangeOf,
  type Range,
  sturgesBinCount,
  sturgesEdges,
  toShares,
} from './stats/binning';
import {
  hellingerFromHistograms,
  hellingerFromShares,
  jensenShannonDistance,
  klDivergence,
  populationStabilityIndex,
} from './stats/divergence';
import {
  countDistinctNumbers,
  countFewDistinctNumbers,
  integerCounts,
} from './stats/distinct';
import type { UnionCounts } from './stats/distinct';
import { ksStatisticUnsorted, wassersteinUnsorted } from './stats/ecdfBuckets';
import { ksPValue } from './stats/ks';
import { populationStd } from './stats/sorted';
import { SCRATCH_CURRENT, SCRATCH_REFERENCE } from './stats/scratch';
import { chiSquareTest, proportionsZTest } from './stats/tests';
import { WASSERSTEIN_MIN_NORM } from './stats/wasserstein';

export interface ColumnDriftResult {
  column: string;
  type: ColumnType;
  method: DriftMethod;
  /** Test statistic (KS D, chi-square, z) or the distance itself. */
  statistic: number;
  /** For p-value methods (ks, chisquare, z). */
  pValue?: number;
  /** 'exact' or 'asymptotic' for KS. */
  pValueMethod?: 'exact' | 'asymptotic';
  /** What is compared with the threshold: the p-value or the distance. */
  score: number;
  threshold: number;
  drifted: boolean;
  rows: { reference: number; current: number };
  missing: { reference: number; current: number };
  /** Only from profiles: worst-case bound on |statistic - raw-data statistic|. */
  statisticErrorBound?: number;
}

export interface DatasetDriftReport {
  columns: ColumnDriftResult[];
  driftedColumns: number;
  driftedShare: number;
  shareThreshold: number;
  datasetDrift: boolean;
}

/** Default caps on the shape of the data: columns per table, categories per column. */
export const DEFAULT_MAX_COLUMNS = 1000;
export const DEFAULT_MAX_CATEGORIES = 10000;

export interface ColumnDriftOptions extends DriftMethodOptions {
  /** Column name, for the result and messages (default "value"). */
  column?: string;
  /**
   * Most distinct categories a categorical column may have, in reference and
   * current together (default DEFAULT_MAX_CATEGORIES): counts and reports
   * grow with them, and a column of ids is no category to judge drift on.
   */
  maxCategories?: number;
  /** Names of the data sets in messages (e.g. file names). */
  referenceName?: string;
  currentName?: string;
}

export interface DriftOptions extends Omit<ColumnDriftOptions, 'column'> {
  /** Columns to compare; default: every column present in both tables. */
  columns?: string[];
  /** Most columns a table may have (default DEFAULT_MAX_COLUMNS). */
  maxColumns?: number;
  /** Share of drifted columns from which the data set drifts (default 0.5). */
  driftShare?: number;
}

/** Either row records or columns of values. */
export type DataTable =
  | ReadonlyArray<Record<string, unknown>>
  | Record<string, ArrayLike<unknown>>;

export interface MethodScore {
  statistic: number;
  pValue?: number;
  pValueMethod?: 'exact' | 'asymptotic';
}

// ---- counting helpers -------------------------------------------------------

/** Most integer codes counted by array index (per distinct value: 16 bytes). */
const MAX_INTEGER_SPAN = 1 << 16;

/**
 * Counts of every value of ref and cur over the union of their values.
 * `range`: the smallest and largest value of numeric samples, when known.
 */
export function unionCounts<T>(
  ref: ArrayLike<T>,
  cur: ArrayLike<T>,
  range?: Range,
): UnionCounts<T> {
  if (ref instanceof Float64Array && cur instanceof Float64Array) {
    const numbers =
      integerCounts(
        ref,
        cur,
        range ?? rangeOf(ref, cur),
        Math.min(MAX_INTEGER_SPAN, Math.max(256, ref.length + cur.length)),
      ) ?? fewNumberCounts(ref, cur);
    if (numbers) return numbers as unknown as UnionCounts<T>;
  }
  const index = new Map<T, number>();
  const refCounts: number[] = [];
  const curCounts: number[] = [];
  const add = (values: ArrayLike<T>, own: number[], other: number[]) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let k = index.get(v);
      if (k === undefined) {
        k = refCounts.length;
        index.set(v, k);
        own.push(0);
        other.push(0);
      }
      own[k]++;
    }
  };
  add(ref, refCounts, curCounts);
  add(cur, curCounts, refCounts);
  return {
    keys: [...index.keys()],
    ref: Float64Array.from(refCounts),
    cur: Float64Array.from(curCounts),
  };
}

/**
 * Counts for numeric samples with few distinct values (the usual case for
 * chi-square and Z): a linear scan of a short key list beats a Map.
 * Returns undefined beyond 16 distinct values.
 */
function fewNumberCounts(ref: Float64Array, cur: Float64Array) {
  const keys = new Float64Array(16);
  const counts = [new Float64Array(16), new Float64Array(16)];
  let size = 0;
  const samples = [ref, cur];
  for (let s = 0; s < 2; s++) {
    const values = samples[s];
    const own = counts[s];
    let last = 0; // index of the previous value's key: runs are common
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (size && keys[last] === v) {
        own[last]++;
        continue;
      }
      let k = 0;
      while (k < size && keys[k] !== v) k++;
      if (k === size) {
        if (size === 16) return undefined;
        keys[size++] = v;
      }
      own[k]++;
      last = k;
    }
  }
  return {
    keys: Array.from(keys.subarray(0, size)),
    ref: counts[0].slice(0, size),
    cur: counts[1].slice(0, size),
  };
}

/** Number of distinct values across the samples, counting no further than `cap`. */
export function countDistinct<T>(
  cap: number,
  ...samples: ArrayLike<T>[]
): number {
  if (cap <= 32 && samples.every(s => s instanceof Float64Array)) {
    return countFewDistinctNumbers(cap, samples as unknown as Float64Array[]);
  }
  const seen = new Set<T>();
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      seen.add(s[i]);
      if (seen.size >= cap) return cap;
    }
  }
  return seen.size;
}

/** Evidently switches numerical binning from per-value to Sturges above 20 reference values. */
export const PER_VALUE_BIN_LIMIT = 20;

/** Evidently's get_binned_data: shares per bin for reference and current. */
export function binnedShares(
  ref: PreparedColumn,
  cur: PreparedColumn,
  fillEmpty: boolean,
): { ref: Float64Array; cur: Float64Array } {
  let r: Float64Array;
  let c: Float64Array;
  if (
    ref.type === 'numerical' &&
    cur.type === 'numerical' &&
    countDistinct(PER_VALUE_BIN_LIMIT + 1, ref.values) > PER_VALUE_BIN_LIMIT
  ) {
    const edges = sturgesEdges(
      columnsRange(ref, cur),
      ref.values.length + cur.values.length,
    );
    r = toShares(histogramCounts(ref.values, edges), ref.values.length);
    c = toShares(histogramCounts(cur.values, edges), cur.values.length);
  } else {
    const counts = unionCounts<number | string>(
      ref.values,
      cur.values,
      numericalRange(ref, cur),
    );
    r = toShares(counts.ref, ref.values.length);
    c = toShares(counts.cur, cur.values.length);
  }
  if (fillEmpty) {
    fillEmptyBins(r);
    fillEmptyBins(c);
  }
  return { ref: r, cur: c };
}

/** Evidently's Z-test on value counts (first sorted value vs the rest). */
export function zTestFromCounts(
  keys: ReadonlyArray<number | string>,
  ref: Float64Array,
  cur: Float64Array,
): MethodScore {
  const present = (counts: Float64Array) =>
    keys.filter((_, i) => counts[i] > 0);
  const inRef = present(ref);
  const inCur = present(cur);
  if (inRef.length === 1 && inCur.length === 1 && inRef[0] === inCur[0]) {
    return { statistic: 0, pValue: 1 };
  }
  let first = 0;
  for (let i = 1; i < keys.length; i++) if (keys[i] < keys[first]) first = i;
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < keys.length; i++) {
    nRef += ref[i];
    nCur += cur[i];
  }
  const res = proportionsZTest(
    nRef - ref[first],
    nRef,
    nCur - cur[first],
    nCur,
  );
  return { statistic: res.statistic, pValue: res.pValue };
}

/** How many values equal x (branch-free: values alternate unpredictably). */
function countEqual(values: Float64Array, x: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) count += +(values[i] === x);
  return count;
}

/** One side of a numerical Z-test: its count, minimum and the minimum's copies. */
interface ZSide {
  count: number;
  min: number;
  /** Whether every value equals the minimum. */
  constant: boolean;
  copiesOfMin: () => number;
}

/**
 * zTestFromCounts for numerical columns without counting every value: the
 * first sorted value is the smaller minimum, and only its copies count.
 */
function zTestOfSides(r: ZSide, c: ZSide): MethodScore {
  if (r.constant && c.constant && r.min === c.min) {
    return { statistic: 0, pValue: 1 };
  }
  const first = Math.min(r.min, c.min);
  const refFirst = r.min === first ? r.copiesOfMin() : 0;
  const curFirst = c.min === first ? c.copiesOfMin() : 0;
  const res = proportionsZTest(
    r.count - refFirst,
    r.count,
    c.count - curFirst,
    c.count,
  );
  return { statistic: res.statistic, pValue: res.pValue };
}

function zSide(column: NumericalColumn): ZSide {
  const { min, max } = columnRange(column);
  return {
    count: column.values.length,
    min,
    constant: min === max,
    copiesOfMin: () => countEqual(column.values, min),
  };
}

function summarySide(summary: NumberSummary): ZSide {
  return {
    count: summary.count,
    min: summary.min,
    constant: summary.minCount === summary.count,
    copiesOfMin: () => summary.minCount,
  };
}

function numericalHellinger(
  ref: NumericalColumn,
  cur: NumericalColumn,
): number {
  // Evidently bins on Sturges edges over the distinct values of both
  // samples; the number of bins changes only where log2(distinct) crosses an
  // integer, so counting stops once it is known.
  const range = columnsRange(ref, cur);
  const distinct = countDistinctNumbers([ref.values, cur.values], {
    range,
    settled: (lower, upper) =>
      sturgesBinCount(range, lower) === sturgesBinCount(range, upper),
  });
  const edges = sturgesEdges(range, distinct);
  return hellingerFromHistograms(
    histogramCounts(ref.values, edges),
    histogramCounts(cur.values, edges),
    edges,
  );
}

type NumericalColumn = Extract<PreparedColumn, { type: 'numerical' }>;

/** Range of a numerical column, from what preparing it found if it can. */
function columnRange(column: NumericalColumn): Range {
  return column.min === undefined || column.max === undefined
    ? rangeOf(column.values)
    : { min: column.min, max: column.max };
}

/** Range of two numerical columns together. */
function columnsRange(ref: NumericalColumn, cur: NumericalColumn): Range {
  const r = columnRange(ref);
  const c = columnRange(cur);
  return { min: Math.min(r.min, c.min), max: Math.max(r.max, c.max) };
}

function numericalRange(
  ref: PreparedColumn,
  cur: PreparedColumn,
): Range | undefined {
  return ref.type === 'numerical' && cur.type === 'numerical'
    ? columnsRange(ref, cur)
    : undefined;
}

/** Score one method on prepared reference and current samples. */
export function scoreMethod(
  method: DriftMethod,
  ref: PreparedColumn,
  cur: PreparedColumn,
): MethodScore {
  if (ref.type === 'numerical' && cur.type === 'numerical') {
    if (method === 'ks') {
      return ksPValue(
        ksStatisticUnsorted(ref.values, cur.values, columnsRange(ref, cur)),
        ref.values.length,
        cur.values.length,
      );
    }
    if (method === 'wasserstein') {
      const distance = wassersteinUnsorted(
        ref.values,
        cur.values,
        columnsRange(ref, cur),
      );
      return {
        statistic:
          distance / Math.max(populationStd(ref.values), WASSERSTEIN_MIN_NORM),
      };
    }
    if (method === 'hellinger')
      return { statistic: numericalHellinger(ref, cur) };
    if (method === 'z') return zTestOfSides(zSide(ref), zSide(cur));
  }
  switch (method) {
    case 'psi': {
      const s = binnedShares(ref, cur, true);
      return { statistic: populationStabilityIndex(s.ref, s.cur) };
    }
    case 'kl_div': {
      const s = binnedShares(ref, cur, true);
      return { statistic: klDivergence(s.ref, s.cur) };
    }
    case 'jensenshannon': {
      const s = binnedShares(ref, cur, false);
      return { statistic: jensenShannonDistance(s.ref, s.cur) };
    }
    default:
      break;
  }
  const counts = unionCounts<number | string>(
    ref.values,
    cur.values,
    numericalRange(ref, cur),
  );
  if (method === 'chisquare') return chiSquareTest(counts.ref, counts.cur);
  if (method === 'z')
    return zTestFromCounts(counts.keys, counts.ref, counts.cur);
  if (method === 'hellinger') {
    return {
      statistic: hellingerFromShares(
        toShares(counts.ref, ref.values.length),
        toShares(counts.cur, cur.values.length),
      ),
    };
  }
  throw new RangeError(`method "${method}" does not apply to ${ref.type} data`);
}

export function judge(
  column: string,
  type: ColumnType,
  method: DriftMethod,
  score: MethodScore,
  options: DriftMethodOptions,
  counts: Pick<ColumnDriftResult, 'rows' | 'missing'>,
): ColumnDriftResult {
  const threshold = chooseThreshold(column, type, method, options);
  const value =
    DRIFT_METHODS[method].score === 'p_value' ? score.pValue! : score.statistic;
  return {
    column,
    type,
    method,
    statistic: score.statistic,
    ...(score.pValue !== undefined ? { pValue: score.pValue } : {}),
    ...(score.pValueMethod ? { pValueMethod: score.pValueMethod } : {}),
    score: value,
    threshold,
    drifted: isDrifted(method, value, threshold),
    ...counts,
  };
}

function resolveType(
  column: string,
  ref: ArrayLike<unknown>,
  cur: ArrayLike<unknown>,
  options: ColumnDriftOptions,
): [PreparedColumn, PreparedColumn] {
  const declared = options.columnTypes?.[column];
  const refName = options.referenceName ?? 'reference';
  const curName = options.currentName ?? 'current';
  // Columns of numbers, the usual case, are typed and copied in one pass each.
  // They go to scratch buffers: the prepared columns do not outlive the
  // column's drift computation.
  const refNumbers = prepareNumbers(
    ref,
    { column, source: refName, type: declared },
    SCRATCH_REFERENCE,
  );
  const curNumbers =
    refNumbers &&
    prepareNumbers(
      cur,
      { column, source: curName, type: declared },
      SCRATCH_CURRENT,
    );
  if (refNumbers && curNumbers) return [refNumbers, curNumbers];
  const refType = declared ?? inferColumnType(ref, { column, source: refName });
  const curType = declared ?? inferColumnType(cur, { column, source: curName });
  if (refType && curType && refType !== curType) {
    throw new DriftInputError(
      `column "${column}" has mixed types: ${refType} in ${refName} but ${curType} in ${curName}`,
    );
  }
  const type = refType ?? curType;
  const prepared: [PreparedColumn, PreparedColumn] = [
    prepareColumn(ref, { column, source: refName, type }),
    prepareColumn(cur, { column, source: curName, type }),
  ];
  if (prepared[0].type === 'categorical') {
    assertFewCategories(
      column,
      options.maxCategories ?? DEFAULT_MAX_CATEGORIES,
      prepared[0].values,
      prepared[1].values as string[],
    );
  }
  return prepared;
}

/** Refuses a categorical column with more distinct categories than `max`. */
export function assertFewCategories(
  column: string,
  max: number,
  ...samples: ArrayLike<unknown>[]
) {
  if (countDistinct(max + 1, ...samples) > max) {
    throw new DriftInputError(
      `column "${column}" has more than ${max} distinct categories, the most a column may have (maxCategories); leave it out of the drift columns or bucket it`,
    );
  }
}

/** Drift of one column between reference and current values. */
export function computeColumnDrift(
  reference: ArrayLike<unknown>,
  current: ArrayLike<unknown>,
  options: ColumnDriftOptions = {},
): ColumnDriftResult {
  const column = options.column ?? 'value';
  const numerical =
    options.perColumnMethod?.[column] ??
    options.numericalMethod ??
    options.method;
  if (numerical === 'z' && options.columnTypes?.[column] !== 'categorical') {
    // The Z-test of two columns of numbers needs their counts and minimums
    // only: one read of each, no copy.
    const r = summariseNumbers(reference);
    const c = r && summariseNumbers(current);
    if (r && c) {
      return judge(
        column,
        'numerical',
        'z',
        zTestOfSides(summarySide(r), summarySide(c)),
        options,
        {
          rows: { reference: r.total, current: c.total },
          missing: { reference: r.total - r.count, current: c.total - c.count },
        },
      );
    }
  }
  const [ref, cur] = resolveType(column, reference, current, options);
  const method = chooseMethod(column, ref.type, options, () =>
    defaultDriftMethod(
      ref.type,
      ref.values.length,
      countDistinct<number | string>(6, ref.values, cur.values),
    ),
  );
  return judge(
    column,
    ref.type,
    method,
    scoreMethod(method, ref, cur),
    options,
    {
      rows: { reference: ref.total, current: cur.total },
      missing: { reference: ref.missing, current: cur.missing },
    },
  );
}

/** Column names of a table and a way to read a column's values. */
export function tableColumns(
  table: DataTable,
  options: { maxColumns?: number; source?: string } = {},
): {
  names: string[];
  get: (name: string) => ArrayLike<unknown>;
} {
  const max = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const tooMany = (names: string[]) =>
    new DriftInputError(
      `${
        options.source ?? 'the data'
      } has more than ${max} columns, the most a table may have (maxColumns): ${listSome(
        names,
      )}`,
    );
  if (Array.isArray(table)) {
    // One pass over the rows: each column keeps the rows that have it and
    // their values, so a column read later costs its own values only.
    const rows = table as ReadonlyArray<Record<string, unknown>>;
    const columns = new Map<string, { rows: number[]; values: unknown[] }>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      for (const key in row) {
        if (!Object.prototype.hasOwnProperty.call(row, key)) continue;
        let column = columns.get(key);
        if (!column) {
          if (columns.size >= max) throw tooMany([...columns.keys(), key]);
          column = { rows: [], values: [] };
          columns.set(key, column);
        }
        column.rows.push(i);
        column.values.push(row[key]);
      }
    }
    return {
      names: [...columns.keys()],
      get: name => {
        const values = new Array<unknown>(rows.length).fill(undefined);
        const column = columns.get(name);
        if (column) {
          for (let j = 0; j < column.rows.length; j++) {
            values[column.rows[j]] = column.values[j];
          }
        }
        return values;
      },
    };
  }
  const cols = table as Record<string, ArrayLike<unknown>>;
  const names = Object.keys(cols);
  if (names.length > max) throw tooMany(names);
  return { names, get: name => cols[name] };
}

/** A few names of a list, for messages: a window can have thousands. */
export function listSome(names: string[], few = 5): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, few).join(', ');
  return names.length > few ? `${shown} and ${names.length - few} more` : shown;
}

export function selectColumns(
  refNames: string[],
  curNames: string[],
  requested: string[] | undefined,
  names: { reference: string; current: string },
): string[] {
  const cur = new Set(curNames);
  const ref = new Set(refNames);
  if (requested && requested.length) {
    for (const c of requested) {
      if (!ref.has(c))
        throw new DriftInputError(`column "${c}" is not in ${names.reference}`);
      if (!cur.has(c))
        throw new DriftInputError(`column "${c}" is not in ${names.current}`);
    }
    return requested;
  }
  const common = refNames.filter(c => cur.has(c));
  if (!common.length) {
    throw new DriftInputError(
      `${names.reference} and ${
        names.current
      } have no common columns (reference: ${listSome(
        refNames,
      )}; current: ${listSome(curNames)})`,
    );
  }
  return common;
}

export function summarise(
  columns: ColumnDriftResult[],
  driftShare = DEFAULT_DRIFT_SHARE,
): DatasetDriftReport {
  const drifted = columns.filter(c => c.drifted).length;
  const share = columns.length ? drifted / columns.length : 0;
  return {
    columns,
    driftedColumns: drifted,
    driftedShare: share,
    shareThreshold: driftShare,
    datasetDrift: columns.length > 0 && share >= driftShare,
  };
}

/** Drift of every common (or selected) column, and the data set verdict. */
export function computeDatasetDrift(
  reference: DataTable,
  current: DataTable,
  options: DriftOptions = {},
): DatasetDriftReport {
  const names = {
    reference: options.referenceName ?? 'reference',
    current: options.currentName ?? 'current',
  };
  const ref = tableColumns(reference, {
    maxColumns: options.maxColumns,
    source: names.reference,
  });
  const cur = tableColumns(current, {
    maxColumns: options.maxColumns,
    source: names.current,
  });
  const columns = selectColumns(ref.names, cur.names, options.columns, names);
  const results = columns.map(column =>
    computeColumnDrift(ref.get(column), cur.get(column), {
      ...options,
      column,
    }),
  );
  return summarise(results, options.driftShare);
}
