/*
 * Scratch arrays for the large temporaries of one drift computation (a
 * column's values as doubles, a distinct count's partitions). Allocating
 * them afresh for every column costs more than filling them: each new
 * megabyte-sized buffer is zeroed and faulted in page by page, and the
 * external memory it adds makes V8 collect garbage sooner, a full collection
 * walking every object of the heap - and a backend judging JSON rows holds
 * millions of them. A slot keeps its buffer only through a WeakRef: reused
 * by the columns of one computation (a synchronous run keeps it alive),
 * free for the garbage collector once the computation is over.
 *
 * Whoever takes a slot must be done with it before taking it again, and
 * must not let it escape: only internal paths use these.
 */

/** Slots: a column's reference and current values, a distinct count's partitions. */
export const SCRATCH_REFERENCE = 0;
export const SCRATCH_CURRENT = 1;
export const SCRATCH_DISTINCT = 2;

const slots: (WeakRef<Float64Array> | undefined)[] = [];

/** A Float64Array of `length` elements (with stale contents) from a slot. */
export function scratchFloat64(slot: number, length: number): Float64Array {
  let buffer = slots[slot]?.deref();
  if (!buffer || buffer.length < length) {
    buffer = new Float64Array(length);
    slots[slot] = new WeakRef(buffer);
  }
  return buffer.length === length ? buffer : buffer.subarray(0, length);
}
