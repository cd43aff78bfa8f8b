/*
 * Turning raw column values into typed samples: missing values are counted
 * (never silently dropped), types are inferred or checked, and problems are
 * reported with the column (and data set) they concern.
 */

import { scratchFloat64 } from './stats/scratch';

// Module-level aliases: global lookups are slow inside Jest's VM sandbox.
const { isFinite: finite, isNaN } = Number;

/*
 * The loops over a whole column below go through it a block at a time, and
 * hand their state on in these variables and their return value. A loop
 * over a whole long column runs long enough for V8 to compile it while it
 * runs (on-stack replacement), and later calls keep entering that code,
 * which keeps the loop's numbers boxed and is several times slower, without
 * the function ever being compiled the ordinary way; calls block by block
 * make it hot as a function soon. Nothing follows a loop but stores and the
 * return either: code after the loop has no type feedback when the loop is
 * compiled on the fly, and would send every call back to the interpreter.
 */
const BLOCK = 1 << 14;
let loopMin = 0;
let loopMax = 0;
let loopMin2 = 0;
let loopMax2 = 0;
let loopSum = 0;

export type ColumnType = 'numerical' | 'categorical';

/**
 * A column's usable values plus what was missing. Numerical columns prepared
 * here also carry their smallest and largest value (`min`, `max`), which
 * ranges and bins need.
 */
export type PreparedColumn =
  | {
      type: 'numerical';
      values: Float64Array;
      missing: number;
      total: number;
      min?: number;
      max?: number;
    }
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

/** Smallest and largest of the first `count` values. */
function rangeOfFirst(values: Float64Array, count: number): NumericalRange {
  // Two pairs of accumulators: shorter dependency chains.
  let min = Infinity;
  let max = -Infinity;
  let min2 = Infinity;
  let max2 = -Infinity;
  let i = 0;
  for (; i + 1 < count; i += 2) {
    const a = values[i];
    const b = values[i + 1];
    if (a < min) min = a;
    if (a > max) max = a;
    if (b < min2) min2 = b;
    if (b > max2) max2 = b;
  }
  if (i < count) {
    min2 = Math.min(min2, values[i]);
    max2 = Math.max(max2, values[i]);
  }
  return { min: Math.min(min, min2), max: Math.max(max, max2) };
}

/**
 * The finite values of `src` (numbers, or null / undefined / '' as missing)
 * into a Float64Array, with their range. Undefined as soon as a value is
 * anything else (text, booleans...), for the general path to judge.
 */
function finiteNumbers(
  src: ArrayLike<unknown>,
  scratch?: number,
): NumericalColumn | undefined {
  if (ArrayBuffer.isView(src)) return typedNumbers(src as ArrayLike<unknown>);
  // Plain arrays only below, so that the element loads stay monomorphic.
  const total = src.length;
  const out =
    scratch === undefined
      ? new Float64Array(total)
      : scratchFloat64(scratch, total);
  // The usual column, finite numbers only, in a loop of its own (block by
  // block): V8 keeps it tight when nothing else can happen in it.
  let i = 0;
  loopMin = Infinity;
  loopMax = -Infinity;
  while (i < total) {
    const end = Math.min(total, i + BLOCK);
    const stop = copyFinite(src, out, i, end);
    i = stop;
    if (stop < end) break;
  }
  if (i === total) return { out, kept: total, min: loopMin, max: loopMax };
  let k = i;
  for (; i < total; i++) {
    const v = src[i];
    if (typeof v === 'number') {
      if (v - v === 0) out[k++] = v; // false for NaN and +-Infinity
    } else if (v !== null && v !== undefined && v !== '') {
      return undefined;
    }
  }
  return { out, kept: k, ...rangeOfFirst(out, k) };
}

/**
 * Copies values start..end-1 of a plain array into `out` while they are
 * finite numbers, with their range (loopMin, loopMax); returns the index of
 * the first other value, or `end`.
 */
function copyFinite(
  src: ArrayLike<unknown>,
  out: Float64Array,
  start: number,
  end: number,
): number {
  let min = loopMin;
  let max = loopMax;
  let i = start;
  for (; i < end; i++) {
    const v = src[i];
    if (typeof v !== 'number' || v - v !== 0) break;
    out[i] = v;
    const d = out[i]; // a double for certain: keeps the comparisons on doubles
    if (d < min) min = d;
    if (d > max) max = d;
  }
  loopMin = min;
  loopMax = max;
  return i;
}

