import { computeColumnDrift, computeDatasetDrift } from '../drift';
import { generateSample } from '../fixtures/prng';
import type { DriftMethod } from '../methods';
import { histogramCounts, fillEmptyBins, toShares } from '../stats/binning';
import { populationStabilityIndex } from '../stats/divergence';
import { ks2Samp } from '../stats/ks';
import { normedWassersteinDistance } from '../stats/wasserstein';
import { buildColumnProfile, mergeProfiles } from './profile';
import type { ColumnProfile } from './profile';
import {
  buildDatasetProfile,
  computeDatasetDriftFromProfiles,
  computeDriftFromProfiles,
  mergeDatasetProfiles,
} from './profileDrift';
import { QuantileSketch, sketchSample, weightedRank } from './sketch';

const normal = (n: number, seed: number, mean = 0) =>
  generateSample({ dist: 'normal', n, seed, mean, sd: 1 });
const roundTrip = (p: ColumnProfile): ColumnProfile =>
  JSON.parse(JSON.stringify(p));

describe('quantile sketch', () => {
  it.each([
    ['random', normal(200000, 1)],
    ['sorted', normal(200000, 2).sort()],
    ['reversed', normal(200000, 3).sort().reverse()],
    [
      'few values',
      generateSample({ dist: 'integer', n: 200000, seed: 4, low: 0, count: 7 }),
    ],
  ])('keeps every rank within its tracked bound (%s)', (_, values) => {
    const sketch = new QuantileSketch(256);
    sketch.addAll(values);
    const data = sketch.toData();
    const sample = sketchSample(data, values.length);
    expect(data.weights.reduce((x, y) => x + y, 0)).toBe(values.length);
    expect(sample.total).toBe(values.length);
    const sorted = Float64Array.from(values).sort();
    let worst = 0;
    for (let q = 0; q <= 1000; q++) {
      const x =
        sorted[
          Math.min(sorted.length - 1, Math.floor((q / 1000) * sorted.length))
        ];
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      worst = Math.max(worst, Math.abs(weightedRank(sample, x) - lo));
    }
    expect(worst).toBeLessThanOrEqual(data.rankErrorBound);
    // The documented worst case: n * levels / k.
    expect(data.rankErrorBound).toBeLessThanOrEqual(
      (values.length * data.compactions.length) / 256,
    );
  });

  it('is exact while n <= k', () => {
    const s = new QuantileSketch(64);
    s.addAll([3, 1, 2]);
    expect(s.toData()).toEqual({
      k: 64,
      values: [1, 2, 3],
      weights: [1, 1, 1],
      compactions: [0],
      rankErrorBound: 0,
    });
  });
});

