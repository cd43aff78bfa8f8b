import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Races between writers (issue #12), as two backend replicas on one
 * PostgreSQL produce them. Each test opens the competing write as its own
 * transaction on the same database and holds it open while Model Hub's
 * request runs, so the interleaving is the same on every run: the request
 * must wait for the competitor and then act on what it committed.
 *
 * PostgreSQL only: SQLite runs one write transaction at a time (and the
 * test database has a single connection), so these interleavings cannot
 * happen there; the burst test at the end runs on both.
 */
jest.setTimeout(60_000);

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const ingrid = mockCredentials.user.header('user:default/ingrid');
const erik = mockCredentials.user.header('user:default/erik');
const modelRef = 'model:default/credit-scoring-pd';
const model = '/models/default/credit-scoring-pd';

async function startWithVersions(
  databaseId: (typeof ids)[number],
  entity = modelEntity('credit-scoring-pd'),
) {
  const started = await startModelHubMockBackend({
    databases,
    databaseId,
    entities: [entity],
  });
  for (const version of ['1.0.0', '2.0.0']) {
    const published = await callJson(`${started.base}${model}/versions`, {
      auth: dana,
      body: {
        version,
        artifactUri: `s3://models/pd/${version}`,
        metrics: [{ name: 'auc', value: 0.8 }],
        referenceProfile: { rows: incomeRows(100, 0) },
      },
    });
    if (published.status !== 201) {
      throw new Error(`Publishing ${version} failed: ${published.status}`);
    }
  }
  return started;
}

/** Gives a request time to reach the competitor's lock and wait there. */
const reachLock = () => new Promise(resolve => setTimeout(resolve, 400));

const postgresIds = ids.filter(id => id.startsWith('POSTGRES'));
const describeOnPostgres = postgresIds.length
  ? describe.each(postgresIds)
  : describe.skip.each(['POSTGRES (not configured)']);

describeOnPostgres('races on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startWithVersions>>;
  let competitor: Knex.Transaction | undefined;
  const call = (path: string, options: Parameters<typeof callJson>[1] = {}) =>
    callJson(`${started.base}${path}`, { auth: dana, ...options });

  afterEach(async () => {
    if (competitor && !competitor.isCompleted()) await competitor.rollback();
    competitor = undefined;
    await started.backend.stop();
  });

  it('does not point an alias at a version deprecated meanwhile', async () => {
    started = await startWithVersions(databaseId as any);
    competitor = await started.knex.transaction();
    await competitor('model_versions')
      .where({ model_ref: modelRef, version: '1.0.0' })
      .update({
        deprecated_at: new Date(),
        deprecated_by: 'user:default/erik',
        deprecation_reason: 'leaks a protected attribute',
      });
    const move = call(`${model}/aliases/champion`, {
      method: 'PUT',
      body: { version: '1.0.0' },
    });
    await reachLock();
    await competitor.commit();

    const moved = await move;
    expect(moved.status).toBe(409);
    expect(moved.body.error.message).toMatch(/deprecated/);
    expect((await call(model)).body.aliases).toEqual([]);
  });

  it('records the version a concurrent first move left, not none', async () => {
    started = await startWithVersions(databaseId as any);
    // A first move of `champion` to 1.0.0, not committed yet.
    competitor = await started.knex.transaction();
    await competitor('model_aliases').insert({
      model_ref: modelRef,
      alias: 'champion',
      version: '1.0.0',
      updated_by: 'user:default/erik',
      updated_at: new Date(),
    });
    const move = call(`${model}/aliases/champion`, {
      method: 'PUT',
      body: { version: '2.0.0' },
    });
    await reachLock();
    await competitor.commit();

    expect((await move).status).toBe(200);
    const audit = await call(`${model}/audit-events?limit=50`);
    const movedEvent = audit.body.items.find(
      (e: any) => e.action === 'alias.moved',
    );
    expect(movedEvent.payload).toEqual({
      alias: 'champion',
      version: '2.0.0',
      previousVersion: '1.0.0',
    });
    expect((await call(model)).body.aliases).toEqual([
      expect.objectContaining({ alias: 'champion', version: '2.0.0' }),
    ]);
  });

  it('keeps an approval that lands while a new review is requested', async () => {
    started = await startWithVersions(databaseId as any);
    const first = await call(`${model}/versions/1.0.0/reviews`, { body: {} });
    expect(first.status).toBe(201);
    // A decision approving the first review, holding its row lock.
    competitor = await started.knex.transaction();
    await competitor('model_reviews')
      .where({ id: Number(first.body.id) })
      .forUpdate();
    await competitor('model_reviews')
      .where({ id: Number(first.body.id) })
      .update({
        state: 'APPROVED',
        decided_at: new Date(),
        expires_at: new Date(Date.now() + 365 * 24 * 3600_000),
      });
    const second = call(`${model}/versions/1.0.0/reviews`, { body: {} });
    await reachLock();
    await competitor.commit();

    expect((await second).status).toBe(201);
    const reviews = (await call(`${model}/reviews`)).body.items;
    expect(reviews.map((r: any) => [r.id, r.state])).toEqual([
      [(await second).body.id, 'WAITING_FOR_APPROVAL'],
      [first.body.id, 'APPROVED'],
    ]);
  });

  it('refuses a decision on a review abandoned meanwhile', async () => {
    started = await startWithVersions(databaseId as any);
    const review = await call(`${model}/versions/1.0.0/reviews`, { body: {} });
    // A new request superseding it, not committed yet.
    competitor = await started.knex.transaction();
    await competitor('model_reviews')
      .where({ id: Number(review.body.id) })
      .update({ state: 'ABANDONED', decided_at: new Date() });
    const decision = call(`${model}/reviews/${review.body.id}/decisions`, {
      auth: ingrid,
      body: { decision: 'APPROVED' },
    });
    await reachLock();
    await competitor.commit();

    const decided = await decision;
    expect(decided.status).toBe(409);
    expect(decided.body.error.message).toMatch(/ABANDONED/);
    const stored = (await call(`${model}/reviews`)).body.items[0];
    expect(stored).toMatchObject({ state: 'ABANDONED', decisions: [] });
  });
});

