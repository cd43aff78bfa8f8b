/*
 * Results must equal SciPy's (via Evidently's calls) on the same data:
 * statistics to 1e-9 relative, p-values to 1e-6 absolute.
 */
import { computeColumnDrift } from './drift';
import type { Expectations } from './fixtures/fixtures';
import { fixtures, labelledSample, num, relClose } from './fixtures/fixtures';
import { generateSample } from './fixtures/prng';
import type { DriftMethod } from './methods';

const DISTANCES = ['psi', 'kl_div', 'jensenshannon', 'hellinger'] as const;

// Assertions live in check().
/* eslint-disable jest/expect-expect */
function check(
  ref: ArrayLike<unknown>,
  cur: ArrayLike<unknown>,
  expected: Expectations,
  name: string,
) {
  const run = (method: DriftMethod) =>
    computeColumnDrift(ref, cur, { method, column: name });
  const failures: string[] = [];
  const stat = (method: string, actual: number, want: number) => {
    if (!relClose(actual, want, 1e-9))
      failures.push(`${method} statistic ${actual} != ${want}`);
  };
  const pval = (method: string, actual: number | undefined, want: number) => {
    const ok = Number.isNaN(want)
      ? Number.isNaN(actual!)
      : Math.abs(actual! - want) <= 1e-6;
    if (!ok) failures.push(`${method} p-value ${actual} != ${want}`);
  };
  for (const method of ['ks', 'chisquare', 'z'] as const) {
    const e = expected[method];
    if (!e) continue;
    const r = run(method);
    stat(method, r.statistic, num(e.statistic));
    pval(method, r.pValue, num(e.pValue));
  }
  if (expected.wassersteinNormed !== undefined) {
    stat(
      'wasserstein',
      run('wasserstein').statistic,
      num(expected.wassersteinNormed),
    );
  }
  for (const method of DISTANCES)
    stat(method, run(method).statistic, num(expected[method]));
  expect(failures).toEqual([]);
}

describe('drift statistics equal SciPy', () => {
  it.each(fixtures.inlineNumeric.map(f => [f.name, f] as const))(
    'numerical: %s',
    (_, f) => {
      check(f.reference, f.current, f.expected, f.name);
    },
  );

  it.each(fixtures.inlineCategorical.map(f => [f.name, f] as const))(
    'categorical: %s',
    (_, f) => {
      check(f.reference, f.current, f.expected, f.name);
    },
  );

  it.each(fixtures.generated.map(f => [`${f.name}`, f] as const))(
    'generated: %s',
    (_, f) => {
      check(
        generateSample(f.reference),
        generateSample(f.current),
        f.expected,
        f.name,
      );
    },
  );

  // Categories as JSON rows carry them (strings), counted on the Python
  // side with pandas value_counts, as Evidently counts them.
  it.each(fixtures.generatedCategorical.map(f => [f.name, f] as const))(
    'categorical, string categories: %s',
    (_, f) => {
      check(
        labelledSample(f.reference),
        labelledSample(f.current),
        f.expected,
        f.name,
      );
    },
  );
});
