/*
 * A mergeable quantile sketch with a deterministic, tracked error bound.
 *
 * Values enter level 0; a level holding `k` items is sorted and compacted:
 * every other item moves one level up with twice the weight (2^h at level h),
 * alternating which half survives. A compaction at level h moves the
 * weighted rank of any point by at most 2^h, so the sketch adds those up in
 * `rankErrorBound`: for every x, |estimated #(values <= x) - true #| <=
 * rankErrorBound. Merging concatenates levels and adds the bounds.
 * With n values the bound is at most n * H / k (H = number of levels), and
 * is exact (0) while n <= k.
 */

import { integratedEcdfGap, maxEcdfGap } from '../stats/ecdf';

/**
 * Default sketch size: drift of 100 profiled columns stays within a few
 * milliseconds; raise `sketchK` for tighter KS on large columns.
 */
export const DEFAULT_SKETCH_K = 512;

/**
 * JSON form, flattened so that drift reads it as is: retained values in
 * ascending order, each with its weight 2^h (h = its level).
 */
export interface QuantileSketchData {
  k: number;
  values: number[];
  weights: number[];
  /** Number of compactions done so far per level (chooses the surviving half). */
  compactions: number[];
  /** Guaranteed bound on the absolute rank error of any point. */
  rankErrorBound: number;
}

export class QuantileSketch {
  private readonly k: number;
  private levels: Float64Array[];
  private sizes: number[];
  private compactions: number[];
  private errorBound = 0;

  constructor(k = DEFAULT_SKETCH_K) {
    if (!(k >= 2 && k % 2 === 0))
      throw new RangeError('sketch k must be an even number >= 2');
    this.k = k;
    this.levels = [new Float64Array(k)];
    this.sizes = [0];
    this.compactions = [0];
  }

  static fromData(data: QuantileSketchData): QuantileSketch {
    const s = new QuantileSketch(data.k);
    s.addData(data);
    return s;
  }

  add(value: number): void {
    this.levels[0][this.sizes[0]++] = value;
    if (this.sizes[0] >= this.k) this.compactAll();
  }

  addAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.add(values[i]);
  }

  merge(other: QuantileSketchData): void {
    if (other.k !== this.k)
      throw new RangeError(
        `cannot merge sketches with k=${this.k} and k=${other.k}`,
      );
    this.addData(other);
  }

  /** Add another sketch's retained items level by level (weights kept). */
  private addData(data: QuantileSketchData): void {
    data.weights.forEach((w, i) => {
      const h = Math.log2(w);
      if (!Number.isInteger(h))
        throw new RangeError(`sketch weight ${w} is not a power of two`);
      this.ensureLevel(h);
      if (this.sizes[h] >= this.levels[h].length) {
        const grown = new Float64Array(this.levels[h].length * 2);
        grown.set(this.levels[h]);
        this.levels[h] = grown;
      }
      this.levels[h][this.sizes[h]++] = data.values[i];
    });
    data.compactions.forEach((c, h) => {
      this.ensureLevel(h);
      this.compactions[h] += c;
    });
    this.errorBound += data.rankErrorBound;
    this.compactAll();
  }

  private ensureLevel(h: number): void {
    while (this.levels.length <= h) {
      this.levels.push(new Float64Array(this.k));
      this.sizes.push(0);
      this.compactions.push(0);
    }
  }

  private compactAll(): void {
    for (let h = 0; h < this.levels.length; h++) {
      while (this.sizes[h] >= this.k) this.compact(h);
    }
  }

  /** Halve level h into level h + 1 (an odd item out stays at level h). */
  private compact(h: number): void {
    const level = this.levels[h];
    const size = this.sizes[h];
    const sorted = level.subarray(0, size).sort();
    const even = size - (size % 2);
    const offset = this.compactions[h] % 2;
    this.ensureLevel(h + 1);
    const half = even / 2;
    let target = this.levels[h + 1];
    if (this.sizes[h + 1] + half > target.length) {
      const grown = new Float64Array(this.sizes[h + 1] + half + this.k);
      grown.set(target.subarray(0, this.sizes[h + 1]));
      this.levels[h + 1] = target = grown;
    }
    let t = this.sizes[h + 1];
    for (let i = offset; i < even; i += 2) target[t++] = sorted[i];
    this.sizes[h + 1] = t;
    if (size % 2) level[0] = sorted[size - 1];
    this.sizes[h] = size % 2;
    this.compactions[h]++;
    this.errorBound += 2 ** h;
  }

  toData(): QuantileSketchData {
    const sorted = this.levels.map((l, h) =>
      l.subarray(0, this.sizes[h]).sort(),
    );
    const n = this.sizes.reduce((a, b) => a + b, 0);
    const values = new Array<number>(n);
    const weights = new Array<number>(n);
    const pos = sorted.map(() => 0);
    for (let i = 0; i < n; i++) {
      // Smallest head among the (few) sorted levels.
      let best = -1;
      for (let h = 0; h < sorted.length; h++) {
        if (
          pos[h] < sorted[h].length &&
          (best < 0 || sorted[h][pos[h]] < sorted[best][pos[best]])
        )
          best = h;
      }
      values[i] = sorted[best][pos[best]++];
      weights[i] = 2 ** best;
    }
    return {
      k: this.k,
      values,
      weights,
      compactions: [...this.compactions],
      rankErrorBound: this.errorBound,
    };
  }
}

/** A sorted weighted sample: the form in which drift is computed. */
export interface WeightedSample {
  /** Ascending values. */
  values: ArrayLike<number>;
  /** Weight (count) of each value. */
  weights: ArrayLike<number>;
  total: number;
  /** Bound on |estimated - true| count of values <= x, for any x. */
  rankErrorBound: number;
}

/** The sketch as a weighted sample: its JSON form already is one. */
export function sketchSample(
  data: QuantileSketchData,
  count: number,
): WeightedSample {
  return {
    values: data.values,
    weights: data.weights,
    total: count,
    rankErrorBound: data.rankErrorBound,
  };
}

/** Exact weighted sample from value counts. */
export function countsSample(
  keys: ArrayLike<number>,
  counts: ArrayLike<number>,
): WeightedSample {
  const order = Array.from({ length: keys.length }, (_, i) => i).sort(
    (a, b) => keys[a] - keys[b],
  );
  const values = new Float64Array(keys.length);
  const weights = new Float64Array(keys.length);
  let total = 0;
  order.forEach((k, i) => {
    values[i] = keys[k];
    weights[i] = counts[k];
    total += counts[k];
  });
  return { values, weights, total, rankErrorBound: 0 };
}

/** sup |F_a - F_b| of two weighted samples. */
export function weightedKsStatistic(
  a: WeightedSample,
  b: WeightedSample,
): number {
  return maxEcdfGap(a, b);
}

/** Integral of |F_a - F_b| (first Wasserstein distance) of two weighted samples. */
export function weightedWasserstein(
  a: WeightedSample,
  b: WeightedSample,
): number {
  return integratedEcdfGap(a, b);
}

/** Estimated number of values <= x (within rankErrorBound of the truth). */
export function weightedRank(s: WeightedSample, x: number): number {
  let rank = 0;
  for (let i = 0; i < s.values.length && s.values[i] <= x; i++)
    rank += s.weights[i];
  return rank;
}
