/*
 * Two-sample Kolmogorov-Smirnov test, two-sided, computed as
 * scipy.stats.ks_2samp(method='auto') does: exact p-value when both samples
 * have at most 10,000 values, otherwise kstwo.sf(D, round(m*n/(m+n))).
 */
import { maxEcdfGap } from './ecdf';
import { kolmogorovSf } from './kolmogorov';
import { clipProbability, gcd, roundHalfEven } from './special';
import { sortedCopy } from './sorted';

/** SciPy's MAX_AUTO_N: larger samples get the asymptotic p-value. */
export const KS_MAX_EXACT_N = 10000;

export interface KsResult {
  statistic: number;
  pValue: number;
  /** How the p-value was obtained. */
  pValueMethod: 'exact' | 'asymptotic';
}

/** Largest |F_a - F_b| over the jump points of two ascending samples. */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  return maxEcdfGap(
    { values: a, total: a.length },
    { values: b, total: b.length },
  );
}

/** Pr(D_{n,n} >= h/n) for equal sample sizes (Horner-like alternating sum). */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++)
      p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * 1 - Pr(all lattice paths stay strictly inside |x/m - y/n| < h/lcm), by
 * Hodges' inside method in the numerically stable "1 - p" recursion
 * (Viehmann 2021), keeping one sliding column of the path-count matrix.
 */
function probOutsideInsideMethod(
  m0: number,
  n0: number,
  g: number,
  h: number,
): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen)
      A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

/**
 * p-value of a two-sided two-sample KS statistic `d` for sample sizes n1, n2
 * (SciPy's choice of exact or asymptotic, including its fallbacks). Also
 * returns the statistic as SciPy reports it: in the exact branch SciPy
 * snaps D to the lattice value h/lcm(n1, n2).
 */
export function ksPValue(d: number, n1: number, n2: number): KsResult {
  if (!(n1 > 0 && n2 > 0))
    throw new RangeError('KS test needs two non-empty samples');
  let statistic = d;
  if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1, pValueMethod: 'exact' };
    const prob =
      n1 === n2
        ? probOutsideSquare(n1, h)
        : probOutsideInsideMethod(n1, n2, g, h);
    if (Number.isFinite(prob) && prob >= 0 && prob <= 1) {
      return { statistic, pValue: prob, pValueMethod: 'exact' };
    }
    // SciPy falls back to the asymptotic p-value (with the snapped D).
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  return {
    statistic,
    pValue: clipProbability(kolmogorovSf(roundHalfEven(en), statistic)),
    pValueMethod: 'asymptotic',
  };
}

/** Two-sample KS test on sorted samples (no copy). */
export function ksTestSorted(a: Float64Array, b: Float64Array): KsResult {
  return ksPValue(ksStatisticSorted(a, b), a.length, b.length);
}

/** Two-sample KS test, equal to scipy.stats.ks_2samp(a, b). */
export function ks2Samp(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  return ksTestSorted(sortedCopy(a), sortedCopy(b));
}
