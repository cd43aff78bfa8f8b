/*
 * Histogram binning exactly as NumPy does it for Evidently's binned methods:
 * numpy.histogram_bin_edges(..., bins='sturges') and numpy.histogram with
 * explicit edges (bins are [e_i, e_i+1), the last one closed).
 */

// Module-level aliases: global lookups are slow inside Jest's VM sandbox.
const { abs } = Math;

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

/** Values counted by one call of countBlock. */
const COUNT_BLOCK = 1 << 14;

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

/**
 * numpy.histogram(values, edges)[0], added into `out` (length edges.length - 1).
 *
 * Near-uniform edges (linspace): the bin is guessed as floor(u), with
 * u = (x - edges[0]) * scale. u is a non-decreasing function of x (each
 * rounded operation is), so with U_j = u(edges[j]): u > U_j implies
 * x > edges[j], and u < U_j implies x < edges[j]. With every U_j within
 * `slack` of j, a fractional part of u farther than `slack` from 0 and 1
 * proves U_i < u < U_i+1, hence edges[i] <= x < edges[i+1]: bin i, exactly
 * NumPy's, without looking at the edges. Other values (near an edge, on the
 * last edge, outside) are placed by comparing them with the edges.
 */
export function histogramCounts(
  values: ArrayLike<number>,
  edges: Float64Array,
  out: Float64Array = new Float64Array(edges.length - 1),
): Float64Array {
  const last = edges.length - 1;
  const top = last - 1;
  const first = edges[0];
  const scale = last / (edges[last] - first);
  // |f - 0.5| < half  <=>  slack < f < 1 - slack (never when slack >= 0.5).
  // Keeping half below 0.4999 sends about 1 value in 5000 to the other path,
  // which V8 then compiles as a branch: the loop runs faster that way than
  // as a never-taken deoptimisation check.
  const half = Math.min(0.4999, 0.5 - slackOf(edges, first, scale));
  // The other values (and the last edge itself, which belongs to the closed
  // last bin) are noted by index and placed afterwards by comparisons; if
  // too many to note, by a second pass.
  const rare = new Int32Array(
    2 ** (32 - Math.clz32(64 + (values.length >> 9))),
  );
  let others = 0;
  // Block by block (see countBlock).
  const n = values.length;
  for (let start = 0; start < n; start += COUNT_BLOCK) {
    const end = Math.min(n, start + COUNT_BLOCK);
    others = countBlock(
      values,
      start,
      end,
      first,
      scale,
      top,
      half,
      out,
      rare,
      others,
    );
  }
  if (others <= rare.length) {
    for (let r = 0; r < others; r++) addOnEdges(values[rare[r]], edges, out);
    return out;
  }
  for (let k = 0; k < values.length; k++) {
    const u = (values[k] - first) * scale;
    const i = u | 0;
    if (!(i <= top && abs(u - i - 0.5) < half))
      addOnEdges(values[k], edges, out);
  }
  return out;
}

/**
 * The main loop of histogramCounts over values start..end-1: counts the
 * values placed arithmetically into `out`, notes the others in `rare` (by
 * index, modulo its length, a power of two) and returns how many there are
 * now. Called block by block: a loop over a whole long column runs long
 * enough for V8 to compile it while it runs (on-stack replacement), and
 * later calls keep entering that slower code without the function ever
 * being compiled the ordinary way; and nothing follows the loop, since code
 * after it would have no type feedback in that code and send every call
 * back to the interpreter.
 */
function countBlock(
  values: ArrayLike<number>,
  start: number,
  end: number,
  first: number,
  scale: number,
  top: number,
  half: number,
  out: Float64Array,
  rare: Int32Array,
  others: number,
): number {
  const mask = rare.length - 1;
  let noted = others;
  for (let k = start; k < end; k++) {
    const u = (values[k] - first) * scale;
    const i = u | 0;
    if (i <= top && abs(u - i - 0.5) < half) out[i]++;
    else rare[noted++ & mask] = k;
  }
  return noted;
}

/**
 * Largest |U_j - j| (see histogramCounts). A function of its own: computed
 * in the caller, the loop's result slows the caller's main loop down.
 */
function slackOf(edges: Float64Array, first: number, scale: number): number {
  let slack = 0;
  for (let j = 0; j < edges.length; j++) {
    slack = Math.max(slack, abs((edges[j] - first) * scale - j));
  }
  return slack;
}

/** Adds x to its bin by comparing it with the edges (nothing when outside). */
function addOnEdges(x: number, edges: Float64Array, out: Float64Array): void {
  const top = edges.length - 2;
  if (!(x >= edges[0] && x <= edges[top + 1])) return;
  let b = 0;
  while (b < top && edges[b + 1] <= x) b++;
  out[b]++;
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
