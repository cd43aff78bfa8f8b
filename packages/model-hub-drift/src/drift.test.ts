import {
  computeColumnDrift,
  computeDatasetDrift,
  scoreMethod,
  tableColumns,
} from './drift';
import { DriftInputError, prepareColumn } from './column';
import { defaultDriftMethod } from './methods';

function range(n: number): number[];
function range<T>(n: number, f: (i: number) => T): T[];
function range(n: number, f: (i: number) => unknown = i => i) {
  return Array.from({ length: n }, (_, i) => f(i));
}

describe('default method (Evidently 0.7)', () => {
  it.each([
    ['numerical', 1000, 6, 'ks'],
    ['numerical', 1000, 5, 'chisquare'],
    ['numerical', 1000, 3, 'chisquare'],
    ['numerical', 1000, 2, 'z'],
    ['categorical', 1000, 3, 'chisquare'],
    ['categorical', 1000, 2, 'z'],
    ['numerical', 1001, 6, 'wasserstein'],
    ['numerical', 1001, 5, 'jensenshannon'],
    ['numerical', 1001, 2, 'jensenshannon'],
    ['categorical', 1001, 50, 'jensenshannon'],
  ] as const)(
    '%s, reference %d rows, %d distinct -> %s',
    (type, size, distinct, method) => {
      expect(defaultDriftMethod(type, size, distinct)).toBe(method);
    },
  );

  it('counts distinct values over reference and current, reference size without missing', () => {
    // 1000 present reference values (plus 2 missing) and 5 distinct values overall.
    const ref = [...range(1000, i => i % 3), null, null];
    const cur = range(100, i => (i % 2) + 3);
    expect(computeColumnDrift(ref, cur).method).toBe('chisquare');
    expect(computeColumnDrift([...ref, 1], cur).method).toBe('jensenshannon');
    expect(computeColumnDrift(ref, [...cur, 5]).method).toBe('ks');
  });
});

