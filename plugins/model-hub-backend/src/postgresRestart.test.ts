import { mockCredentials } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * PostgreSQL restarted under a write load (issue #12): every write Model Hub
 * acknowledged is there afterwards, writes during the outage fail cleanly
 * with 503 (try again), and the backend serves again without a restart of
 * its own.
 *
 * The test needs a server it may restart, so it runs a PostgreSQL cluster of
 * its own (Debian's postgresql binaries, as on the CI machine) on a free
 * port; the shared server on 5432 is left alone. It runs where the shared
 * PostgreSQL tests run (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING).
 */
jest.setTimeout(120_000);

const { databases, ids } = modelHubTestDatabases();
const binDir = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
].find(dir => fs.existsSync(path.join(dir, 'pg_ctl')));
const runs = ids.some(id => id.startsWith('POSTGRES'));
if (runs && !binDir && process.env.CI) {
  throw new Error(
    'The PostgreSQL restart test needs pg_ctl (Debian postgresql)',
  );
}
const describeIfServer = runs && binDir ? describe : describe.skip;

/** A throwaway PostgreSQL cluster that the test can stop and start. */
class OwnPostgres {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-hub-pg-'));
  readonly port = 55000 + Math.floor(Math.random() * 5000);

  private run(tool: string, args: string[]) {
    // initdb and pg_ctl refuse to run as root; CI machines run as root.
    const asRoot = process.getuid?.() === 0;
    const command = asRoot ? 'runuser' : path.join(binDir!, tool);
    const fullArgs = asRoot
      ? ['-u', 'postgres', '--', path.join(binDir!, tool), ...args]
      : args;
    execFileSync(command, fullArgs, { stdio: 'pipe' });
  }

  init() {
    if (process.getuid?.() === 0) {
      execFileSync('chown', ['postgres', this.dir]);
    }
    this.run('initdb', [
      '-D',
      `${this.dir}/data`,
      '-A',
      'trust',
      '-U',
      'postgres',
    ]);
  }

  pgCtl(action: 'start' | 'stop' | 'restart') {
    this.run('pg_ctl', [
      '-D',
      `${this.dir}/data`,
      '-l',
      `${this.dir}/log`,
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      '-m',
      'fast',
      '-w',
      action,
    ]);
  }

  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

describeIfServer('PostgreSQL restarted during writes', () => {
  let postgres: OwnPostgres;
  let knex: Knex;
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;

  beforeAll(async () => {
    postgres = new OwnPostgres();
    postgres.init();
    postgres.pgCtl('start');
    knex = knexFactory({
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port: postgres.port,
        user: 'postgres',
        database: 'postgres',
      },
      pool: { min: 0, max: 10 },
    });
    started = await startModelHubMockBackend({
      databases,
      databaseId: 'POSTGRES_15',
      knex,
      entities: [modelEntity('credit-scoring-pd')],
    });
  });

  afterAll(async () => {
    await started?.backend.stop();
    await knex?.destroy();
    try {
      postgres?.pgCtl('stop');
    } finally {
      postgres?.remove();
    }
  });

  it('keeps every acknowledged write and recovers by itself', async () => {
    const acknowledged: string[] = [];
    const failures: number[] = [];
    let next = 0;
    let stop = false;
    const publish = async (version: string) =>
      callJson(`${started.base}/models/default/credit-scoring-pd/versions`, {
        auth: mockCredentials.user.header('user:default/dana'),
        body: { version, artifactUri: `s3://models/pd/${version}` },
      });
    // Four writers publishing new versions as fast as they are answered.
    const writers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const version = `1.0.${next++}`;
        const res = await publish(version);
        if (res.status === 201) acknowledged.push(version);
        else failures.push(res.status);
      }
    });
    await new Promise(resolve => setTimeout(resolve, 1500));
    const beforeRestart = acknowledged.length;
    postgres.pgCtl('restart');
    // Writes go on after the restart: the backend reconnects by itself.
    const afterRestart = acknowledged.length;
    await new Promise(resolve => setTimeout(resolve, 3000));
    stop = true;
    await Promise.all(writers);

    expect(beforeRestart).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(afterRestart);
    // Writes that failed were refused as "unavailable, try again" (503),
    // never half-done.
    expect(failures.filter(status => status !== 503)).toEqual([]);
    const stored = await knex('model_versions')
      .where({ model_ref: 'model:default/credit-scoring-pd' })
      .pluck('version');
    for (const version of acknowledged) {
      expect(stored).toContain(version);
    }
    // Each stored version has its audit event: no write was left partial.
    const audited = await knex('model_audit_events')
      .where({
        model_ref: 'model:default/credit-scoring-pd',
        action: 'version.published',
      })
      .count({ count: '*' });
    expect(Number(audited[0].count)).toBe(stored.length);
  });

  it('answers 503 to requests and actions while the database is down, and serves again when it is back', async () => {
    const dana = mockCredentials.user.header('user:default/dana');
    const model = `${started.base}/models/default/credit-scoring-pd`;
    const publish = (version: string) =>
      callJson(`${model}/versions`, {
        auth: dana,
        body: { version, artifactUri: `s3://models/pd/${version}` },
      });
    const publishAction = (version: string) =>
      callJson(
        `${started.base}/.backstage/actions/v1/actions/model-hub:publish-model-version/invoke`,
        {
          auth: dana,
          body: {
            model: 'model:default/credit-scoring-pd',
            version,
            artifactUri: `s3://models/pd/${version}`,
          },
        },
      );
    postgres.pgCtl('stop');
    try {
      const unavailable = {
        status: 503,
        body: expect.objectContaining({
          error: expect.objectContaining({
            name: 'ServiceUnavailableError',
            message: 'The Model Hub database is unavailable; try again shortly',
          }),
        }),
      };
      // Twice: once on the pooled connections the server closed, once on a
      // new connection it refuses.
      for (const attempt of ['2.0.0', '2.0.1']) {
        expect(await publish(attempt)).toEqual(unavailable);
      }
      expect(await publishAction('2.0.2')).toEqual(unavailable);
      expect(
        await callJson(`${model}/reviews/1/decisions`, {
          auth: mockCredentials.user.header('user:default/erik'),
          body: { decision: 'APPROVED' },
        }),
      ).toEqual(unavailable);
      expect(await callJson(`${model}/versions`, { auth: dana })).toEqual(
        unavailable,
      );
    } finally {
      postgres.pgCtl('start');
    }
    // Back without a restart of the backend; retries succeed.
    let retried = await publish('2.0.0');
    for (let i = 0; i < 20 && retried.status === 503; i++) {
      await new Promise(resolve => setTimeout(resolve, 250));
      retried = await publish('2.0.0');
    }
    expect(retried.status).toBe(201);
    expect((await publishAction('2.0.2')).status).toBe(200);
  });
});
