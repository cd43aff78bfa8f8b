import { mockCredentials } from '@backstage/backend-test-utils';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { getPriority } from 'node:os';
import { gzipSync } from 'node:zlib';
import * as drift from '@model-hub/model-hub-drift';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';
import { DriftWorkerPool } from './drift/DriftWorkerPool';

/*
 * Heavy drift work off the event loop (issue #22): a window over
 * modelHub.drift.workerThreshold values is judged in a worker thread, and
 * a large window body is parsed there too. The drift engine of this (the
 * main) thread is a spy: a worker thread loads its own copy, so a window
 * judged there leaves the spy uncalled.
 */
jest.mock('@model-hub/model-hub-drift', () => {
  const actual = jest.requireActual('@model-hub/model-hub-drift');
  return {
    ...actual,
    computeDatasetDrift: jest.fn(actual.computeDatasetDrift),
    buildDatasetProfile: jest.fn(actual.buildDatasetProfile),
    computeDatasetDriftFromProfiles: jest.fn(
      actual.computeDatasetDriftFromProfiles,
    ),
  };
});
jest.setTimeout(120_000);

const engine = drift as jest.Mocked<typeof drift>;
const judgedOnEventLoop = () =>
  engine.computeDatasetDrift.mock.calls.length +
  engine.buildDatasetProfile.mock.calls.length +
  engine.computeDatasetDriftFromProfiles.mock.calls.length;

const { databases } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const model = '/models/default/credit-scoring-pd';
const reference = incomeRows(300, 0);