describe('computeColumnDrift', () => {
  it('gives the Z-test of numbers read once the same result as the general path', () => {
    // Plain arrays take the one-read path; typed arrays the general one.
    const ref = range(3000, i => (i % 7 === 0 ? null : (i * 7919) % 3));
    const cur = range(2000, i => (i % 11 === 0 ? NaN : (i * 104729) % 2));
    const asTyped = (values: (number | null)[]) =>
      Float64Array.from(values, v => (v === null ? NaN : v));
    const read = computeColumnDrift(ref, cur, { method: 'z' });
    const general = computeColumnDrift(asTyped(ref), asTyped(cur), {
      method: 'z',
    });
    expect(read).toEqual({
      ...general,
      rows: { reference: 3000, current: 2000 },
      missing: { reference: 429, current: 182 },
    });
    expect(general.missing).toEqual({ reference: 429, current: 182 });
    expect(
      computeColumnDrift([1, 1, null], [1, 1], { method: 'z' }),
    ).toMatchObject({
      statistic: 0,
      pValue: 1,
      missing: { reference: 1, current: 0 },
    });
  });

  it('gives the Z-test of a Float64Array read in one fused loop the same result as the general path', () => {
    // The general path: prepared columns, then range and copies of the minimum.
    const general = (ref: Float64Array, cur: Float64Array) =>
      scoreMethod(
        'z',
        prepareColumn(ref, { column: 'v' }),
        prepareColumn(cur, { column: 'v' }),
      );
    const f = (n: number, value: (i: number) => number) =>
      Float64Array.from(range(n, value));
    const cases: [string, Float64Array, Float64Array][] = [
      ['0/1', f(3001, i => (i * 7919) % 2), f(2002, i => (i * 104729) % 2)],
      ['different minimums', f(1003, i => (i % 3) + 1), f(998, i => i % 4)],
      ['current minimum higher', f(997, i => i % 3), f(1001, i => 5 + (i % 2))],
      ['minimum late, odd length', f(1005, i => 1000 - i), f(7, i => i)],
      ['few values', f(3, i => i), f(2, i => -i)],
      [
        'negative zero',
        f(9, i => (i % 2 ? -0 : 1)),
        f(6, i => (i % 3 ? 0 : 2)),
      ],
      ['constant, equal', f(13, () => 4), f(5, () => 4)],
      ['constant, different', f(13, () => 4), f(5, () => 3)],
      ['one side constant', f(12, () => 4), f(17, i => 4 + (i % 2))],
      ['sum overflows', f(9, i => (i % 2) * 1e308), f(8, i => 1e308 * (i % 3))],
      [
        'several blocks, minimum in a late one',
        f(40003, i => ((i * 7919) % 5) + (i < 33000 ? 1 : 0)),
        f(16389, i => 1 + ((i * 104729) % 3)),
      ],
      [
        'NaN in a late block',
        f(40001, i => (i === 39999 ? NaN : i % 2)),
        f(16385, i => i % 3),
      ],
      ['NaN', f(1001, i => (i === 500 ? NaN : i % 2)), f(801, i => i % 2)],
      ['Infinity', f(400, i => i % 2), f(99, i => (i === 98 ? -Infinity : 1))],
    ];
    for (const [name, ref, cur] of cases) {
      const expected = general(ref, cur);
      const fused = computeColumnDrift(ref, cur, { method: 'z' });
      expect([name, fused.statistic, fused.pValue]).toEqual([
        name,
        expected.statistic,
        expected.pValue,
      ]);
      // The same values as a plain array (the one-read path for rows).
      expect(computeColumnDrift([...ref], [...cur], { method: 'z' })).toEqual(
        fused,
      );
    }
    expect(
      computeColumnDrift(
        f(5, () => 4),
        f(3, () => 4),
        { method: 'z' },
      ),
    ).toMatchObject({ statistic: 0, pValue: 1 });
    expect(
      computeColumnDrift(
        f(6, i => (i ? i : NaN)),
        f(4, i => i),
        {
          method: 'z',
        },
      ).missing,
    ).toEqual({ reference: 1, current: 0 });
  });

  it('prepares a Float64Array with its range in one pass, or copies it when not all finite', () => {
    const plain = (values: number[]) => {
      const kept = values.filter(v => Number.isFinite(v));
      return {
        values: kept,
        min: Math.min(...kept),
        max: Math.max(...kept),
        missing: values.length - kept.length,
      };
    };
    // [values, whether the column is the input itself (all finite, sum finite)]
    const cases: [number[], boolean][] = [
      [Array.from({ length: 1001 }, (_, i) => Math.sin(i) * 1e3), true],
      // Several blocks, the range found in late ones.
      [Array.from({ length: 40001 }, (_, i) => Math.sin(i) * i), true],
      [Array.from({ length: 40002 }, (_, i) => (i === 40001 ? NaN : i)), false],
      [[3, -1, 7, 7, -2], true],
      [[5], true],
      [[1e308, 1e308, -5, 1e308], false], // the sum overflows: copied
      [[1, NaN, -3, 2, Infinity, 0.5], false],
      [[-Infinity, 4, 2], false],
    ];
    for (const [values, asIs] of cases) {
      const typed = Float64Array.from(values);
      const column = prepareColumn(typed, { column: 'v' });
      const expected = plain(values);
      expect(column).toMatchObject({
        type: 'numerical',
        min: expected.min,
        max: expected.max,
        missing: expected.missing,
      });
      expect(Array.from(column.values as Float64Array)).toEqual(
        expected.values,
      );
      expect(column.values === typed).toBe(asIs);
    }
  });

  it('counts missing values instead of dropping them silently', () => {
    const r = computeColumnDrift(
      [1, 2, null, NaN, 3, 4, 5, 6, Infinity],
      [1, 2, 3, undefined, 4, 5, 6, 7],
      {
        column: 'x',
      },
    );
    expect(r.missing).toEqual({ reference: 3, current: 1 });
    expect(r.rows).toEqual({ reference: 9, current: 8 });
    expect(r.method).toBe('ks');
  });

  it('applies per-column method and threshold overrides over model defaults', () => {
    const ref = range(2000, i => i / 100);
    const cur = range(2000, i => i / 100 + 1);
    const base = computeColumnDrift(ref, cur, { column: 'a' });
    expect(base.method).toBe('wasserstein');
    expect(base.threshold).toBe(0.1);
    const model = computeColumnDrift(ref, cur, {
      column: 'a',
      numericalMethod: 'psi',
      methodThresholds: { psi: 0.3 },
    });
    expect(model.method).toBe('psi');
    expect(model.threshold).toBe(0.3);
    const col = computeColumnDrift(ref, cur, {
      column: 'a',
      numericalMethod: 'psi',
      perColumnMethod: { a: 'ks' },
      perColumnThreshold: { a: 0.01 },
    });
    expect(col.method).toBe('ks');
    expect(col.threshold).toBe(0.01);
    expect(col.pValue).toBeDefined();
  });

  it('drift rules: KS p <= t, chi-square/Z p < t, distances >= t', () => {
    const same = range(50);
    const ks = computeColumnDrift(same, same, { method: 'ks', threshold: 1 });
    expect(ks.pValue).toBe(1);
    expect(ks.drifted).toBe(true);
    const chi = computeColumnDrift(['a', 'b', 'c'], ['a', 'b', 'c'], {
      threshold: 1,
    });
    expect(chi.method).toBe('chisquare');
    expect(chi.pValue).toBe(1);
    expect(chi.drifted).toBe(false);
    const w = computeColumnDrift(same, same, {
      method: 'wasserstein',
      threshold: 0,
    });
    expect(w.statistic).toBe(0);
    expect(w.drifted).toBe(true);
  });

  it('rejects methods that do not fit the column type', () => {
    expect(() =>
      computeColumnDrift(['a', 'b'], ['a'], { method: 'ks', column: 'c' }),
    ).toThrow('column "c": method "ks" does not apply to a categorical column');
  });

  it('names all-missing and mixed-type columns', () => {
    expect(() => computeColumnDrift([null, NaN], [1], { column: 'x' })).toThrow(
      'column "x" in reference is all missing (2 rows)',
    );
    expect(() => computeColumnDrift([1, 'a'], [1], { column: 'x' })).toThrow(
      /column "x" in reference has mixed types/,
    );
    expect(() =>
      computeColumnDrift([1, 2], ['a', 'b'], {
        column: 'x',
        currentName: 'b.csv',
      }),
    ).toThrow(
      'column "x" has mixed types: numerical in reference but categorical in b.csv',
    );
    expect(() =>
      computeColumnDrift([1, 'a'], ['b'], {
        columnTypes: { value: 'categorical' },
      }),
    ).not.toThrow();
  });
});

