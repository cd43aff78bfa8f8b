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

/**
 * Where a walk over part of two samples starts: how many values of each
 * sample lie below the part (`a`, `b`), and up to where the last gap is
 * integrated (`end`, at least the part's largest value).
 */
export interface EcdfStart {
  a: number;
  b: number;
  end: number;
}

const { abs } = Math;

function walk(
  a: EcdfSample,
  b: EcdfSample,
  integrate: boolean,
  from?: EcdfStart,
): number {
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
  const a0 = from ? from.a : 0;
  const b0 = from ? from.b : 0;
  let ca = a0;
  let cb = b0;
  let result = 0;
  // One value per step from the smaller head; ECDFs are compared only once
  // every copy of a value is consumed (values are finite, so Infinity can
  // mark an exhausted sample). Fewer unpredictable branches than nested loops.
  for (;;) {
    let x: number;
    if (j >= nb || (i < na && av[i] <= bv[j])) {
      x = av[i];
      ca = aw ? ca + aw[i] : a0 + i + 1;
      i++;
    } else {
      x = bv[j];
      cb = bw ? cb + bw[j] : b0 + j + 1;
      j++;
    }
    const headA = i < na ? av[i] : Infinity;
    const headB = j < nb ? bv[j] : Infinity;
    const next = headA < headB ? headA : headB;
    if (next === x) continue;
    const d = abs(ca / ta - cb / tb);
    if (next === Infinity) {
      if (integrate) return from ? result + d * (from.end - x) : result;
      return d <= result ? result : d;
    }
    if (integrate) result += d * (next - x);
    else if (d > result) result = d;
  }
}

/**
 * sup |F_a - F_b|: the two-sample KS statistic. With `from`, over the jump
 * points of a part of two larger samples (totals still `a.total`, `b.total`).
 */
export function maxEcdfGap(
  a: EcdfSample,
  b: EcdfSample,
  from?: EcdfStart,
): number {
  return walk(a, b, false, from);
}

/**
 * Integral of |F_a - F_b|: the first Wasserstein distance. With `from`, the
 * integral from the part's smallest value to `from.end`.
 */
export function integratedEcdfGap(
  a: EcdfSample,
  b: EcdfSample,
  from?: EcdfStart,
): number {
  return walk(a, b, true, from);
}
