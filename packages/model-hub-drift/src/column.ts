/*
 * Turning raw column values into typed samples: missing values are counted
 * (never silently dropped), types are inferred or checked, and problems are
 * reported with the column (and data set) they concern.
 */

// Module-level aliases: global lookups are slow inside Jest's VM sandbox.
const { isFinite: finite, isNaN } = Number;

export type ColumnType = 'numerical' | 'categorical';

/** A column's usable values plus what was missing. */
export type PreparedColumn =
  | { type: 'numerical'; values: Float64Array; missing: number; total: number }
  | { type: 'categorical'; values: string[]; missing: number; total: number };

/** Thrown for input the engine cannot judge; the message names the problem. */
export class DriftInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriftInputError';
  }
}

export interface PrepareOptions {
  /** Column name, for messages. */
  column: string;
  /** Which data set the values come from ("reference", a file name...), for messages. */
  source?: string;
  /** Declared type; inferred when absent. */
  type?: ColumnType;
}

function isMissing(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    v === '' ||
    (typeof v === 'number' && !finite(v))
  );
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) return false;
  }
  return true;
}

/** The first `kept` values of `out` as a prepared column; none is an error. */
function numericalColumn(
  out: Float64Array,
  kept: number,
  total: number,
  opts: PrepareOptions,
): PreparedColumn {
  if (kept === 0) {
    throw new DriftInputError(`${where(opts)} is all missing (${total} rows)`);
  }
  return {
    type: 'numerical',
    values: kept === total ? out : out.slice(0, kept),
    missing: total - kept,
    total,
  };
}

function where(opts: PrepareOptions): string {
  return `column "${opts.column}"${opts.source ? ` in ${opts.source}` : ''}`;
}

/**
 * Infer a column's type from its non-missing values: numbers make it
 * numerical; strings and booleans categorical; a mix of numbers and
 * non-numbers is an error unless a type is declared.
 */
export function inferColumnType(
  values: ArrayLike<unknown>,
  opts: PrepareOptions,
): ColumnType | undefined {
  if (
    values instanceof Float64Array ||
    values instanceof Float32Array ||
    values instanceof Int32Array
  ) {
    return 'numerical';
  }
  let sawNumber: unknown;
  let sawOther: unknown;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v === 'number' || typeof v === 'bigint') sawNumber ??= v;
    else if (typeof v === 'string' || typeof v === 'boolean') sawOther ??= v;
    else
      throw new DriftInputError(
        `${where(
          opts,
        )} has an unsupported value of type ${typeof v}: ${JSON.stringify(v)}`,
      );
    if (sawNumber !== undefined && sawOther !== undefined) {
      throw new DriftInputError(
        `${where(opts)} has mixed types: numbers (e.g. ${String(
          sawNumber,
        )}) and text (e.g. ${JSON.stringify(
          sawOther,
        )}); declare its type to treat it as categorical`,
      );
    }
  }
  if (sawNumber !== undefined) return 'numerical';
  if (sawOther !== undefined) return 'categorical';
  return undefined; // all missing
}

/** Prepare one column; throws DriftInputError if it is all missing or mistyped. */
export function prepareColumn(
  values: ArrayLike<unknown>,
  opts: PrepareOptions,
): PreparedColumn {
  const type = opts.type ?? inferColumnType(values, opts);
  const total = values.length;
  if (type === undefined) {
    throw new DriftInputError(`${where(opts)} is all missing (${total} rows)`);
  }
  if (type === 'numerical' && ArrayBuffer.isView(values)) {
    // Fast path for typed arrays: only non-finite values can be missing.
    // A Float64Array without any is used as is (the engine never mutates it).
    if (values instanceof Float64Array && allFinite(values)) {
      return { type, values, missing: 0, total };
    }
    const src = values as unknown as ArrayLike<number>;
    const out = new Float64Array(total);
    let k = 0;
    for (let i = 0; i < total; i++) {
      const v = src[i];
      if (v - v === 0) out[k++] = v; // false for NaN and +-Infinity
    }
    return numericalColumn(out, k, total, opts);
  }
  if (type === 'numerical') {
    const out = new Float64Array(total);
    let k = 0;
    for (let i = 0; i < total; i++) {
      const raw = values[i];
      if (isMissing(raw)) continue;
      let v = NaN;
      if (typeof raw === 'number') v = raw;
      else if (typeof raw === 'string') v = Number(raw.trim());
      if (typeof raw !== 'number' && (typeof raw !== 'string' || isNaN(v))) {
        throw new DriftInputError(
          `${where(opts)} is numerical but row ${i + 1} holds ${JSON.stringify(
            raw,
          )}`,
        );
      }
      if (!finite(v)) continue; // +-Infinity counts as missing, as in Evidently
      out[k++] = v;
    }
    return numericalColumn(out, k, total, opts);
  }
  const out: string[] = [];
  for (let i = 0; i < total; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    out.push(String(v));
  }
  if (out.length === 0)
    throw new DriftInputError(`${where(opts)} is all missing (${total} rows)`);
  return { type, values: out, missing: total - out.length, total };
}