/** A column of numbers summed up for the Z-test, which needs nothing else. */
export interface NumberSummary {
  total: number;
  /** Present (finite) values. */
  count: number;
  min: number;
  /** How many values equal `min` (all of them when minCount === count). */
  minCount: number;
}

/**
 * One read of a plain array of numbers (null / undefined / '' / NaN /
 * +-Infinity as missing) or of a Float64Array of finite values, without
 * copying it: undefined when it holds anything else or nothing present, for
 * the general path to judge.
 */
export function summariseNumbers(
  src: ArrayLike<unknown>,
): NumberSummary | undefined {
  if (src instanceof Float64Array) return summariseFloat64(src);
  if (ArrayBuffer.isView(src)) return undefined;
  const total = src.length;
  let min = Infinity;
  let minCount = 0;
  let i = 0;
  // Finite numbers only in this loop (see finiteNumbers).
  for (; i < total; i++) {
    const v = src[i];
    if (typeof v !== 'number' || v - v !== 0) break;
    if (v < min) {
      min = v;
      minCount = 0;
    }
    minCount += +(v === min); // branch-free: values alternate unpredictably
  }
  let count = i;
  for (; i < total; i++) {
    const v = src[i];
    if (typeof v === 'number') {
      if (v - v !== 0) continue;
      count++;
      if (v < min) {
        min = v;
        minCount = 0;
      }
      if (v === min) minCount++;
    } else if (v !== null && v !== undefined && v !== '') {
      return undefined;
    }
  }
  return count ? { total, count, min, minCount } : undefined;
}

/**
 * summariseNumbers for a Float64Array, in one pass: the check that every
 * value is finite, the minimum and its copies. Undefined if any value is NaN
 * or +-Infinity (or if the sum of the values overflows), for the general
 * path, which counts them as missing.
 */
function summariseFloat64(src: Float64Array): NumberSummary | undefined {
  const total = src.length;
  loopMin = Infinity;
  loopSum = 0;
  let minCount = 0;
  for (let start = 0; start < total; start += BLOCK) {
    minCount = minAndCopies(
      src,
      start,
      Math.min(total, start + BLOCK),
      minCount,
    );
  }
  if (loopSum - loopSum !== 0 || total === 0) return undefined;
  return { total, count: total, min: loopMin, minCount };
}

/**
 * Minimum (loopMin) and its copies (given and returned) after values
 * start..end-1 of `src`, and the running sum (loopSum). Four values a step:
 * one branch asks whether any is below the minimum (rarely true), and the
 * copies are counted without branches (after the update no value of the
 * step is below the minimum, so x <= min is x === min). The sum is NaN or
 * infinite once any value is: the finiteness check costs three additions
 * for four values.
 */
function minAndCopies(
  src: Float64Array,
  start: number,
  end: number,
  copies: number,
): number {
  let min = loopMin;
  let minCount = copies;
  let sum = loopSum;
  let i = start;
  for (; i < start + ((end - start) & 3); i++) {
    const v = src[i];
    sum += v;
    if (v < min) {
      min = v;
      minCount = 0;
    }
    minCount += +(v <= min);
  }
  for (; i < end; i += 4) {
    const a = src[i];
    const b = src[i + 1];
    const c = src[i + 2];
    const d = src[i + 3];
    sum += a + b + (c + d);
    if ((+(a < min) | +(b < min) | +(c < min) | +(d < min)) !== 0) {
      // Comparisons, not Math.min: this branch is rarely taken, and a
      // property load without type feedback here sent every later call
      // back to slower code.
      if (a < min) min = a;
      if (b < min) min = b;
      if (c < min) min = c;
      if (d < min) min = d;
      minCount = 0;
    }
    minCount += +(a <= min) + +(b <= min) + (+(c <= min) + +(d <= min));
  }
  loopMin = min;
  loopSum = sum;
  return minCount;
}

/**
 * Range of a Float64Array in the same pass as the check that all its values
 * are finite: undefined if any is NaN or +-Infinity (or if their sum
 * overflows), for the copying path.
 */
