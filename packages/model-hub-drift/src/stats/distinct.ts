/*
 * Distinct values and value counts of numeric samples without sorting.
 *
 * Distinct counts hash the doubles' bit patterns (-0 and +0 count as one
 * value, as in numpy.unique and pandas.nunique). The values are first
 * partitioned by value into equal-width ranges (equal values share one), so
 * that each partition's hash table stays in cache; partitions are counted one
 * after the other, which lets a caller stop as soon as the count is known
 * well enough (a lower bound: the distinct values found; an upper bound:
 * those plus the values not yet looked at). Large samples first try a cheaper
 * lower bound: the number of distinct hashes.
 */
import type { Range } from './binning';
import { rangeOf } from './binning';
import { SCRATCH_DISTINCT, scratchFloat64 } from './scratch';

// Module-level aliases: global lookups are slow inside Jest's VM sandbox.
const { imul, clz32 } = Math;
const { isNaN } = Number;

/** Smallest power of two >= 2 * n (and >= 16): an open-addressing table for n keys. */
function tableSize(n: number): number {
  return 2 ** Math.max(4, 32 - clz32(2 * n - 1));
}

/**
 * Distinct count of values[from, to) with an open-addressing table (NaN =
 * empty); `words` views the same buffer as 32-bit words (little-endian).
 */
function countRange(
  values: Float64Array,
  words: Uint32Array,
  from: number,
  to: number,
  table: Float64Array,
): number {
  const mask = tableSize(to - from) - 1;
  const slots = table.subarray(0, mask + 1).fill(NaN);
  let distinct = 0;
  for (let i = from; i < to; i++) {
    const v = values[i];
    // Murmur3's finaliser spreads every input bit over the low bits the
    // table indexes with: integers have all-zero low mantissa words, and
    // without it they would all collide into a few slots. -0 hashes as 0.
    let h = v === 0 ? 0 : words[2 * i] ^ imul(words[2 * i + 1], 0x9e3779b1);
    h = imul(h ^ (h >>> 16), 0x85ebca6b);
    h = imul(h ^ (h >>> 13), 0xc2b2ae35);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const t = slots[slot];
      if (t === v) break;
      if (isNaN(t)) {
        slots[slot] = v;
        distinct++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return distinct;
}

/**
 * A lower bound on the number of distinct values: how many distinct hashes
 * they have (equal values hash alike), set as bits of a table about twice
 * as large as the values (2^22 bits at most: 512 KiB, cache-resident).
 * Stops early once the bound reaches `enough`.
 */
function distinctHashes(
  samples: Float64Array[],
  n: number,
  enough: number,
): number {
  const bits = Math.min(22, Math.max(10, 33 - clz32(n)));
  const shift = 32 - bits;
  const table = new Int32Array(1 << (bits - 5));
  let set = 0;
  for (const s of samples) {
    const words = new Uint32Array(s.buffer, s.byteOffset, 2 * s.length);
    for (let i = 0; i < s.length; i++) {
      const lo = words[2 * i];
      let hi = words[2 * i + 1];
      if (((hi << 1) | lo) === 0) hi = 0; // -0 counts as 0
      let h = imul(lo ^ imul(hi, 0x9e3779b1), 0x85ebca6b);
      h = imul(h ^ (h >>> 13), 0xc2b2ae35);
      const slot = (h ^ (h >>> 16)) >>> shift;
      const word = table[slot >>> 5];
      const bit = 1 << (slot & 31);
      table[slot >>> 5] = word | bit;
      set += +((word & bit) === 0); // branch-free
      if (set >= enough) return set;
    }
  }
  return set;
}

/** Smallest lower bound that `settled` accepts with `upper` (by bisection). */
function settlingBound(
  settled: (lower: number, upper: number) => boolean,
  upper: number,
): number {
  let lo = 1;
  let hi = upper;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (settled(mid, upper)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Below this many values the exact count is cheap enough to go first. */
const BOUND_FIRST_FROM = 1 << 16;

/** About this many values per partition. */
const PARTITION_SIZE = 1024;
const MAX_PARTITIONS = 4096;

/**
 * Number of distinct values across the samples (finite values only). With
 * `settled`, counting stops as soon as `settled(lower, upper)` holds for
 * bounds on the count, and `lower` is returned: pass a test that any count
 * between the bounds gives the same answer (it must then also hold for any
 * larger lower bound). `range`: the samples' smallest
 * and largest value, when known.
 */
export function countDistinctNumbers(
  samples: Float64Array[],
  options: {
    range?: Range;
    settled?: (lower: number, upper: number) => boolean;
  } = {},
): number {
  let n = 0;
  for (const s of samples) n += s.length;
  if (n === 0) return 0;
  const { min, max } = options.range ?? rangeOf(...samples);
  if (min === max) return 1;
  const { settled } = options;
  if (settled && n >= BOUND_FIRST_FROM) {
    // Often enough: a bound from hashes alone (large samples of mostly
    // distinct values, where the exact count costs the most), as far as the
    // smallest bound that settles it.
    const lower = distinctHashes(samples, n, settlingBound(settled, n));
    if (settled(lower, n)) return lower;
  }
  let parts = Math.min(
    MAX_PARTITIONS,
    Math.max(1, Math.ceil(n / PARTITION_SIZE)),
  );
  let scale = parts / (max - min);
  if (!(scale < Infinity)) {
    parts = 1;
    scale = 0;
  }
  const last = parts - 1;
  const starts = new Int32Array(parts + 1);
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      let p = ((s[i] - min) * scale) | 0;
      if (p > last) p = last;
      starts[p + 1]++;
    }
  }
  let largest = 0;
  for (let p = 0; p < parts; p++) {
    largest = Math.max(largest, starts[p + 1]);
    starts[p + 1] += starts[p];
  }
  // Scatter the values by partition.
  const values = scratchFloat64(SCRATCH_DISTINCT, n);
  const next = starts.slice(0, parts);
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      let p = ((v - min) * scale) | 0;
      if (p > last) p = last;
      values[next[p]++] = v;
    }
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const table = new Float64Array(tableSize(largest));
  let found = 0;
  let left = n;
  for (let p = 0; p < parts; p++) {
    if (starts[p + 1] === starts[p]) continue;
    found += countRange(values, words, starts[p], starts[p + 1], table);
    left -= starts[p + 1] - starts[p];
    if (settled && left > 0 && settled(found, found + left)) return found;
  }
  return found;
}

/** Ascending distinct values of two samples and each one's counts. */
export interface UnionCounts<T> {
  keys: T[];
  ref: Float64Array;
  cur: Float64Array;
}

function countIntegers(
  values: Float64Array,
  min: number,
  counts: Float64Array,
): boolean {
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - min;
    const k = d | 0;
    if (k !== d) return false;
    counts[k]++;
  }
  return true;
}

