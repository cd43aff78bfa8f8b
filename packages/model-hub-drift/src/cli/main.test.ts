import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDriftCommand } from './main';

const dir = mkdtempSync(join(tmpdir(), 'model-hub-drift-'));
const write = (name: string, text: string) =>
  writeFileSync(join(dir, name), text);

write(
  'ref.csv',
  'age,city,score\n25,Paris,0.5\n31,Lyon,0.7\n45,Paris,0.2\n22,Nice,\n38,Paris,0.9\n29,"Lyon",0.4\n',
);
write(
  'cur.json',
  JSON.stringify([
    { age: 55, city: 'Paris', score: 0.9 },
    { age: 61, city: 'Nice', score: null },
    { age: 58, city: 'Nice', score: 0.95 },
    { age: 66, city: 'Lyon', score: 0.99 },
  ]),
);
write('mixed.csv', 'age,city\n1,Paris\nabc,Lyon\n');
write('other.csv', 'x,y\n1,2\n');
write('empty-col.csv', 'age,city,score\n20,Paris,NA\n30,Lyon,\n');
write('codes.csv', 'zip\n007\n008\n009\n');

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const res = runDriftCommand(argv, {
    cwd: dir,
    stdout: s => (out += s),
    stderr: s => (err += s),
  });
  return { ...res, out, err };
}

describe('model-hub-drift command', () => {
  it('prints a JSON report with every column and the data set verdict', () => {
    const r = run('--reference', 'ref.csv', '--current', 'cur.json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.out);
    expect(
      report.columns.map((c: any) => [c.column, c.type, c.method]),
    ).toEqual([
      ['age', 'numerical', 'ks'],
      ['city', 'categorical', 'chisquare'],
      ['score', 'numerical', 'ks'],
    ]);
    const age = report.columns[0];
    expect(age).toMatchObject({
      statistic: 1,
      threshold: 0.05,
      drifted: true,
      missing: { reference: 0, current: 0 },
    });
    expect(age.pValue).toBeCloseTo(0.009523809523809525, 12); // scipy.stats.ks_2samp
    expect(report.columns[2].missing).toEqual({ reference: 1, current: 1 });
    expect(report.columns[1].pValue).toBeGreaterThan(0);
    expect(report).toMatchObject({
      driftedShare: 1 / 3,
      shareThreshold: 0.5,
      datasetDrift: false,
    });
  });

  it('takes --columns, --method and --threshold overrides', () => {
    const r = run(
      '--reference',
      'ref.csv',
      '--current',
      'cur.json',
      '--columns',
      'age,city',
      '--method',
      'age=wasserstein',
      '--method=city=psi',
      '--threshold',
      'city=5',
    );
    const report = JSON.parse(r.out);
    expect(
      report.columns.map((c: any) => [
        c.column,
        c.method,
        c.threshold,
        'pValue' in c,
      ]),
    ).toEqual([
      ['age', 'wasserstein', 0.1, false],
      ['city', 'psi', 5, false],
    ]);
    expect(r.status).toBe(0);
  });

  it('exits with status 1 on data set drift when asked', () => {
    expect(
      run('--reference', 'ref.csv', '--current', 'cur.json', '--fail-on-drift')
        .status,
    ).toBe(0);
    expect(
      run(
        '--reference',
        'ref.csv',
        '--current',
        'cur.json',
        '--drift-share',
        '0.3',
        '--fail-on-drift',
      ).status,
    ).toBe(1);
  });

  it.each([
    [
      ['--reference', 'nope.csv', '--current', 'cur.json'],
      /file not found: .*nope\.csv/,
    ],
    [
      ['--reference', 'ref.csv', '--current', 'other.csv'],
      /ref\.csv and other\.csv have no common columns/,
    ],
    [
      ['--reference', 'ref.csv', '--current', 'empty-col.csv'],
      /column "score" in empty-col\.csv is all missing \(2 rows\)/,
    ],
    [
      ['--reference', 'mixed.csv', '--current', 'ref.csv'],
      /column "age" in mixed\.csv has mixed types: numbers \(e\.g\. 1\) and text \(e\.g\. "abc"\)/,
    ],
    [
      [
        '--reference',
        'ref.csv',
        '--current',
        'cur.json',
        '--method',
        'age=magic',
      ],
      /unknown method "magic"/,
    ],
    [['--reference', 'ref.csv'], /--current FILE is required/],
    [
      ['--reference', 'ref.csv', '--current', 'cur.json', '--columns', 'zzz'],
      /column "zzz" is not in ref\.csv/,
    ],
  ])('fails with a message naming the problem: %j', (argv, message) => {
    const r = run(...(argv as string[]));
    expect(r.status).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('keeps declared categorical CSV columns as text', () => {
    const r = run(
      '--reference',
      'codes.csv',
      '--current',
      'codes.csv',
      '--type',
      'zip=categorical',
    );
    expect(JSON.parse(r.out).columns[0]).toMatchObject({
      type: 'categorical',
      method: 'chisquare',
      pValue: 1,
    });
  });
});