function finiteRange(src: Float64Array): NumericalRange | undefined {
  const total = src.length;
  loopMin = Infinity;
  loopMax = -Infinity;
  loopMin2 = Infinity;
  loopMax2 = -Infinity;
  loopSum = 0;
  for (let start = 0; start < total; start += BLOCK) {
    rangeAndSum(src, start, Math.min(total, start + BLOCK));
  }
  if (loopSum - loopSum !== 0) return undefined;
  return {
    min: Math.min(loopMin, loopMin2),
    max: Math.max(loopMax, loopMax2),
  };
}

/**
 * Range (loopMin / loopMin2, loopMax / loopMax2: two pairs of accumulators
 * keep the dependency chains short, as in rangeOfFirst) and running sum
 * (loopSum) after values start..end-1 of `src`. The sum is NaN or infinite
 * once any value is, so the finiteness check costs one addition a value.
 */
function rangeAndSum(src: Float64Array, start: number, end: number): void {
  let min = loopMin;
  let max = loopMax;
  let min2 = loopMin2;
  let max2 = loopMax2;
  let sum = loopSum;
  let i = start;
  if ((end - start) & 1) {
    const v = src[i++];
    sum += v;
    if (v < min2) min2 = v;
    if (v > max2) max2 = v;
  }
  for (; i < end; i += 2) {
    const a = src[i];
    const b = src[i + 1];
    sum += a + b;
    if (a < min) min = a;
    if (a > max) max = a;
    if (b < min2) min2 = b;
    if (b > max2) max2 = b;
  }
  loopMin = min;
  loopMax = max;
  loopMin2 = min2;
  loopMax2 = max2;
  loopSum = sum;
}

/** finiteNumbers for typed arrays. */
function typedNumbers(src: ArrayLike<unknown>): NumericalColumn | undefined {
  const total = src.length;
  if (src instanceof Float64Array) {
    // Used as it is when all finite (the engine never modifies its input).
    const range = finiteRange(src);
    if (range) return { out: src, kept: total, ...range };
  }
  const out = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < total; i++) {
    const v = src[i];
    if (typeof v !== 'number') return undefined; // BigInt64Array
    if (v - v === 0) out[k++] = v;
  }
  return { out, kept: k, ...rangeOfFirst(out, k) };
}

interface NumericalRange {
  min: number;
  max: number;
}

interface NumericalColumn extends NumericalRange {
  out: Float64Array;
  kept: number;
}

/** The first `kept` values of `out` as a prepared column; none is an error. */
function numericalColumn(
  { out, kept, min, max }: NumericalColumn,
  total: number,
  opts: PrepareOptions,
): PreparedColumn {
  if (kept === 0) {
    throw new DriftInputError(`${where(opts)} is all missing (${total} rows)`);
  }
  return {
    type: 'numerical',
    values: kept === out.length ? out : out.subarray(0, kept),
    missing: total - kept,
    total,
    min,
    max,
  };
}

/**
 * A column of numbers (and missing values) in one pass, when its type is
 * numerical or still to be inferred; undefined when the general path must
 * judge it (text, booleans, or all missing). With `scratch` (a slot of
 * scratch.ts), the values may live in a reused buffer: for internal use only,
 * while the caller's computation lasts.
 */
export function prepareNumbers(
  values: ArrayLike<unknown>,
  opts: PrepareOptions,
  scratch?: number,
): PreparedColumn | undefined {
  if (opts.type === 'categorical') return undefined;
  const numbers = finiteNumbers(values, scratch);
  if (!numbers || numbers.kept === 0) return undefined;
  return numericalColumn(numbers, values.length, opts);
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
  const fast = prepareNumbers(values, opts);
  if (fast) return fast;
  const type = opts.type ?? inferColumnType(values, opts);
  const total = values.length;
  if (type === undefined) {
    throw new DriftInputError(`${where(opts)} is all missing (${total} rows)`);
  }
  if (type === 'numerical' && ArrayBuffer.isView(values)) {
    const numbers = finiteNumbers(values);
    if (!numbers) {
      throw new DriftInputError(
        `${where(opts)} holds values that are not numbers`,
      );
    }
    return numericalColumn(numbers, total, opts);
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
    return numericalColumn(
      { out, kept: k, ...rangeOfFirst(out, k) },
      total,
      opts,
    );
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
