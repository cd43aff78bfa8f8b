/*
 * The KS statistic and the first Wasserstein distance of two samples without
 * sorting them. Values are counted into equal-width buckets over their range;
 * the bucket of a value is a non-decreasing function of the value, so equal
 * values share a bucket and buckets come in value order. The cumulative
 * counts at the end of a bucket are then both ECDFs at its largest value,
 * exactly, with the same floating-point expression as a merge walk
 * (count / total). Only the buckets whose values could change the answer
 * are looked into, by the same procedure on their values alone, and small
 * ones by sorting and walking them (ecdf.ts):
 *
 * - KS: a bucket whose corner gaps cannot exceed the best gap found at the
 *   bucket ends is skipped; a bucket holding values of one sample only is
 *   too (the gap is monotone inside it).
 * - Wasserstein: where F_a - F_b keeps its sign over a bucket, its integral
 *   there follows from the bucket's counts, value sums and smallest value:
 *   the integral from m to e of #{v <= x} is the sum of (e - v). Sums are
 *   taken relative to a point of the bucket, so that no precision is lost
 *   on data far from zero.
 *
 * Samples with a few thousand values or fewer are sorted and walked as they
 * are; so is a part whose range the bucket arithmetic cannot span.
 */
import type { EcdfStart } from './ecdf';
import { integratedEcdfGap, maxEcdfGap } from './ecdf';
import { sortFloat64 } from './sorted';

// Module-level aliases: global lookups are slow inside Jest's VM sandbox.
const { abs, floor } = Math;

/** Parts with at most this many values are sorted and walked. */
const SORT_BELOW = 2048;
/** Deeper parts than this are sorted whatever their size (no infinite splitting). */
const MAX_DEPTH = 8;

/** Smallest and largest value of two samples. */
export interface SampleRange {
  min: number;
  max: number;
}

