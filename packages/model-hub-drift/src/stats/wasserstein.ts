/*
 * First Wasserstein distance between two samples (scipy.stats.wasserstein_distance):
 * the integral of |F_a - F_b| over the real line, from one merge of the
 * sorted samples.
 */
import { populationStd, sortedCopy } from './sorted';

/** Evidently's floor on the normalising standard deviation. */
// Module-level aliases: global lookups are slow inside Jest's VM sandbox.
const { abs } = Math;
export const WASSERSTEIN_MIN_NORM = 0.001;

export function wassersteinDistanceSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let x = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
  while (i < n1 || j < n2) {
    while (i < n1 && a[i] <= x) i++;
    while (j < n2 && b[j] <= x) j++;
    if (i >= n1 && j >= n2) break;
    const next = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    total += abs(i / n1 - j / n2) * (next - x);
    x = next;
  }
  return total;
}

export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
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
