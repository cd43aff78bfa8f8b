/** Ascending Float64Array copy (typed-array sort is numeric and allocation-free). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
  out.sort();
  return out;
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
