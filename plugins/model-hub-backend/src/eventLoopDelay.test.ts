import { mockCredentials } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { computeDatasetDrift } from '@model-hub/model-hub-drift';
import { modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';
import { windowRows } from './__testUtils__/windowRows';
import { assertUsableBody } from './requestLimits';

/*
 * Measurement, not a check (timings depend on the machine): the longest the
 * event loop is held while one 100,000-row window (19.9 MB) is judged.
 * MODEL_HUB_MEASURE=1 runs it.
 */
jest.setTimeout(300_000);
const measure = process.env.MODEL_HUB_MEASURE ? describe : describe.skip;

const { databases } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const model = '/models/default/credit-scoring-pd';

measure('event loop delay of a 100,000-row window', () => {
  it('measures', async () => {
    const started = await startModelHubMockBackend({
      databases,
      databaseId: 'SQLITE_3',
      entities: [modelEntity('credit-scoring-pd')],
      config: {
        modelHub: {
          drift: {
            workerThreshold: 100_000,
            workerThreads: Number(process.env.THREADS ?? 1),
          },
        },
      },
    });
    try {
      const reference = windowRows(10_000, 7);
      expect(
        (
          await callJson(`${started.base}${model}/versions`, {
            auth: dana,
            body: {
              version: '1.0.0',
              artifactUri: 's3://x',
              referenceProfile: { rows: reference },
            },
          })
        ).status,
      ).toBe(201);
      // The window is sent by curl from a file: a client in this process
      // (and the rows on its heap) would hold the event loop too.
      const file = join(tmpdir(), `model-hub-window-${process.pid}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          environment: 'production',
          windowStart: '2026-01-01T09:00:00Z',
          windowEnd: '2026-01-01T10:00:00Z',
          rows: windowRows(100_000, 1, 1000),
        }),
      );
      const lines = [`body: ${(statSync(file).size / 1e6).toFixed(1)} MB`];
      for (let i = 0; i < 3; i++) {
        const histogram = monitorEventLoopDelay({ resolution: 5 });
        histogram.enable();
        const elu = performance.eventLoopUtilization();
        const t = performance.now();
        const status = await new Promise<string>((resolve, reject) =>
          execFile(
            'curl',
            [
              ...['-s', '-o', '/dev/null', '-w', '%{http_code}'],
              ...['-H', `Authorization: ${dana}`],
              ...['-H', 'Content-Type: application/json'],
              ...['--data-binary', `@${file}`],
              `${started.base}${model}/versions/1.0.0/drift-reports`,
            ],
            (error, stdout) => (error ? reject(error) : resolve(stdout)),
          ),
        );
        await new Promise(resolve => setTimeout(resolve, 100));
        histogram.disable();
        const busy = performance.eventLoopUtilization(elu).active;
        lines.push(
          `run ${i}: status ${status}, ${Math.round(
            performance.now() - t,
          )} ms, max event loop delay ${Math.round(
            histogram.max / 1e6,
          )} ms, event loop busy ${Math.round(busy)} ms`,
        );
      }
      const body = readFileSync(file, 'utf8');
      unlinkSync(file);
      const rows = JSON.parse(body).rows;
      let t = performance.now();
      const parsed = JSON.parse(body);
      lines.push(`JSON.parse: ${Math.round(performance.now() - t)} ms`);
      t = performance.now();
      assertUsableBody(parsed);
      lines.push(`assertUsableBody: ${Math.round(performance.now() - t)} ms`);
      t = performance.now();
      computeDatasetDrift(reference, rows, {});
      lines.push(
        `computeDatasetDrift (10,000 vs 100,000 rows): ${Math.round(
          performance.now() - t,
        )} ms`,
      );
      for (const n of [1_000, 5_000, 10_000, 20_000, 50_000]) {
        const small = windowRows(n, 3);
        const refN = windowRows(Math.min(n, 10_000), 4);
        computeDatasetDrift(refN, small, {});
        t = performance.now();
        computeDatasetDrift(refN, small, {});
        lines.push(
          `computeDatasetDrift (${refN.length} vs ${n} rows, ${
            (refN.length + n) * 9
          } values): ${(performance.now() - t).toFixed(1)} ms`,
        );
      }
      // eslint-disable-next-line no-console
      console.log(lines.join('\n'));
    } finally {
      await started.backend.stop();
    }
  });
});
