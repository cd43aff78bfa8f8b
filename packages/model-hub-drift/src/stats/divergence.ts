/*
 * Distances between binned distributions, with SciPy's formulas
 * (scipy.stats.entropy, scipy.spatial.distance.jensenshannon) and Evidently's
 * PSI and Hellinger definitions.
 */

function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** Population stability index: sum((r - c) * ln(r / c)) over smoothed shares. */
export function populationStabilityIndex(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
): number {
  let s = 0;
  for (let i = 0; i < ref.length; i++)
    s += (ref[i] - cur[i]) * Math.log(ref[i] / cur[i]);
  return s;
}

/** KL(ref || cur) as scipy.stats.entropy(ref, cur) (natural log, renormalised). */
export function klDivergence(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
): number {
  const sr = sum(ref);
  const sc = sum(cur);
  let s = 0;
  for (let i = 0; i < ref.length; i++)
    s += relativeEntropy(ref[i] / sr, cur[i] / sc);
  return s;
}

/** Jensen-Shannon distance (natural log, Evidently passes base=None). */
export function jensenShannonDistance(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
): number {
  const sr = sum(ref);
  const sc = sum(cur);
  let left = 0;
  let right = 0;
  for (let i = 0; i < ref.length; i++) {
    const p = ref[i] / sr;
    const q = cur[i] / sc;
    const m = (p + q) / 2;
    left += relativeEntropy(p, m);
    right += relativeEntropy(q, m);
  }
  return Math.sqrt((left + right) / 2);
}

/** Hellinger distance from two discrete distributions (shares summing to 1). */
export function hellingerFromShares(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
): number {
  let bc = 0;
  for (let i = 0; i < ref.length; i++) bc += Math.sqrt(ref[i] * cur[i]);
  return Math.sqrt(1 - Math.min(Math.max(bc, 0), 1));
}

/**
 * Evidently's numerical Hellinger: density histograms on shared edges,
 * Bhattacharyya coefficient = sum(sqrt(d1 * d2)) * mean bin width.
 */
export function hellingerFromHistograms(
  refCounts: ArrayLike<number>,
  curCounts: ArrayLike<number>,
  edges: Float64Array,
): number {
  const nr = sum(refCounts);
  const nc = sum(curCounts);
  const bins = edges.length - 1;
  const meanWidth = (edges[bins] - edges[0]) / bins;
  let bc = 0;
  for (let i = 0; i < bins; i++) {
    const width = edges[i + 1] - edges[i];
    const d1 = refCounts[i] / width / nr;
    const d2 = curCounts[i] / width / nc;
    bc += Math.sqrt(d1 * d2) * meanWidth;
  }
  return Math.sqrt(1 - Math.min(Math.max(bc, 0), 1));
}
