/*
 * Special functions. Incomplete gamma and the normal CDF come from stdlib
 * (a maintained numerical library); only tiny helpers live here.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** Survival function of the chi-square distribution, as scipy.stats.chi2.sf. */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  // Regularised upper incomplete gamma Q(df/2, x/2).
  return gammainc(x / 2, df / 2, true, true);
}

/** Standard normal CDF, as scipy.stats.norm.cdf. */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

/** log(Gamma(x)). */
export function logGamma(x: number): number {
  return gammaln(x);
}

/** numpy.round: round half to even, as SciPy uses when it rounds m*n/(m+n). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

export function clipProbability(p: number): number {
  if (Number.isNaN(p)) return p;
  return Math.min(Math.max(p, 0), 1);
}

export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}
