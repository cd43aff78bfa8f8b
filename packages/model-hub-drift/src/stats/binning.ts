/*
 * Histogram binning exactly as NumPy does it for Evidently's binned methods:
 * numpy.histogram_bin_edges(..., bins='sturges') and numpy.histogram with
 * explicit edges (bins are [e_i, e_i+1), the last one closed).
 */

export interface Range {
  min: number;
  max: number;
}

export function rangeOf(...samples: ArrayLike<number>[]): Range {
  let min = Infinity;
  let max = -Infinity;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

/**
 * Sturges edges for `count` values spanning [min, max], with NumPy's exact
 * float operations (width = ptp / (log2(n) + 1); bins = ceil(ptp / width);
 * edges = linspace(min, max, bins + 1)).
 */
export function sturgesEdges(range: Range, count: number): Float64Array {
  let first = range.min;
  let last = range.max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  return linspace(first, last, sturgesBinCount(range, count) + 1);
}

/** Number of bins of sturgesEdges(range, count): non-decreasing in count. */
export function sturgesBinCount(range: Range, count: number): number {
  const ptp = range.max - range.min;
  const width = ptp / (Math.log2(count) + 1);
  return width ? Math.ceil(ptp / width) : 1;
}

/** numpy.linspace(start, stop, num) with endpoint: i * step + start, last = stop. */
export function linspace(
  start: number,
  stop: number,
  num: number,
): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  }
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * Index of the bin holding x for ascending edges (NumPy semantics), -1 when
 * x is outside [edges[0], edges[last]]. `guess` speeds up near-uniform edges.
 */
export function binIndex(
  edges: Float64Array,
  x: number,
  guess: number,
): number {
  const last = edges.length - 1;
  if (!(x >= edges[0] && x <= edges[last])) return -1;
  let i = Math.min(guess, last - 1);
  if (!(i >= 0)) i = 0; // also catches NaN guesses
  while (i > 0 && edges[i] > x) i--;
  while (i < last - 1 && edges[i + 1] <= x) i++;
  return i;
}

/** numpy.histogram(values, edges)[0], added into `out` (length edges.length - 1). */
export function histogramCounts(
  values: ArrayLike<number>,
  edges: Float64Array,
  out: Float64Array = new Float64Array(edges.length - 1),
): Float64Array {
  const last = edges.length - 1;
  const first = edges[0];
  const end = edges[last];
  const scale = last / (end - first);
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (!(x >= first && x <= end)) continue;
    // Near-uniform edges: guess the bin arithmetically, then correct it
    // against the actual edges so the result is NumPy's exactly.
    let i = ((x - first) * scale) | 0;
    if (i > last - 1) i = last - 1;
    while (i > 0 && edges[i] > x) i--;
    while (i < last - 1 && edges[i + 1] <= x) i++;
    out[i]++;
  }
  return out;
}

/**
 * Evidently's empty-bin smoothing: zero shares become 0.0001, or a millionth
 * of the smallest non-zero share when that is itself <= 0.0001.
 */
export function fillEmptyBins(shares: Float64Array): Float64Array {
  let minNonZero = Infinity;
  for (let i = 0; i < shares.length; i++) {
    if (shares[i] !== 0 && shares[i] < minNonZero) minNonZero = shares[i];
  }
  const fill = minNonZero <= 0.0001 ? minNonZero / 1e6 : 0.0001;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
  return shares;
}

export function toShares(
  counts: ArrayLike<number>,
  total: number,
): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}
