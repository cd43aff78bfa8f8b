import { InputError } from '@backstage/errors';
import {
  ColumnType,
  DatasetDriftReport,
  DRIFT_METHODS,
  DriftInputError,
  DriftMethod,
  inferColumnType,
  isDriftMethod,
} from '@model-hub/model-hub-drift';

/**
 * The terms a version's drift is judged by: a method and a threshold per
 * column, published (and audited) with the version. Columns it leaves out
 * get the drift engine's defaults.
 */
export type DriftSettings = {
  methods?: Record<string, DriftMethod>;
  thresholds?: Record<string, number>;
};

/** The clock skew a window's end may be ahead of the server by, by default. */
export const DEFAULT_MAX_CLOCK_SKEW = { minutes: 5 };

/**
 * A window ends before it is submitted: a window ending in the future would
 * stay "the latest" (never stale, hiding later reports) until then. A little
 * clock skew between the serving service and Model Hub is tolerated.
 */
export function assertWindowEnded(
  windowEnd: string,
  windowEndMs: number,
  nowMs: number,
  maxClockSkewMs: number,
): void {
  if (windowEndMs - nowMs > maxClockSkewMs) {
    throw new InputError(
      `windowEnd: ${windowEnd} is in the future (now is ${new Date(
        nowMs,
      ).toISOString()}, ${Math.round(
        maxClockSkewMs / 1000,
      )} s of clock skew allowed); submit a window once it has ended`,
    );
  }
}

/**
 * Whether `candidate` flags drift at least as often as `base`: a p-value
 * drifts when below its threshold, so a higher one is stricter; a distance
 * drifts when at or above it, so a lower one is.
 */
export function isAtLeastAsStrict(
  method: DriftMethod,
  candidate: number,
  base: number,
): boolean {
  return DRIFT_METHODS[method].score === 'p_value'
    ? candidate >= base
    : candidate <= base;
}

/**
 * The methods a submission names must be those the version publishes: a
 * submitter does not pick the test its window is judged by.
 */
export function assertVersionMethods(
  settings: DriftSettings | undefined,
  submitted: Record<string, string> | undefined,
  versionName: string,
): void {
  for (const [column, method] of Object.entries(submitted ?? {})) {
    if (!isDriftMethod(method)) {
      throw new InputError(
        `methods.${column}: "${method}" is not a drift method`,
      );
    }
    const published = settings?.methods?.[column];
    if (method !== published) {
      throw new InputError(
        `methods.${column}: "${method}" differs from the method version ${versionName} publishes for ${column} (${
          published ? `"${published}"` : "the drift engine's default"
        }); drift methods are set with the version (driftSettings.methods), leave methods out`,
      );
    }
  }
}

/**
 * The thresholds of a submission, checked against those the version's terms
 * gave each column in `report` (the report computed with the version's
 * terms): a submission may make drift detection stricter, never looser.
 * Undefined when the submission names none.
 */
export function stricterThresholds(
  report: DatasetDriftReport,
  submitted: Record<string, number> | undefined,
): Record<string, number> | undefined {
  const entries = Object.entries(submitted ?? {});
  if (entries.length === 0) return undefined;
  const columns = new Map(report.columns.map(c => [c.column, c]));
  for (const [column, threshold] of entries) {
    const judged = columns.get(column);
    if (!judged) {
      throw new InputError(
        `thresholds.${column}: ${column} is not a column this window is compared on`,
      );
    }
    if (!isAtLeastAsStrict(judged.method, threshold, judged.threshold)) {
      const stricter =
        DRIFT_METHODS[judged.method].score === 'p_value'
          ? 'higher (a p-value drifts when below it)'
          : 'lower (a distance drifts when at or above it)';
      throw new InputError(
        `thresholds.${column}: ${threshold} is looser than ${judged.threshold}, the ${judged.method} threshold the version's drift terms give ${column}; a submission may only make it stricter: ${stricter}`,
      );
    }
  }
  return Object.fromEntries(entries);
}

/** The column names of a data set given as rows or as a profile. */
export function columnsOf(data: {
  rows?: Record<string, unknown>[];
  profile?: { columns?: Record<string, unknown> };
}): Set<string> {
  const names = new Set<string>(Object.keys(data.profile?.columns ?? {}));
  for (const row of data.rows ?? []) {
    for (const name of Object.keys(row)) names.add(name);
  }
  return names;
}

/**
 * A submission's `columns` may not leave out a column the reference and the
 * window share: choosing the columns would choose the verdict (drop the
 * drifting ones and the data set reads as stable).
 */
export function assertAllSharedColumns(
  reference: Set<string>,
  window: Set<string>,
  requested: string[] | undefined,
): void {
  if (!requested) return;
  const chosen = new Set(requested);
  const left = [...reference].filter(c => window.has(c) && !chosen.has(c));
  if (left.length > 0) {
    throw new InputError(
      `columns: leaves out ${left.join(
        ', ',
      )}, which the reference and the window both have; drift is judged on every shared column (leave columns out)`,
    );
  }
}

/** The type of a reference column, from its profile or its rows. */
function referenceColumnType(
  reference: {
    rows?: Record<string, unknown>[];
    profile?: { columns?: Record<string, { type?: ColumnType } | null> };
  },
  column: string,
): ColumnType | undefined {
  const profiled = reference.profile?.columns?.[column]?.type;
  if (profiled) return profiled;
  try {
    return inferColumnType(
      (reference.rows ?? []).map(row => row[column]),
      { column, source: 'referenceProfile.rows' },
    );
  } catch (error) {
    if (error instanceof DriftInputError) {
      throw new InputError(`referenceProfile: ${error.message}`);
    }
    throw error;
  }
}

/**
 * A version's drift terms fit its drift reference: each names columns of
 * the reference, and each method applies to its column's type. Checked
 * when publishing, so that no window of the version fails on its terms.
 */
export function assertTermsFitReference(
  settings: DriftSettings | undefined,
  reference:
    | {
        rows?: Record<string, unknown>[];
        profile?: { columns?: Record<string, any> };
      }
    | undefined,
): void {
  if (!settings || !reference) return;
  const columns = columnsOf(reference);
  for (const [field, named] of [
    ['methods', settings.methods],
    ['thresholds', settings.thresholds],
  ] as const) {
    for (const column of Object.keys(named ?? {})) {
      if (!columns.has(column)) {
        throw new InputError(
          `driftSettings.${field}.${column}: ${column} is not a column of the drift reference (referenceProfile)`,
        );
      }
    }
  }
  for (const [column, method] of Object.entries(settings.methods ?? {})) {
    const type = referenceColumnType(reference, column);
    if (type && !DRIFT_METHODS[method].columnTypes.includes(type)) {
      throw new InputError(
        `driftSettings.methods.${column}: "${method}" does not apply to ${column}, a ${type} column; use one of ${Object.values(
          DRIFT_METHODS,
        )
          .filter(m => m.columnTypes.includes(type))
          .map(m => m.method)
          .join(', ')}`,
      );
    }
  }
}
