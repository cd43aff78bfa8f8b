/*
 * Sorting and moments for Float64Array samples. Sorting dominates KS,
 * Wasserstein and Hellinger, so large arrays use an LSD radix sort on the
 * IEEE-754 bit patterns (4 passes of 16 bits), several times faster than
 * the built-in comparison sort.
 */

const RADIX_MIN = 2048;

/** Ascending in-place sort of finite (or infinite) doubles; NaN must be absent. */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  // Map to unsigned keys ordered like the doubles: flip all bits of
  // negatives, only the sign bit of the rest (little-endian: hi word is odd).
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const mask = h & 0x80000000 ? 0xffffffff : 0x80000000;
    hi[i] = (h ^ mask) >>> 0;
    lo[i] = ((h & 0x80000000 ? 0xffffffff : 0) ^ words[2 * i]) >>> 0;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? lo : hi;
    const shift = pass % 2 ? 16 : 0;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & 0xffff]++;
    // A digit shared by every key leaves the order unchanged: skip the pass.
    if (counts[(keys[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i] >>> shift) & 0xffff]++;
      lo2[at] = lo[i];
      hi2[at] = hi[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    const negative = !(h & 0x80000000);
    words[2 * i + 1] = (negative ? ~h : h ^ 0x80000000) >>> 0;
    words[2 * i] = (negative ? ~lo[i] : lo[i]) >>> 0;
  }
  return values;
}

/** Ascending Float64Array copy. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  // slice() is a memcpy; Float64Array.from would iterate element by element.
  return sortFloat64(
    values instanceof Float64Array ? values.slice() : Float64Array.from(values),
  );
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Population standard deviation (ddof = 0), as numpy.std. */
export function populationStd(values: ArrayLike<number>): number {
  const mu = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mu;
    s += d * d;
  }
  return Math.sqrt(s / values.length);
}
