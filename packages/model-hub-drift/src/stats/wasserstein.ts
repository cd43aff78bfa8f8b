/*
 * First Wasserstein distance between two samples (scipy.stats.wasserstein_distance):
 * the integral of |F_a - F_b| over the real line, from one merge of the
 * sorted samples.
 */
import { integratedEcdfGap } from './ecdf';
import { populationStd, sortedCopy } from './sorted';

/** Evidently's floor on the normalising standard deviation. */
export const WASSERSTEIN_MIN_NORM = 0.001;

export function wassersteinDistanceSorted(
  a: Float64Array,
  b: Float64Array,
): number {
  return integratedEcdfGap(
    { values: a, total: a.length },
    { values: b, total: b.length },
  );
}

export function wassersteinDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): number {
  return wassersteinDistanceSorted(sortedCopy(a), sortedCopy(b));
}

/** Evidently's "Wasserstein distance (normed)": W1 / max(std(reference), 0.001). */
export function normedWassersteinDistance(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): number {
  return (
    wassersteinDistance(reference, current) /
    Math.max(populationStd(reference), WASSERSTEIN_MIN_NORM)
  );
}
