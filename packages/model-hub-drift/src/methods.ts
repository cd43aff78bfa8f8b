/*
 * The drift methods, their default thresholds and drift rules, and the
 * default choice per column: the same decisions Evidently 0.7 makes.
 */
import type { ColumnType } from './column';

export type DriftMethod =
  | 'ks'
  | 'chisquare'
  | 'z'
  | 'wasserstein'
  | 'jensenshannon'
  | 'psi'
  | 'kl_div'
  | 'hellinger';

export interface DriftMethodInfo {
  method: DriftMethod;
  displayName: string;
  /** A p-value drifts when small; a distance when large. */
  score: 'p_value' | 'distance';
  defaultThreshold: number;
  columnTypes: ColumnType[];
}

const both: ColumnType[] = ['numerical', 'categorical'];

export const DRIFT_METHODS: Record<DriftMethod, DriftMethodInfo> = {
  ks: {
    method: 'ks',
    displayName: 'Kolmogorov-Smirnov p-value',
    score: 'p_value',
    defaultThreshold: 0.05,
    columnTypes: ['numerical'],
  },
  chisquare: {
    method: 'chisquare',
    displayName: 'chi-square p-value',
    score: 'p_value',
    defaultThreshold: 0.05,
    columnTypes: both,
  },
  z: {
    method: 'z',
    displayName: 'Z-test for proportions p-value',
    score: 'p_value',
    defaultThreshold: 0.05,
    columnTypes: both,
  },
  wasserstein: {
    method: 'wasserstein',
    displayName: 'Wasserstein distance (normed)',
    score: 'distance',
    defaultThreshold: 0.1,
    columnTypes: ['numerical'],
  },
  jensenshannon: {
    method: 'jensenshannon',
    displayName: 'Jensen-Shannon distance',
    score: 'distance',
    defaultThreshold: 0.1,
    columnTypes: both,
  },
  psi: {
    method: 'psi',
    displayName: 'PSI',
    score: 'distance',
    defaultThreshold: 0.1,
    columnTypes: both,
  },
  kl_div: {
    method: 'kl_div',
    displayName: 'Kullback-Leibler divergence',
    score: 'distance',
    defaultThreshold: 0.1,
    columnTypes: both,
  },
  hellinger: {
    method: 'hellinger',
    displayName: 'Hellinger distance',
    score: 'distance',
    defaultThreshold: 0.1,
    columnTypes: both,
  },
};

/** Evidently's share of drifted columns from which the data set drifts. */
export const DEFAULT_DRIFT_SHARE = 0.5;

export function isDriftMethod(name: string): name is DriftMethod {
  return Object.prototype.hasOwnProperty.call(DRIFT_METHODS, name);
}

/**
 * Drift decision. KS drifts when p <= threshold; chi-square and Z when
 * p < threshold; distances when >= threshold (Evidently's comparisons).
 * A NaN score never drifts.
 */
export function isDrifted(
  method: DriftMethod,
  score: number,
  threshold: number,
): boolean {
  if (method === 'ks') return score <= threshold;
  if (DRIFT_METHODS[method].score === 'p_value') return score < threshold;
  return score >= threshold;
}

/**
 * Evidently's default method: by column type, number of distinct values in
 * reference and current together, and reference size (non-missing rows).
 */
export function defaultDriftMethod(
  type: ColumnType,
  referenceSize: number,
  distinctValues: number,
): DriftMethod {
  if (referenceSize <= 1000) {
    if (type === 'numerical' && distinctValues > 5) return 'ks';
    return distinctValues > 2 ? 'chisquare' : 'z';
  }
  if (type === 'numerical' && distinctValues > 5) return 'wasserstein';
  return 'jensenshannon';
}

/** Per-model defaults and per-column overrides (most specific wins). */
export interface DriftMethodOptions {
  /** Method for every column (overrides the Evidently default). */
  method?: DriftMethod;
  numericalMethod?: DriftMethod;
  categoricalMethod?: DriftMethod;
  perColumnMethod?: Record<string, DriftMethod>;
  /** Threshold for every column. */
  threshold?: number;
  numericalThreshold?: number;
  categoricalThreshold?: number;
  perColumnThreshold?: Record<string, number>;
  /** Default threshold per method (e.g. a model that tolerates PSI up to 0.2). */
  methodThresholds?: Partial<Record<DriftMethod, number>>;
  /** Declared column types; inferred when absent. */
  columnTypes?: Record<string, ColumnType>;
}

export function chooseMethod(
  column: string,
  type: ColumnType,
  options: DriftMethodOptions,
  fallback: () => DriftMethod,
): DriftMethod {
  const method =
    options.perColumnMethod?.[column] ??
    (type === 'numerical'
      ? options.numericalMethod
      : options.categoricalMethod) ??
    options.method ??
    fallback();
  if (!isDriftMethod(method)) {
    throw new RangeError(
      `column "${column}": unknown drift method "${method}"`,
    );
  }
  if (!DRIFT_METHODS[method].columnTypes.includes(type)) {
    throw new RangeError(
      `column "${column}": method "${method}" does not apply to a ${type} column`,
    );
  }
  return method;
}

export function chooseThreshold(
  column: string,
  type: ColumnType,
  method: DriftMethod,
  options: DriftMethodOptions,
): number {
  return (
    options.perColumnThreshold?.[column] ??
    (type === 'numerical'
      ? options.numericalThreshold
      : options.categoricalThreshold) ??
    options.threshold ??
    options.methodThresholds?.[method] ??
    DRIFT_METHODS[method].defaultThreshold
  );
}