describe('drift in worker threads', () => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  const call = (path: string, body?: unknown) =>
    callJson(`${started.base}${model}${path}`, { auth: dana, body });
  const window = (rows: unknown[], version = '1.0.0') =>
    call(`/versions/${version}/drift-reports`, {
      environment: 'production',
      windowStart: '2026-11-30T09:00:00Z',
      windowEnd: '2026-11-30T10:00:00Z',
      rows,
    });

  beforeAll(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId: 'SQLITE_3',
      entities: [modelEntity('credit-scoring-pd')],
      config: {
        modelHub: { drift: { workerThreshold: 1000, maxCategories: 100 } },
      },
    });
    for (const [version, referenceProfile] of [
      ['1.0.0', { rows: reference }],
      ['2.0.0', undefined],
    ] as const) {
      const published = await call('/versions', {
        version,
        artifactUri: 's3://x',
        ...(referenceProfile ? { referenceProfile } : {}),
      });
      if (published.status !== 201) {
        throw new Error(`publishing ${version}: ${published.status}`);
      }
    }
  });
  afterAll(() => started.backend.stop());
  beforeEach(() => jest.clearAllMocks());

  it('judges a small window on the event loop', async () => {
    // 300 + 100 rows of 2 columns: 800 values, under the threshold.
    expect((await window(incomeRows(100, 0))).status).toBe(201);
    expect(judgedOnEventLoop()).toBe(1);
  });

  it('judges a window over the threshold in a worker thread, with the same report', async () => {
    const rows = incomeRows(2000, 5000);
    const judged = await window(rows);
    expect(judged.status).toBe(201);
    expect(judgedOnEventLoop()).toBe(0);
    const actual = jest.requireActual('@model-hub/model-hub-drift');
    expect(judged.body.report).toEqual(
      JSON.parse(
        JSON.stringify(
          actual.computeDatasetDrift(reference, rows, {
            referenceName: 'reference profile',
            currentName: 'rows',
          }),
        ),
      ),
    );
  });

  it('parses a large window body in a worker thread, and judges it there', async () => {
    const rows = incomeRows(40_000, 0);
    expect(JSON.stringify(rows).length).toBeGreaterThan(1024 * 1024);
    const judged = await window(rows);
    expect(judged.status).toBe(201);
    expect(judged.body.report.columns).toHaveLength(2);
    expect(judgedOnEventLoop()).toBe(0);
  });

  it('parses a large gzip window body, whose length is known only once inflated, in a worker thread', async () => {
    const rows = incomeRows(40_000, 0);
    const res = await fetch(
      `${started.base}${model}/versions/1.0.0/drift-reports`,
      {
        method: 'POST',
        headers: {
          Authorization: dana,
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
        },
        body: gzipSync(
          JSON.stringify({
            environment: 'production',
            windowStart: '2026-11-30T09:00:00Z',
            windowEnd: '2026-11-30T10:00:00Z',
            rows,
          }),
        ),
      },
    );
    expect(res.status).toBe(201);
    expect((await res.json()).report.columns).toHaveLength(2);
    expect(judgedOnEventLoop()).toBe(0);
  });

  it('refuses a body that ends short of its declared length', async () => {
    const body = JSON.stringify({
      environment: 'production',
      windowStart: '2026-11-30T09:00:00Z',
      windowEnd: '2026-11-30T10:00:00Z',
      rows: incomeRows(40_000, 0),
    });
    const url = new URL(`${started.base}${model}/versions/1.0.0/drift-reports`);
    const before = (await call('/drift-reports')).body.totalItems;
    // The client declares more than it sends, then stops sending: the
    // backend must not judge what it has, nor wait for the rest forever.
    const answer = await new Promise<number | string>(resolve => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          Authorization: dana,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body) + 10),
        },
      });
      req.on('response', res => resolve(res.statusCode ?? 0));
      req.on('error', error => resolve((error as any).code ?? 'error'));
      req.write(body, () => setTimeout(() => req.destroy(), 200));
    });
    expect([400, 'ECONNRESET']).toContain(answer);
    expect(judgedOnEventLoop()).toBe(0);
    expect((await call('/drift-reports')).body.totalItems).toBe(before);
  });

  it('refuses a large body as a small one, with the same messages', async () => {
    const large = incomeRows(40_000, 0) as unknown[];
    const small = incomeRows(50, 0) as unknown[];
    // A row that is not an object: the contract's validator names it.
    for (const rows of [large, small]) rows[3] = 7;
    const [refusedLarge, refusedSmall] = [
      await window(large),
      await window(small),
    ];
    expect(refusedLarge.status).toBe(400);
    expect(refusedLarge.body.error.message).toBe(
      refusedSmall.body.error.message,
    );
    expect(refusedLarge.body.error.message).toMatch(/rows\/3 must be object/);
    // A NUL character: refused once the body is validated, naming where.
    for (const rows of [large, small]) rows[3] = { region: 'no\u0000rth' };
    const nul = await window(large);
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toBe(
      'rows.3.region: must not contain the NUL character (\\u0000)',
    );
    expect((await window(small)).body.error.message).toBe(
      nul.body.error.message,
    );
    // Not JSON.
    const res = await fetch(
      `${started.base}${model}/versions/1.0.0/drift-reports`,
      {
        method: 'POST',
        headers: { Authorization: dana, 'Content-Type': 'application/json' },
        body: `{"environment":"production","rows":[${'{"income":1},'.repeat(
          100_000,
        )}]}`,
      },
    );
    expect(res.status).toBe(400);
    expect(judgedOnEventLoop()).toBe(0);
  });

  it('keeps the meaning of errors raised in the worker thread', async () => {
    // The drift engine's input error: 400 with its message.
    const manyIds = await window(
      incomeRows(2000, 0).map((row, i) => ({ ...row, region: `id-${i}` })),
    );
    expect(manyIds.status).toBe(400);
    expect(manyIds.body.error.name).toBe('InputError');
    expect(manyIds.body.error.message).toMatch(
      /^column "region" has more than 100 distinct categories/,
    );
    // A version without a reference: 409.
    const noReference = await window(incomeRows(2000, 0), '2.0.0');
    expect(noReference.status).toBe(409);
    expect(noReference.body.error.name).toBe('ConflictError');
    expect(noReference.body.error.message).toMatch(/has no drift reference/);
    expect(judgedOnEventLoop()).toBe(0);
    expect((await call('/drift-reports')).body.totalItems).toBe(4);
  });
});