describe('computeDatasetDrift', () => {
  it('judges the data set by the share of drifted columns (>= 0.5)', () => {
    const ref = range(200, i => ({
      a: i,
      b: i % 7,
      c: ['x', 'y', 'z'][i % 3],
      d: i * 2,
    }));
    const cur = range(200, i => ({
      a: i + 150,
      b: (i % 7) + 3,
      c: ['x', 'y', 'z'][i % 3],
      d: i * 2,
    }));
    const report = computeDatasetDrift(ref, cur);
    expect(report.columns.map(c => [c.column, c.drifted])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', false],
    ]);
    expect(report.driftedShare).toBe(0.5);
    expect(report.datasetDrift).toBe(true);
    expect(
      computeDatasetDrift(ref, cur, { driftShare: 0.75 }).datasetDrift,
    ).toBe(false);
  });

  it('accepts columnar tables and reports missing columns by name', () => {
    const report = computeDatasetDrift(
      { a: [1, 2, 3, 4, 5, 6] },
      { a: [1, 2, 3, 4, 5, 7], b: [1] },
    );
    expect(report.columns).toHaveLength(1);
    expect(() => computeDatasetDrift({ a: [1] }, { b: [1] })).toThrow(
      DriftInputError,
    );
    expect(() => computeDatasetDrift({ a: [1] }, { b: [1] })).toThrow(
      /no common columns/,
    );
    expect(() =>
      computeDatasetDrift({ a: [1] }, { a: [1] }, { columns: ['z'] }),
    ).toThrow('column "z" is not in reference');
  });
});

describe('bounded by the shape of the data', () => {
  it('builds the columns of rows in one pass, with missing keys missing', () => {
    const { names, get } = tableColumns([
      { a: 1, b: 'x' },
      { b: 'y' },
      { a: 3 },
    ]);
    expect(names).toEqual(['a', 'b']);
    expect(Array.from(get('a'))).toEqual([1, undefined, 3]);
    expect(Array.from(get('b'))).toEqual(['x', 'y', undefined]);
  });

  it('refuses more columns than the cap, for rows and columns alike, listing a few', () => {
    // 20,000 rows, each with a column of its own.
    const sparse = Array.from({ length: 20_000 }, (_, i) => ({ [`c${i}`]: i }));
    expect(() => computeDatasetDrift(sparse, sparse)).toThrow(
      /^reference has more than 1000 columns, the most a table may have \(maxColumns\): c0, c1, c2, c3, c4 and 996 more$/,
    );
    const wide = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`c${i}`, [1, 2, 3]]),
    );
    expect(() => computeDatasetDrift(wide, wide, { maxColumns: 10 })).toThrow(
      /^reference has more than 10 columns/,
    );
  });

  it('names at most a few columns when a window has none in common with the reference', () => {
    const current = Array.from({ length: 500 }, (_, i) => ({ [`x${i}`]: 1 }));
    expect(() => computeDatasetDrift([{ a: 1 }, { a: 2 }], current)).toThrow(
      'reference and current have no common columns (reference: a; current: x0, x1, x2, x3, x4 and 495 more)',
    );
  });

  it('refuses a categorical column with more distinct categories than the cap', () => {
    const ids = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => `id-${from + i}`);
    expect(() =>
      computeColumnDrift(ids(600), ids(600, 600), {
        column: 'customer',
        maxCategories: 1000,
      }),
    ).toThrow(
      /^column "customer" has more than 1000 distinct categories, the most a column may have \(maxCategories\)/,
    );
    expect(() =>
      computeColumnDrift(ids(500), ids(500), {
        column: 'customer',
        maxCategories: 1000,
      }),
    ).not.toThrow();
  });
});
