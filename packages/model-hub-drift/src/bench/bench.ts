/*
 * `yarn bench:drift`: time and peak memory of each method for 1k, 100k and
 * 1M rows per sample, next to SciPy's time on the same data when
 * /usr/bin/python3 has SciPy, and drift of 100 columns from two profiles.
 *
 * What is timed is the backend's path: computeColumnDrift on columns of plain
 * JS values, built the way tableColumns builds them from JSON rows (so
 * preparing the column - typing it, counting missing values, copying it into
 * a Float64Array - is part of every time).
 *
 * Three separate runs: in each, every (method, size) runs in a fresh child
 * process (so that its peak resident memory is its own), which warms up and
 * then reports the mean time per call over a batch of calls; SciPy's script
 * does the same in one process per run. The table shows the median of the
 * three runs on each side, and the speed-up is the ratio of those medians.
 * `--input typed` times the same calls on Float64Array columns instead: the
 * input SciPy gets (NumPy arrays), as a caller that holds typed arrays (the
 * CLI's CSV reader, a profile builder) passes them.
 * Options: --sizes 1000,100000  --runs 3  --input rows|typed
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { computeColumnDrift } from '../drift';
import { generateSample } from '../fixtures/prng';
import type { SampleSpec } from '../fixtures/prng';
import type { DriftMethod } from '../methods';
import {
  buildDatasetProfile,
  computeDatasetDriftFromProfiles,
} from '../profile/profileDrift';
import type { DatasetProfile } from '../profile/profileDrift';

const METHODS: DriftMethod[] = [
  'ks',
  'wasserstein',
  'psi',
  'kl_div',
  'jensenshannon',
  'hellinger',
  'chisquare',
  'z',
];
const PYTHON = '/usr/bin/python3';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function specs(method: DriftMethod, n: number): [SampleSpec, SampleSpec] {
  if (method === 'chisquare' || method === 'z') {
    const count = method === 'z' ? 2 : 5;
    return [
      { dist: 'integer', n, seed: 1, low: 0, count },
      { dist: 'integer', n, seed: 2, low: 0, count },
    ];
  }
  return [
    { dist: 'normal', n, seed: 1, mean: 0, sd: 1 },
    { dist: 'normal', n, seed: 2, mean: 0.1, sd: 1 },
  ];
}

/**
 * A column as tableColumns hands it to computeColumnDrift for JSON rows: a
 * plain array (filled with undefined, then assigned) of JS numbers.
 */
function asRowColumn(sample: Float64Array): unknown[] {
  const column = new Array<unknown>(sample.length).fill(undefined);
  for (let i = 0; i < sample.length; i++) column[i] = sample[i];
  return column;
}

/** What the columns are: `rows` (as from JSON rows) or `typed`. */
function inputKind(): string {
  if (process.argv[2] === '--child') return process.argv[5];
  return arg('--input') === 'typed' ? 'typed' : 'rows';
}
const INPUT = inputKind();

/** Warm-up and batch budgets of one run (the same in scipy_bench.py). */
const WARM_UP_MS = 300;
const BATCH_MS = 300;

/** Child: time one method on one size; print {ms, calls, baseMB, peakMB}. */
function child(method: DriftMethod, n: number, input: string): void {
  const [rs, cs] = specs(method, n);
  const column = input === 'typed' ? (a: Float64Array) => a : asRowColumn;
  const ref = column(generateSample(rs));
  const cur = column(generateSample(cs));
  const baseMB = process.resourceUsage().maxRSS / 1024;
  // Warm up (the backend calls these repeatedly): at least two calls.
  let started = performance.now();
  for (let r = 0; r < 2 || performance.now() - started < WARM_UP_MS; r++) {
    computeColumnDrift(ref, cur, { method });
  }
  // Then the mean over a batch of calls (at least one).
  let calls = 0;
  started = performance.now();
  do {
    computeColumnDrift(ref, cur, { method });
    calls++;
  } while (performance.now() - started < BATCH_MS);
  const ms = (performance.now() - started) / calls;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, calls, baseMB, peakMB }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

type Times = Record<string, Record<string, number>>;