describe('DriftWorkerPool', () => {
  it('runs tasks in a thread, or on the event loop with no threads, and stops', async () => {
    const input = {
      reference: JSON.stringify({ rows: reference }),
      window: { rows: incomeRows(50, 0) },
      terms: {},
      modelRef: 'model:default/x',
      versionName: '1.0.0',
    };
    const threaded = new DriftWorkerPool({ threshold: 10, threads: 1 });
    const inline = new DriftWorkerPool({ threshold: 10, threads: 0 });
    try {
      const [inThread, onLoop] = [
        await threaded.judge(input),
        await inline.judge(input),
      ];
      expect(inThread).toEqual(onLoop);
      expect(threaded.ranInThreads).toBe(1);
      expect(inline.ranInThreads).toBe(0);
      expect(inline.offloads(1_000_000)).toBe(false);
    } finally {
      await threaded.close();
    }
    await expect(threaded.judge(input)).rejects.toThrow(/stopped/);
  });

  it('runs its threads at a lower CPU priority than the event loop', async () => {
    // Linux: every thread of the process is a task with its own nice value
    // (field 19 of /proc/<pid>/task/<tid>/stat).
    const niceOfThreads = () =>
      readdirSync(`/proc/${process.pid}/task`).map(tid => {
        const stat = readFileSync(
          `/proc/${process.pid}/task/${tid}/stat`,
          'utf8',
        );
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    const before = niceOfThreads();
    const pool = new DriftWorkerPool({ threshold: 10, threads: 1, nice: 7 });
    try {
      await pool.judge({
        reference: JSON.stringify({ rows: reference }),
        window: { rows: incomeRows(50, 0) },
        terms: {},
        modelRef: 'model:default/x',
        versionName: '1.0.0',
      });
      expect(before).not.toContain(7);
      expect(niceOfThreads()).toContain(7);
      // The event loop's own thread keeps its priority.
      expect(getPriority(process.pid)).toBe(before[0]);
    } finally {
      await pool.close();
    }
  });

  it('refuses with 413 a window that outgrows its thread, and judges the next one', async () => {
    const wide = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const row: Record<string, number> = {};
        for (let c = 0; c < 30; c++) row[`c${c}`] = (i * (c + 1)) % 10;
        return row;
      });
    const input = (rows: Record<string, number>[]) => ({
      reference: JSON.stringify({ rows: wide(1000) }),
      window: { rows },
      terms: {},
      modelRef: 'model:default/x',
      versionName: '1.0.0',
    });
    // 16 MB of heap: 100,000 rows of 30 columns need several times that.
    const pool = new DriftWorkerPool({ threshold: 10, threads: 1, heapMb: 16 });
    try {
      const refused = await pool.judge(input(wide(100_000))).then(
        () => undefined,
        error => error,
      );
      expect(refused?.name).toBe('PayloadTooLargeError');
      expect(refused?.statusCode).toBe(413);
      expect(refused?.message).toMatch(
        /more than the 16 MB .*modelHub\.drift\.workerHeapMb.*as a profile/,
      );
      // A new thread judges the next window.
      expect((await pool.judge(input(wide(100)))).report.columns).toHaveLength(
        30,
      );
    } finally {
      await pool.close();
    }
  });

  it('refuses a task with 503 when its queue is full, and runs the others', async () => {
    const input = {
      reference: JSON.stringify({ rows: incomeRows(20_000, 0) }),
      window: { rows: incomeRows(20_000, 5000) },
      terms: {},
      modelRef: 'model:default/x',
      versionName: '1.0.0',
    };
    const pool = new DriftWorkerPool({ threshold: 10, threads: 1, queue: 1 });
    try {
      await pool.judge(input); // the thread is started and free
      // One runs, one waits, the third finds the queue full.
      const settled = await Promise.allSettled([
        pool.judge(input),
        pool.judge(input),
        pool.judge(input),
      ]);
      expect(settled.map(s => s.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
      ]);
      const refused = (settled[2] as PromiseRejectedResult).reason;
      expect(refused.name).toBe('ServiceUnavailableError');
      expect(refused.message).toMatch(/1 drift computations are waiting/);
    } finally {
      await pool.close();
    }
  });
});
