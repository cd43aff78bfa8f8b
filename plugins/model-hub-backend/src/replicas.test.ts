import { mockCredentials } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Two replicas of the backend on one PostgreSQL database (issue #12), each
 * with Backstage's real scheduler: global jobs run once per period across
 * both, and concurrent decisions and alias moves sent to either replica
 * lose nothing. PostgreSQL only: replicas never share a SQLite file.
 */
jest.setTimeout(90_000);

const { databases, ids } = modelHubTestDatabases();
const postgresIds = ids.filter(id => id.startsWith('POSTGRES'));
const dana = mockCredentials.user.header('user:default/dana');
const model = '/models/default/credit-scoring-pd';
const PERIOD_S = 6;

const describeOnPostgres = postgresIds.length
  ? describe.each(postgresIds)
  : describe.skip.each(['POSTGRES_15']);

describeOnPostgres('two replicas on %s', databaseId => {
  let replicas: Array<Awaited<ReturnType<typeof startModelHubMockBackend>>>;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    const schedule = {
      frequency: { seconds: PERIOD_S },
      timeout: { seconds: 30 },
      initialDelay: { seconds: 0 },
    };
    const options = {
      databases,
      databaseId: databaseId as (typeof ids)[number],
      // Severe (4 x 5): two approvals.
      entities: [
        modelEntity('credit-scoring-pd', {
          wrongPrediction: { likelihood: 4, impact: 5 },
        }),
      ],
      config: {
        modelHub: {
          schedule,
          goldenPaths: { schedule },
          governance: { levels: { Severe: { evidence: ['owner'] } } },
        },
      },
      realScheduler: true,
    };
    const first = await startModelHubMockBackend(options);
    const second = await startModelHubMockBackend({
      ...options,
      knex: first.knex,
    });
    replicas = [first, second];
  });
  afterAll(async () => {
    await Promise.all(replicas.map(r => r.backend.stop()));
  });

  const call = (
    replica: number,
    path: string,
    options: Parameters<typeof callJson>[1] = {},
  ) => callJson(`${replicas[replica].base}${path}`, { auth: dana, ...options });

  it('runs the golden-path job once per period across both replicas', async () => {
    // Long enough for each replica's scheduler to find the job due twice.
    await new Promise(resolve =>
      setTimeout(resolve, (2 * PERIOD_S + 3) * 1000),
    );
    const elapsed = Date.now() - startedAt;
    const runs = await replicas[0]
      .knex('golden_path_runs')
      .where('evaluated_at', '>=', new Date(startedAt));
    // Backstage's scheduler anchors a global task's runs to its schedule
    // (a late run is followed by the next one on time), so over `elapsed`
    // there is at most one run per period plus the first; two replicas
    // running it each would give about twice that.
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(
      Math.floor(elapsed / (PERIOD_S * 1000)) + 1,
    );
  });

  it('counts approvals sent to different replicas at once', async () => {
    const published = await call(0, `${model}/versions`, {
      body: {
        version: '1.0.0',
        artifactUri: 's3://models/pd/1.0.0',
        referenceProfile: { rows: incomeRows(100, 0) },
      },
    });
    expect(published.status).toBe(201);
    const review = await call(1, `${model}/versions/1.0.0/reviews`, {
      body: {},
    });
    expect(review.status).toBe(201);
    const results = await Promise.all(
      ['ingrid', 'kofi'].map((who, replica) =>
        call(replica, `${model}/reviews/${review.body.id}/decisions`, {
          auth: mockCredentials.user.header(`user:default/${who}`),
          body: { decision: 'APPROVED' },
        }),
      ),
    );
    expect(results.map(r => r.status)).toEqual([200, 200]);
    const stored = (await call(0, `${model}/reviews`)).body.items[0];
    expect(stored.state).toBe('APPROVED');
    expect(stored.decisions).toHaveLength(2);
  });

  it('keeps an unbroken history of alias moves sent to both replicas', async () => {
    for (const version of ['2.0.0', '3.0.0']) {
      await call(0, `${model}/versions`, {
        body: { version, artifactUri: `s3://models/pd/${version}` },
      });
    }
    const targets = Array.from(
      { length: 12 },
      (_, i) => ['1.0.0', '2.0.0', '3.0.0'][i % 3],
    );
    const moves = await Promise.all(
      targets.map((version, i) =>
        call(i % 2, `${model}/aliases/champion`, {
          method: 'PUT',
          body: { version },
        }),
      ),
    );
    expect(moves.every(m => m.status === 200)).toBe(true);
    const audit = (await call(0, `${model}/audit-events?limit=100`)).body.items
      .filter((e: any) => e.action === 'alias.moved')
      .reverse(); // oldest first
    expect(audit).toHaveLength(targets.length);
    // Each move names the version the previous one left: nothing lost.
    expect(audit[0].payload.previousVersion).toBeNull();
    for (let i = 1; i < audit.length; i++) {
      expect(audit[i].payload.previousVersion).toBe(
        audit[i - 1].payload.version,
      );
    }
    const { aliases } = (await call(1, model)).body;
    expect(aliases).toEqual([
      expect.objectContaining({
        alias: 'champion',
        version: audit[audit.length - 1].payload.version,
      }),
    ]);
  });
});