function scipyAvailable(): string | undefined {
  try {
    execFileSync(PYTHON, ['-c', 'import scipy, numpy'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `SciPy not importable with ${PYTHON} (apt-get install python3-scipy): SciPy column left empty`;
  }
}

/** One run of scipy_bench.py: {method: {size: ms per call}}. */
function scipyRun(sizes: number[]): Times {
  // A development script run from the sources, never from a build.
  // eslint-disable-next-line no-restricted-syntax
  const script = join(__dirname, 'scipy_bench.py');
  const out = execFileSync(PYTHON, [script, ...sizes.map(String)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out);
}

/** One run of ours: a fresh child process per (method, size). */
function ourRun(
  sizes: number[],
): Record<
  string,
  Record<string, { ms: number; baseMB: number; peakMB: number }>
> {
  const out: ReturnType<typeof ourRun> = {};
  for (const method of METHODS) {
    out[method] = {};
    for (const n of sizes) {
      const res = spawnSync(
        process.execPath,
        [...process.execArgv, __filename, '--child', method, String(n), INPUT],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (res.status !== 0)
        throw new Error(`benchmark child failed: ${res.stderr}`);
      out[method][n] = JSON.parse(res.stdout);
    }
  }
  return out;
}

function profileBench(): string {
  const columns = 100;
  const rows = 50000;
  const refTable: Record<string, ArrayLike<unknown>> = {};
  const curTable: Record<string, ArrayLike<unknown>> = {};
  for (let c = 0; c < columns; c++) {
    if (c % 5 === 4) {
      const cats = ['red', 'green', 'blue', 'cyan', 'grey', 'pink', 'gold'];
      const pick = (seed: number) =>
        Array.from(
          generateSample({
            dist: 'integer',
            n: rows,
            seed,
            low: 0,
            count: cats.length,
          }),
          i => cats[i],
        );
      refTable[`c${c}`] = pick(2 * c + 1);
      curTable[`c${c}`] = pick(2 * c + 2);
    } else {
      refTable[`c${c}`] = generateSample({
        dist: 'normal',
        n: rows,
        seed: 2 * c + 1,
        mean: 0,
        sd: 1,
      });
      curTable[`c${c}`] = generateSample({
        dist: 'normal',
        n: rows,
        seed: 2 * c + 2,
        mean: c % 3 ? 0 : 0.2,
        sd: 1,
      });
    }
  }
  let t = performance.now();
  const refProfile = buildDatasetProfile(refTable);
  const curProfile = buildDatasetProfile(curTable, { reference: refProfile });
  const buildMs = (performance.now() - t) / 2;
  const json = JSON.stringify(refProfile);
  const ref: DatasetProfile = JSON.parse(json);
  const cur: DatasetProfile = JSON.parse(JSON.stringify(curProfile));
  const times: number[] = [];
  for (let r = 0; r < 30; r++) {
    t = performance.now();
    computeDatasetDriftFromProfiles(ref, cur);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return [
    `Drift of ${columns} columns (80 numerical, 20 categorical) from two profiles of ${rows} rows each:`,
    `  median ${times[times.length >> 1].toFixed(
      2,
    )} ms, best ${times[0].toFixed(
      2,
    )} ms (default methods; Wasserstein from sketches)`,
    `  building one data set profile: ${buildMs.toFixed(
      0,
    )} ms; reference profile JSON: ${(json.length / 1024).toFixed(0)} KiB`,
  ].join('\n');
}

function main(): void {
  if (process.argv[2] === '--child') {
    child(
      process.argv[3] as DriftMethod,
      Number(process.argv[4]),
      process.argv[5],
    );
    return;
  }
  const sizes = (arg('--sizes') ?? '1000,100000,1000000')
    .split(',')
    .map(Number);
  const runs = Number(arg('--runs') ?? 3);
  console.log(
    `model-hub-drift benchmark: Node ${
      process.version
    }, rows per sample: ${sizes.join(', ')}; median of ${runs} runs; input: ${
      INPUT === 'typed'
        ? 'Float64Array columns'
        : 'plain JS arrays as from JSON rows'
    }`,
  );
  const noScipy = scipyAvailable();
  if (noScipy) console.log(noScipy);
  // Runs alternate between the two sides, so that a busy moment of the
  // machine weighs on both.
  const ours: ReturnType<typeof ourRun>[] = [];
  const scipy: Times[] = [];
  for (let r = 0; r < runs; r++) {
    ours.push(ourRun(sizes));
    if (!noScipy) scipy.push(scipyRun(sizes));
  }
  const header = [
    'method',
    'rows',
    'ms',
    'peak MB',
    '+MB',
    'SciPy ms',
    'speed-up',
  ];
  const lines: string[][] = [];
  for (const method of METHODS) {
    for (const n of sizes) {
      const ms = median(ours.map(o => o[method][n].ms));
      const peakMB = median(ours.map(o => o[method][n].peakMB));
      const growMB = median(
        ours.map(o => o[method][n].peakMB - o[method][n].baseMB),
      );
      const py = noScipy ? undefined : median(scipy.map(t => t[method][n]));
      lines.push([
        method,
        String(n),
        ms.toFixed(2),
        peakMB.toFixed(0),
        growMB.toFixed(0),
        py === undefined ? '-' : py.toFixed(2),
        py === undefined ? '-' : `${(py / ms).toFixed(1)}x`,
      ]);
    }
  }
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map(l => l[i].length)),
  );
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ');
  console.log(row(header));
  for (const l of lines) console.log(row(l));
  console.log(
    `ms: median of ${runs} runs (each a fresh process: ${WARM_UP_MS} ms warm-up, then the mean per call over ${BATCH_MS} ms of calls,`,
  );
  console.log(
    INPUT === 'typed'
      ? '  at least one), computeColumnDrift on Float64Array columns (--input typed);'
      : '  at least one), computeColumnDrift on plain JS arrays as tableColumns builds them from JSON rows;',
  );
  console.log(
    'peak MB: the process peak RSS incl. the generated data; +MB: growth of that peak caused by the method;',
  );
  console.log(
    'SciPy ms: median of as many runs of scipy_bench.py on the same samples (NumPy arrays); speed-up = SciPy ms / ms.',
  );
  console.log(profileBench());
}

main();