/**
 * Counts of every value of two samples when all their values are integers
 * spanning at most `maxSpan` (codes, classes, small counts): one array
 * index per value, no hashing. Undefined otherwise.
 */
export function integerCounts(
  ref: Float64Array,
  cur: Float64Array,
  range: Range,
  maxSpan: number,
): UnionCounts<number> | undefined {
  const { min, max } = range;
  const span = max - min;
  if (!(span <= maxSpan) || !Number.isInteger(min)) return undefined;
  const refCounts = new Float64Array(span + 1);
  const curCounts = new Float64Array(span + 1);
  if (
    !countIntegers(ref, min, refCounts) ||
    !countIntegers(cur, min, curCounts)
  ) {
    return undefined;
  }
  const keys: number[] = [];
  for (let k = 0; k <= span; k++) {
    if (refCounts[k] + curCounts[k] > 0) keys.push(min + k);
  }
  const r = new Float64Array(keys.length);
  const c = new Float64Array(keys.length);
  for (let j = 0; j < keys.length; j++) {
    r[j] = refCounts[keys[j] - min];
    c[j] = curCounts[keys[j] - min];
  }
  return { keys, ref: r, cur: c };
}

/**
 * Distinct values across numeric samples, counting no further than `cap`
 * (a short list: for the small caps that choose methods and binnings).
 */
export function countFewDistinctNumbers(
  cap: number,
  samples: Float64Array[],
): number {
  const keys = new Float64Array(cap);
  let size = 0;
  let last = 0; // index of the previous value's key: runs are common
  for (const values of samples) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (size && keys[last] === v) continue;
      let k = 0;
      while (k < size && keys[k] !== v) k++;
      if (k === size) {
        keys[size++] = v;
        if (size >= cap) return cap;
      }
      last = k;
    }
  }
  return size;
}
