/*
 * `yarn bench:drift`: time and peak memory of each method for 1k, 100k and
 * 1M rows per sample, next to SciPy's time on the same data when
 * /usr/bin/python3 has SciPy, and drift of 100 columns from two profiles.
 *
 * Each (method, size) runs in a fresh child process so that its peak
 * resident memory (process.resourceUsage().maxRSS) is its own.
 * Options: --sizes 1000,100000  --repeats N
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

/** Child: time one method on one size; print {ms, baseMB, peakMB}. */
function child(method: DriftMethod, n: number, repeats: number): void {
  const [rs, cs] = specs(method, n);
  const ref = generateSample(rs);
  const cur = generateSample(cs);
  const baseMB = process.resourceUsage().maxRSS / 1024;
  // Warm up (the backend calls these repeatedly), then keep the best run.
  let best = Infinity;
  const started = performance.now();
  for (
    let r = 0;
    r < repeats || (r < 1000 && performance.now() - started < 2000);
    r++
  ) {
    const t = performance.now();
    computeColumnDrift(ref, cur, { method });
    best = Math.min(best, performance.now() - t);
  }
  const peakMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms: best, baseMB, peakMB }));
}

function scipyTimes(
  sizes: number[],
): Record<string, Record<string, number>> | string {
  try {
    execFileSync(PYTHON, ['-c', 'import scipy, numpy'], { stdio: 'ignore' });
  } catch {
    return `SciPy not importable with ${PYTHON} (apt-get install python3-scipy): SciPy column left empty`;
  }
  // A development script run from the sources, never from a build.
  // eslint-disable-next-line no-restricted-syntax
  const script = join(__dirname, 'scipy_bench.py');
  const out = execFileSync(PYTHON, [script, ...sizes.map(String)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out);
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
      Number(process.argv[5]),
    );
    return;
  }
  const sizes = (arg('--sizes') ?? '1000,100000,1000000')
    .split(',')
    .map(Number);
  const repeats = Number(arg('--repeats') ?? 3);
  console.log(
    `model-hub-drift benchmark: Node ${
      process.version
    }, rows per sample: ${sizes.join(', ')}`,
  );
  const scipy = scipyTimes(sizes);
  if (typeof scipy === 'string') console.log(scipy);
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
      const res = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          __filename,
          '--child',
          method,
          String(n),
          String(repeats),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (res.status !== 0)
        throw new Error(`benchmark child failed: ${res.stderr}`);
      const { ms, baseMB, peakMB } = JSON.parse(res.stdout);
      const py = typeof scipy === 'string' ? undefined : scipy[method]?.[n];
      lines.push([
        method,
        String(n),
        ms.toFixed(2),
        peakMB.toFixed(0),
        (peakMB - baseMB).toFixed(0),
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
    'ms: best of up to 1000 warm runs (2 s budget); peak MB: the process peak RSS incl. the generated data;',
  );
  console.log(
    '+MB: growth of that peak caused by the method; SciPy: scipy_bench.py on the same samples.',
  );
  console.log(profileBench());
}

main();