describe('drift from profiles', () => {
  const methods: DriftMethod[] = [
    'ks',
    'wasserstein',
    'chisquare',
    'jensenshannon',
    'psi',
    'kl_div',
    'hellinger',
  ];

  it.each(
    methods.flatMap(
      m =>
        [
          [m, 12],
          [m, 300],
        ] as const,
    ),
  )(
    'equals raw drift exactly when profiles keep exact counts (%s, %d values)',
    (method, count) => {
      const ref = generateSample({
        dist: 'integer',
        n: 3000,
        seed: 5,
        low: 0,
        count,
      });
      const cur = generateSample({
        dist: 'integer',
        n: 2500,
        seed: 6,
        low: 1,
        count,
      });
      const raw = computeColumnDrift(ref, cur, { method });
      const fromProfiles = computeDriftFromProfiles(
        roundTrip(buildColumnProfile(ref)),
        roundTrip(buildColumnProfile(cur)),
        { method },
      );
      expect(fromProfiles.statistic).toBeCloseTo(raw.statistic, 12);
      expect(fromProfiles.pValue ?? 0).toBeCloseTo(raw.pValue ?? 0, 12);
      expect(fromProfiles.statisticErrorBound).toBeUndefined();
    },
  );

  it('is exact for categorical columns and picks the same default method', () => {
    const ref = Array.from(
      { length: 500 },
      (_, i) => ['a', 'b', 'c', 'd'][i % 4],
    );
    const cur = Array.from(
      { length: 300 },
      (_, i) => ['a', 'b', 'c', 'e'][(i * 7) % 4],
    );
    const raw = computeColumnDrift(ref, cur);
    const p = computeDriftFromProfiles(
      buildColumnProfile(ref),
      buildColumnProfile(cur),
    );
    expect(p).toEqual(raw);
  });

  it.each([
    [800, 900, 0.1],
    [20000, 15000, 0.03],
    [200000, 100000, 0],
  ])(
    'KS and Wasserstein stay within the reported bound (%d vs %d rows)',
    (n1, n2, shift) => {
      const ref = normal(n1, 7);
      const cur = normal(n2, 8, shift);
      const ks = ks2Samp(ref, cur);
      const pk = computeDriftFromProfiles(
        buildColumnProfile(ref),
        buildColumnProfile(cur),
        { method: 'ks' },
      );
      const bound = pk.statisticErrorBound ?? 0;
      expect(Math.abs(pk.statistic - ks.statistic)).toBeLessThanOrEqual(
        bound + 1e-12,
      );
      const w = normedWassersteinDistance(ref, cur);
      const pw = computeDriftFromProfiles(
        buildColumnProfile(ref),
        buildColumnProfile(cur),
        { method: 'wasserstein' },
      );
      expect(Math.abs(pw.statistic - w)).toBeLessThanOrEqual(
        (pw.statisticErrorBound ?? 0) + 1e-12,
      );
      // Up to 1000 distinct values the profile keeps exact counts: no error at all.
      expect(bound === 0).toBe(n1 <= 1000 && n2 <= 1000);
    },
  );

  it('bins numerical columns on the reference edges (PSI as on raw data with those edges)', () => {
    const ref = normal(50000, 9);
    const cur = normal(40000, 10, 0.2);
    const refProfile = buildColumnProfile(ref);
    const curProfile = buildColumnProfile(cur, {
      binEdges: refProfile.histogram!.edges,
    });
    const got = computeDriftFromProfiles(refProfile, curProfile, {
      method: 'psi',
    }).statistic;
    const edges = Float64Array.from(refProfile.histogram!.edges);
    const r = [...histogramCounts(ref, edges)];
    const c = [...histogramCounts(cur, edges)];
    const over = cur.filter(v => v > edges[edges.length - 1]).length;
    const under = cur.filter(v => v < edges[0]).length;
    const rs = fillEmptyBins(
      toShares([...(under ? [0] : []), ...r, ...(over ? [0] : [])], ref.length),
    );
    const cs = fillEmptyBins(
      toShares(
        [...(under ? [under] : []), ...c, ...(over ? [over] : [])],
        cur.length,
      ),
    );
    expect(got).toBeCloseTo(populationStabilityIndex(rs, cs), 12);
  });

  it('merges shards into the profile of the whole', () => {
    const all = normal(30000, 11);
    const whole = buildColumnProfile(all);
    const edges = { binEdges: whole.histogram!.edges };
    const merged = mergeProfiles(
      roundTrip(buildColumnProfile(all.subarray(0, 10000), edges)),
      buildColumnProfile(all.subarray(10000), edges),
    );
    expect(merged.count).toBe(30000);
    expect(merged.histogram!.counts).toEqual(whole.histogram!.counts);
    expect(merged.mean).toBeCloseTo(whole.mean!, 12);
    expect(merged.m2! / whole.m2!).toBeCloseTo(1, 12);
    expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
    const cur = normal(30000, 12, 0.05);
    const raw = ks2Samp(all, cur).statistic;
    const r = computeDriftFromProfiles(merged, buildColumnProfile(cur, edges), {
      method: 'ks',
    });
    expect(Math.abs(r.statistic - raw)).toBeLessThanOrEqual(
      r.statisticErrorBound!,
    );
  });

  it('works on whole data sets and names problems', () => {
    const refRows = Array.from({ length: 300 }, (_, i) => ({
      x: i % 50,
      c: i % 3 ? 'a' : 'b',
    }));
    const curRows = Array.from({ length: 300 }, (_, i) => ({
      x: (i % 50) + 20,
      c: 'a',
    }));
    const ref = buildDatasetProfile(refRows);
    const cur = mergeDatasetProfiles(
      buildDatasetProfile(curRows.slice(0, 100), { reference: ref }),
      buildDatasetProfile(curRows.slice(100), { reference: ref }),
    );
    const report = computeDatasetDriftFromProfiles(ref, cur);
    const raw = computeDatasetDrift(refRows, curRows);
    expect(report).toEqual(raw);
    expect(() =>
      computeDriftFromProfiles(ref.columns.x, ref.columns.c, { column: 'x' }),
    ).toThrow(
      'column "x" has mixed types: numerical in reference but categorical in current',
    );
    expect(() =>
      computeDriftFromProfiles(
        buildColumnProfile(normal(5000, 1)),
        buildColumnProfile(normal(5000, 2)),
        { method: 'psi' },
      ),
    ).toThrow(/other bin edges/);
  });
});

describe('profiles bounded by the shape of the data', () => {
  it('refuses profiles with more columns or categories than the caps', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      region: `r${i}`,
      income: i,
    }));
    const profile = buildDatasetProfile(rows);
    expect(() =>
      computeDatasetDriftFromProfiles(profile, profile, { maxColumns: 1 }),
    ).toThrow(/^reference has more than 1 columns/);
    expect(() =>
      computeDatasetDriftFromProfiles(profile, profile, { maxCategories: 10 }),
    ).toThrow(/^column "region" has more than 10 distinct categories/);
  });
});
