/*
 * Count-based tests: Pearson chi-square of current counts against the
 * reference distribution, and the two-proportion Z-test. Both follow how
 * Evidently calls SciPy.
 */
import { chiSquareSf, standardNormalCdf } from './special';

export interface TestResult {
  statistic: number;
  pValue: number;
}

/**
 * Evidently's chi-square: expected = reference counts scaled to the current
 * total, observed = current counts; p = chi2.sf(stat, k - 1) as
 * scipy.stats.chisquare(f_obs, f_exp).
 */
export function chiSquareTest(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): TestResult {
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < referenceCounts.length; i++) nRef += referenceCounts[i];
  for (let i = 0; i < currentCounts.length; i++) nCur += currentCounts[i];
  const kNorm = nCur / nRef;
  let statistic = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const expected = referenceCounts[i] * kNorm;
    const diff = currentCounts[i] - expected;
    // A category absent from the reference gives an infinite term, as in SciPy.
    statistic += (diff * diff) / expected;
  }
  return {
    statistic,
    pValue: chiSquareSf(statistic, referenceCounts.length - 1),
  };
}

/**
 * Two-proportion Z-test (two-sided) on the share of the "second" value.
 * `refOnes`/`curOnes` count values different from the first sorted key.
 */
export function proportionsZTest(
  refOnes: number,
  nRef: number,
  curOnes: number,
  nCur: number,
): TestResult {
  const p1 = refOnes / nRef;
  const p2 = curOnes / nCur;
  const pooled = (p1 * nRef + p2 * nCur) / (nRef + nCur);
  const z =
    (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / nRef + 1 / nCur));
  return { statistic: z, pValue: 2 * (1 - standardNormalCdf(Math.abs(z))) };
}
