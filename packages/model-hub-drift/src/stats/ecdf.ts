/*
 * The one merge walk behind KS and Wasserstein, on raw sorted samples
 * (unit weights) and on weighted samples from profiles alike. ECDFs are
 * evaluated as count / total after consuming every value <= x, the same
 * floating-point expression SciPy uses (searchsorted(..., 'right') / n).
 */

export interface EcdfSample {
  /** Ascending values. */
  values: ArrayLike<number>;
  /** Count behind each value; absent means 1 each. */
  weights?: ArrayLike<number>;
  /** Sum of the weights. */
  total: number;
}

const { abs } = Math;

function walk(a: EcdfSample, b: EcdfSample, integrate: boolean): number {
  const av = a.values;
  const bv = b.values;
  const aw = a.weights;
  const bw = b.weights;
  const na = av.length;
  const nb = bv.length;
  const ta = a.total;
  const tb = b.total;
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  let result = 0;
  // One value per step from the smaller head; ECDFs are compared only once
  // every copy of a value is consumed (values are finite, so Infinity can
  // mark an exhausted sample). Fewer unpredictable branches than nested loops.
  for (;;) {
    let x: number;
    if (j >= nb || (i < na && av[i] <= bv[j])) {
      x = av[i];
      ca = aw ? ca + aw[i] : i + 1;
      i++;
    } else {
      x = bv[j];
      cb = bw ? cb + bw[j] : j + 1;
      j++;
    }
    const headA = i < na ? av[i] : Infinity;
    const headB = j < nb ? bv[j] : Infinity;
    const next = headA < headB ? headA : headB;
    if (next === x) continue;
    const d = abs(ca / ta - cb / tb);
    if (next === Infinity) return integrate || d <= result ? result : d;
    if (integrate) result += d * (next - x);
    else if (d > result) result = d;
  }
}

/** sup |F_a - F_b|: the two-sample KS statistic. */
export function maxEcdfGap(a: EcdfSample, b: EcdfSample): number {
  return walk(a, b, false);
}

/** Integral of |F_a - F_b|: the first Wasserstein distance. */
export function integratedEcdfGap(a: EcdfSample, b: EcdfSample): number {
  return walk(a, b, true);
}
