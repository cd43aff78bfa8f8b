/*
 * Distinct values of numeric samples without sorting: hashing the doubles'
 * bit patterns (-0 and +0 count as one value, as in numpy.unique and
 * pandas.nunique). Large inputs are first partitioned by the top hash bits
 * so that each partition's hash table stays in cache.
 */
const { imul, clz32 } = Math;
const { isNaN } = Number;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

function hashOf(v: number): number {
  scratch[0] = v === 0 ? 0 : v;
  // Murmur3's finaliser spreads every input bit over the low bits the table
  // indexes with: integers have all-zero low mantissa words, and without it
  // they would all collide into a few slots.
  let h = scratchWords[0] ^ imul(scratchWords[1], 0x9e3779b1);
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Distinct count of values[from, to) with an open-addressing table (NaN = empty). */
function countRange(
  values: Float64Array,
  hashes: Uint32Array,
  from: number,
  to: number,
  table: Float64Array,
): number {
  const n = to - from;
  const bits = Math.max(4, 32 - clz32(2 * n - 1));
  const mask = 2 ** bits - 1;
  const slots = table.subarray(0, mask + 1).fill(NaN);
  let distinct = 0;
  for (let i = from; i < to; i++) {
    const v = values[i] === 0 ? 0 : values[i];
    let slot = hashes[i] & mask;
    for (;;) {
      const t = slots[slot];
      if (t === v) break;
      if (isNaN(t)) {
        slots[slot] = v;
        distinct++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return distinct;
}

const PARTITION_BITS = 8;

/** Number of distinct values across the samples (NaN must be absent). */
export function countDistinctNumbers(...samples: Float64Array[]): number {
  let n = 0;
  for (const s of samples) n += s.length;
  const values = new Float64Array(n);
  const hashes = new Uint32Array(n);
  const buckets = 2 ** PARTITION_BITS;
  const starts = new Uint32Array(buckets + 1);
  let k = 0;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++, k++) {
      const h = hashOf(s[i]);
      hashes[k] = h;
      starts[(h >>> (32 - PARTITION_BITS)) + 1]++;
    }
  }
  if (n < 1 << 16) {
    let j = 0;
    for (const s of samples) values.set(s, (j += s.length) - s.length);
    return countRange(
      values,
      hashes,
      0,
      n,
      new Float64Array(2 ** Math.max(4, 32 - clz32(2 * n - 1))),
    );
  }
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  // Scatter values (and hashes) by partition; equal values share a partition.
  const next = starts.slice(0, buckets);
  const partValues = new Float64Array(n);
  const partHashes = new Uint32Array(n);
  k = 0;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++, k++) {
      const h = hashes[k];
      const at = next[h >>> (32 - PARTITION_BITS)]++;
      partValues[at] = s[i];
      partHashes[at] = h;
    }
  }
  let largest = 0;
  for (let b = 0; b < buckets; b++)
    largest = Math.max(largest, starts[b + 1] - starts[b]);
  const table = new Float64Array(2 ** Math.max(4, 32 - clz32(2 * largest - 1)));
  let distinct = 0;
  for (let b = 0; b < buckets; b++) {
    if (starts[b + 1] > starts[b])
      distinct += countRange(
        partValues,
        partHashes,
        starts[b],
        starts[b + 1],
        table,
      );
  }
  return distinct;
}