function rangeOfBoth(a: Float64Array, b: Float64Array): SampleRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < b.length; i++) {
    const v = b[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** One part of the problem: the values of a and b within a value range. */
interface Part {
  a: Float64Array;
  b: Float64Array;
  /** Values of each whole sample below the part. */
  belowA: number;
  belowB: number;
  min: number;
  max: number;
  depth: number;
  /** Whether a and b belong to this computation (and may be sorted in place). */
  owned: boolean;
}

/** Bucket grid of a part: bucket(v) = min(floor((v - min) * scale), count - 1). */
interface Grid {
  count: number;
  scale: number;
  /** Bucket width, for the reference point min + i * width of bucket i. */
  width: number;
}

function gridFor(part: Part, perBucket: number, most: number): Grid | null {
  const n = part.a.length + part.b.length;
  if (n <= SORT_BELOW || part.depth >= MAX_DEPTH) return null;
  const count = Math.max(16, Math.min(most, floor(n / perBucket)));
  const span = part.max - part.min;
  const scale = count / span;
  // A span that overflows (or is too small to divide) is left to sorting.
  if (!(span < Infinity && scale < Infinity && scale > 0)) return null;
  return { count, scale, width: span / count };
}

function countInto(
  values: Float64Array,
  min: number,
  grid: Grid,
  counts: Int32Array,
): void {
  const { scale } = grid;
  const last = grid.count - 1;
  for (let k = 0; k < values.length; k++) {
    let i = ((values[k] - min) * scale) | 0;
    if (i > last) i = last;
    counts[i]++;
  }
}

/**
 * Copies the values of the flagged buckets into one array, bucket after
 * bucket: `ordinal[i]` is bucket i's rank among the flagged ones (-1 when not
 * flagged), `starts[r]` where the r-th flagged bucket begins.
 */
function gather(
  values: Float64Array,
  min: number,
  grid: Grid,
  ordinal: Int32Array,
  starts: Int32Array,
): Float64Array {
  const out = new Float64Array(starts[starts.length - 1]);
  const next = starts.slice(0, -1);
  const { scale } = grid;
  const last = grid.count - 1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    let i = ((v - min) * scale) | 0;
    if (i > last) i = last;
    const r = ordinal[i];
    if (r >= 0) out[next[r]++] = v;
  }
  return out;
}

/**
 * The parts of the flagged buckets (`flagged`, ascending bucket indexes),
 * each with its values, the counts below it and its range.
 */
function subParts(
  part: Part,
  grid: Grid,
  countsA: Int32Array,
  countsB: Int32Array,
  flagged: number[],
): Part[] {
  const ordinal = new Int32Array(grid.count).fill(-1);
  const startsA = new Int32Array(flagged.length + 1);
  const startsB = new Int32Array(flagged.length + 1);
  flagged.forEach((i, r) => {
    ordinal[i] = r;
    startsA[r + 1] = startsA[r] + countsA[i];
    startsB[r + 1] = startsB[r] + countsB[i];
  });
  const a = gather(part.a, part.min, grid, ordinal, startsA);
  const b = gather(part.b, part.min, grid, ordinal, startsB);
  // Counts below each flagged bucket.
  const parts: Part[] = [];
  let belowA = part.belowA;
  let belowB = part.belowB;
  let r = 0;
  for (let i = 0; r < flagged.length; i++) {
    if (i === flagged[r]) {
      const subA = a.subarray(startsA[r], startsA[r + 1]);
      const subB = b.subarray(startsB[r], startsB[r + 1]);
      parts.push({
        a: subA,
        b: subB,
        belowA,
        belowB,
        ...rangeOfBoth(subA, subB),
        depth: part.depth + 1,
        owned: true,
      });
      r++;
    }
    belowA += countsA[i];
    belowB += countsB[i];
  }
  return parts;
}

function sortedPart(part: Part): { a: Float64Array; b: Float64Array } {
  return part.owned
    ? { a: sortFloat64(part.a), b: sortFloat64(part.b) }
    : { a: sortFloat64(part.a.slice()), b: sortFloat64(part.b.slice()) };
}

/** Largest |F_a - F_b| at the jump points inside a part, at least `best`. */
function partMaxGap(part: Part, na: number, nb: number, best: number): number {
  if (part.min === part.max) {
    // One value: one jump point.
    const d = abs(
      (part.belowA + part.a.length) / na - (part.belowB + part.b.length) / nb,
    );
    return d > best ? d : best;
  }
  const grid = gridFor(part, 8, 1 << 16);
  if (!grid) {
    const s = sortedPart(part);
    const d = maxEcdfGap(
      { values: s.a, total: na },
      { values: s.b, total: nb },
      { a: part.belowA, b: part.belowB, end: part.max },
    );
    return d > best ? d : best;
  }
  const countsA = new Int32Array(grid.count);
  const countsB = new Int32Array(grid.count);
  countInto(part.a, part.min, grid, countsA);
  countInto(part.b, part.min, grid, countsB);
  // The gap after each bucket is exact.
  let ca = part.belowA;
  let cb = part.belowB;
  let max = best;
  for (let i = 0; i < grid.count; i++) {
    if (countsA[i] === 0 && countsB[i] === 0) continue;
    ca += countsA[i];
    cb += countsB[i];
    const d = abs(ca / na - cb / nb);
    if (d > max) max = d;
  }
  // Inside a bucket the gap is bounded by its corners (rounding is monotone,
  // so this holds for the computed values too).
  const flagged: number[] = [];
  ca = part.belowA;
  cb = part.belowB;
  for (let i = 0; i < grid.count; i++) {
    const x = countsA[i];
    const y = countsB[i];
    if (x > 0 && y > 0) {
      const corner1 = abs((ca + x) / na - cb / nb);
      const corner2 = abs(ca / na - (cb + y) / nb);
      if (corner1 > max || corner2 > max) flagged.push(i);
    }
    ca += x;
    cb += y;
  }
  if (flagged.length === 0) return max;
  for (const sub of subParts(part, grid, countsA, countsB, flagged)) {
    max = partMaxGap(sub, na, nb, max);
  }
  return max;
}

/** Integral of |F_a - F_b| from the part's smallest value to `end`. */
function partIntegral(part: Part, na: number, nb: number, end: number): number {
  if (part.min === part.max) {
    const d = abs(
      (part.belowA + part.a.length) / na - (part.belowB + part.b.length) / nb,
    );
    return d * (end - part.max);
  }
  const grid = gridFor(part, 16, 1 << 14);
  if (!grid) {
    const s = sortedPart(part);
    const from: EcdfStart = { a: part.belowA, b: part.belowB, end };
    return integratedEcdfGap(
      { values: s.a, total: na },
      { values: s.b, total: nb },
      from,
    );
  }
  const { count, width } = grid;
  const min = part.min;
  const countsA = new Int32Array(count);
  const countsB = new Int32Array(count);
  // Sums of (v - (min + i * width)) per bucket, and each bucket's smallest value.
  const sumsA = new Float64Array(count);
  const sumsB = new Float64Array(count);
  const lows = new Float64Array(count).fill(Infinity);
  bucketSums(part.a, min, grid, countsA, sumsA, lows);
  bucketSums(part.b, min, grid, countsB, sumsB, lows);
  let total = 0;
  let ca = part.belowA;
  let cb = part.belowB;
  const flagged: number[] = [];
  const flaggedEnds: number[] = [];
  let i = 0;
  while (i < count && countsA[i] + countsB[i] === 0) i++;
  while (i < count) {
    let next = i + 1;
    while (next < count && countsA[next] + countsB[next] === 0) next++;
    // The bucket's stretch: from its smallest value to the next bucket's.
    const to = next < count ? lows[next] : end;
    const x = countsA[i];
    const y = countsB[i];
    const fa = ca / na;
    const fb = cb / nb;
    if (fa - (cb + y) / nb >= 0 || (ca + x) / na - fb <= 0) {
      // F_a - F_b keeps its sign: integrate it from the sums.
      const ref = min + i * width;
      const reach = to - ref;
      total += abs(
        (to - lows[i]) * (fa - fb) +
          (x * reach - sumsA[i]) / na -
          (y * reach - sumsB[i]) / nb,
      );
    } else {
      flagged.push(i);
      flaggedEnds.push(to);
    }
    ca += x;
    cb += y;
    i = next;
  }
  if (flagged.length === 0) return total;
  const subs = subParts(part, grid, countsA, countsB, flagged);
  for (let k = 0; k < subs.length; k++) {
    total += partIntegral(subs[k], na, nb, flaggedEnds[k]);
  }
  return total;
}

function bucketSums(
  values: Float64Array,
  min: number,
  grid: Grid,
  counts: Int32Array,
  sums: Float64Array,
  lows: Float64Array,
): void {
  const { scale, width } = grid;
  const last = grid.count - 1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    let i = ((v - min) * scale) | 0;
    if (i > last) i = last;
    counts[i]++;
    sums[i] += v - (min + i * width);
    if (v < lows[i]) lows[i] = v;
  }
}

function wholePart(
  a: Float64Array,
  b: Float64Array,
  range: SampleRange | undefined,
): Part {
  return {
    a,
    b,
    belowA: 0,
    belowB: 0,
    ...(range ?? rangeOfBoth(a, b)),
    depth: 0,
    owned: false,
  };
}

/**
 * sup |F_a - F_b| of two non-empty samples of finite values, in any order
 * (neither is modified). `range`: their smallest and largest value, when
 * known.
 */
export function ksStatisticUnsorted(
  a: Float64Array,
  b: Float64Array,
  range?: SampleRange,
): number {
  return partMaxGap(wholePart(a, b, range), a.length, b.length, 0);
}

/**
 * Integral of |F_a - F_b| (the first Wasserstein distance) of two non-empty
 * samples of finite values, in any order (neither is modified).
 */
export function wassersteinUnsorted(
  a: Float64Array,
  b: Float64Array,
  range?: SampleRange,
): number {
  const part = wholePart(a, b, range);
  return partIntegral(part, a.length, b.length, part.max);
}
