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
  let x = j >= nb || (i < na && av[i] <= bv[j]) ? av[i] : bv[j];
  for (;;) {
    if (aw) while (i < na && av[i] <= x) ca += aw[i++];
    else while (i < na && av[i] <= x) ca = ++i;
    if (bw) while (j < nb && bv[j] <= x) cb += bw[j++];
    else while (j < nb && bv[j] <= x) cb = ++j;
    const d = abs(ca / ta - cb / tb);
    if (i >= na && j >= nb) {
      if (!integrate && d > result) result = d;
      return result;
    }
    const next = j >= nb || (i < na && av[i] <= bv[j]) ? av[i] : bv[j];
    if (integrate) result += d * (next - x);
    else if (d > result) result = d;
    x = next;
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