describe.each(ids)('concurrent decisions on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startWithVersions>>;
  afterEach(() => started.backend.stop());

  it('never ends approved when a rejection races two approvals of a Severe model', async () => {
    // likelihood 4 x impact 5 = 20: Severe, two approvals. No evidence asked
    // beyond what the version carries, so approvals are accepted.
    started = await startWithVersions(
      databaseId,
      modelEntity('credit-scoring-pd', {
        wrongPrediction: { likelihood: 4, impact: 5 },
      }),
    );
    const call = (path: string, options: Parameters<typeof callJson>[1]) =>
      callJson(`${started.base}${path}`, options);
    await call(`${model}/policy-override`, {
      method: 'PUT',
      auth: erik,
      body: { policy: { evidence: [] }, reason: 'test: evidence not at issue' },
    });
    const review = await call(`${model}/versions/1.0.0/reviews`, {
      auth: dana,
      body: {},
    });
    const decide = (who: string, decision: string) =>
      call(`${model}/reviews/${review.body.id}/decisions`, {
        auth: mockCredentials.user.header(`user:default/${who}`),
        body: { decision },
      });
    const results = await Promise.all([
      decide('ingrid', 'APPROVED'),
      decide('kofi', 'APPROVED'),
      decide('erik', 'REJECTED'),
    ]);
    const stored = (await call(`${model}/reviews`, { auth: dana })).body
      .items[0];
    const accepted = results.filter(r => r.status === 200).length;
    // Every answer is a decision taken or a 409; the stored decisions are
    // exactly the accepted ones, and the state follows from them.
    expect(results.every(r => r.status === 200 || r.status === 409)).toBe(true);
    expect(stored.decisions).toHaveLength(accepted);
    const rejected = stored.decisions.some(
      (d: any) => d.decision === 'REJECTED',
    );
    expect(stored.state).toBe(rejected ? 'REJECTED' : 'APPROVED');
  });
});
