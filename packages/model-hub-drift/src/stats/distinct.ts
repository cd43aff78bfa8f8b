/*
 * Distinct values of numeric samples without sorting: an open-addressing
 * hash set on the doubles' bit patterns (-0 and +0 count as one value,
 * as in numpy.unique and pandas.nunique).
 */
const { imul, clz32 } = Math;
const { isNaN } = Number;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** Number of distinct values across the samples (NaN must be absent). */
export function countDistinctNumbers(...samples: Float64Array[]): number {
  let n = 0;
  for (const s of samples) n += s.length;
  const bits = Math.max(4, 32 - clz32(2 * n - 1)); // table at least twice n
  const size = 2 ** bits;
  const mask = size - 1;
  const table = new Float64Array(size).fill(NaN); // NaN marks an empty slot
  const shift = 32 - bits;
  let distinct = 0;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i] === 0 ? 0 : s[i];
      scratch[0] = v;
      let slot = imul(scratchWords[0] ^ imul(scratchWords[1], 0x9e3779b1), 0x85ebca6b) >>> shift;
      for (;;) {
        const t = table[slot];
        if (t === v) break;
        if (isNaN(t)) {
          table[slot] = v;
          distinct++;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  return distinct;
}
