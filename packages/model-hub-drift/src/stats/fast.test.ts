/*
 * The sort-free and arithmetic fast paths against their plain definitions,
 * on data made to reach every branch (ties, skew, data far from zero, values
 * on bin edges, recursion into crowded buckets).
 */
import { relClose } from '../fixtures/fixtures';
import { histogramCounts, sturgesEdges } from './binning';
import { countDistinctNumbers } from './distinct';
import { integratedEcdfGap, maxEcdfGap } from './ecdf';
import { ksStatisticUnsorted, wassersteinUnsorted } from './ecdfBuckets';
import { sortedCopy } from './sorted';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sample(n: number, seed: number, f: (u: () => number) => number) {
  const u = lcg(seed);
  return Float64Array.from({ length: n }, () => f(u));
}

const normal = (u: () => number) => {
  let s = 0;
  for (let i = 0; i < 12; i++) s += u();
  return s - 6;
};

const cases: [string, Float64Array, Float64Array][] = [
  [
    'normal, shifted',
    sample(30000, 1, normal),
    sample(20000, 2, u => normal(u) + 0.1),
  ],
  ['identical samples', sample(20000, 3, normal), sample(20000, 3, normal)],
  [
    'skewed (exp of normal)',
    sample(30000, 4, u => Math.exp(3 * normal(u))),
    sample(25000, 5, u => Math.exp(3 * normal(u))),
  ],
  [
    'ties (rounded)',
    sample(40000, 6, u => Math.round(normal(u) * 4) / 4),
    sample(30000, 7, u => Math.round(normal(u) * 4 + 1) / 4),
  ],
  [
    'far from zero',
    sample(20000, 8, u => 1.7e9 + normal(u)),
    sample(20000, 9, u => 1.7e9 + normal(u) + 0.01),
  ],
  [
    'clustered',
    sample(30000, 10, u => (u() < 0.5 ? 0 : 1e6) + normal(u) * 1e-6),
    sample(30000, 11, u => (u() < 0.4 ? 0 : 1e6) + normal(u) * 1e-6),
  ],
  [
    'disjoint',
    sample(5000, 12, normal),
    sample(6000, 13, u => normal(u) + 100),
  ],
  [
    'one value each',
    new Float64Array(5000).fill(2),
    new Float64Array(4000).fill(2),
  ],
  [
    'huge range',
    Float64Array.from([-1e308, 1e308, ...sample(5000, 14, normal)]),
    sample(5000, 15, normal),
  ],
];

describe('KS and Wasserstein without sorting', () => {
  it.each(cases)('%s: equal to the sorted walk', (_, a, b) => {
    const sa = { values: sortedCopy(a), total: a.length };
    const sb = { values: sortedCopy(b), total: b.length };
    expect(ksStatisticUnsorted(a, b)).toBe(maxEcdfGap(sa, sb));
    const w = integratedEcdfGap(sa, sb);
    // Infinite for the huge range, as in SciPy: then equal.
    expect(relClose(wassersteinUnsorted(a, b), w, 1e-12)).toBe(true);
  });
});

function naiveHistogram(values: Float64Array, edges: Float64Array) {
  const out = new Float64Array(edges.length - 1);
  const last = edges.length - 1;
  for (const x of values) {
    if (!(x >= edges[0] && x <= edges[last])) continue;
    let b = 0;
    while (b < last - 1 && edges[b + 1] <= x) b++;
    out[b]++;
  }
  return out;
}

describe('histogramCounts', () => {
  it('equals binning by comparisons, values on edges and outside included', () => {
    const values = sample(50000, 16, u => normal(u) * 1.3);
    const edges = sturgesEdges({ min: -4, max: 4.5 }, 100000);
    const withEdges = Float64Array.from([...values, ...edges, -4, 4.5, -5, 7]);
    expect(Array.from(histogramCounts(withEdges, edges))).toEqual(
      Array.from(naiveHistogram(withEdges, edges)),
    );
  });

  it('places many values on edges (more than it notes) exactly', () => {
    const edges = sturgesEdges({ min: 1e6, max: 1e6 + 3 }, 1000);
    const onEdges = Float64Array.from(
      { length: 30000 },
      (_, i) => edges[i % edges.length],
    );
    expect(Array.from(histogramCounts(onEdges, edges))).toEqual(
      Array.from(naiveHistogram(onEdges, edges)),
    );
  });
});

describe('countDistinctNumbers with a stopping rule', () => {
  it('returns a lower bound accepted by the rule, and the exact count without it', () => {
    const a = sample(150000, 17, u => Math.round(normal(u) * 1e4));
    const b = sample(90000, 18, u => Math.round(normal(u) * 1e4) + 0.5);
    const exact = new Set([...a, ...b]).size;
    expect(countDistinctNumbers([a, b])).toBe(exact);
    // Settled once the lower bound is within 200,000 of the 240,000 values.
    const settled = (lower: number, upper: number) => upper - lower < 200000;
    const bound = countDistinctNumbers([a, b], { settled });
    expect(bound).toBeLessThanOrEqual(exact);
    expect(settled(bound, a.length + b.length)).toBe(true);
    expect(countDistinctNumbers([a, b], { settled: () => false })).toBe(exact);
  });
});
