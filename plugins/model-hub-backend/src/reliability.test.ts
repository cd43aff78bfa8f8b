import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Findings of the reliability review (issue #12), each refused with a 4xx
 * that names the field and storing nothing, on SQLite and PostgreSQL.
 */
jest.setTimeout(60_000);

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const model = '/models/default/credit-scoring-pd';

describe.each(ids)('reliability on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  const call = (path: string, options: Parameters<typeof callJson>[1] = {}) =>
    callJson(`${started.base}${path}`, { auth: dana, ...options });

  beforeEach(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
      // Permissions allow all, through a jest mock that counts requests.
      deniedReviewers: [],
    });
    const published = await call(`${model}/versions`, {
      body: {
        version: '1.0.0',
        artifactUri: 's3://models/pd/1.0.0',
        referenceProfile: { rows: incomeRows(300, 0) },
      },
    });
    if (published.status !== 201) {
      throw new Error(
        `Publishing the test version failed: ${published.status}`,
      );
    }
  });
  afterEach(() => started.backend.stop());

  it('does not let a publisher claim derived evidence with a link', async () => {
    const atPublish = await call(`${model}/versions`, {
      body: {
        version: '1.1.0',
        artifactUri: 's3://models/pd/1.1.0',
        evidence: { modelCard: 'https://wiki.example.com/card' },
      },
    });
    expect(atPublish.status).toBe(400);
    expect(atPublish.body.error.message).toMatch(/evidence/);
    const atReview = await call(`${model}/versions/1.0.0/reviews`, {
      body: { evidence: { driftMonitoring: 'https://grafana.example.com' } },
    });
    expect(atReview.status).toBe(400);
    expect(atReview.body.error.message).toMatch(/evidence/);
    // Attached kinds are still taken.
    const ok = await call(`${model}/versions/1.0.0/reviews`, {
      body: {
        evidence: { independentValidation: 'https://wiki.example.com/v' },
      },
    });
    expect(ok.status).toBe(201);
    expect((await call(`${model}/versions`)).body.totalItems).toBe(1);
  });

  it('refuses an empty drift reference at publish', async () => {
    for (const referenceProfile of [
      {},
      { rows: [] },
      { profile: { version: 1, columns: {} } },
    ]) {
      const res = await call(`${model}/versions`, {
        body: { version: '1.2.0', artifactUri: 's3://x', referenceProfile },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/referenceProfile/);
    }
    expect((await call(`${model}/versions`)).body.totalItems).toBe(1);
  });

  it('answers 400, not 500, to a profile with a null column, and keeps drift usable', async () => {
    const bad = await call(`${model}/versions/1.0.0/drift-reports`, {
      body: {
        environment: 'production',
        profile: { version: 1, columns: { income: null } },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/columns/);
    const good = await call(`${model}/versions/1.0.0/drift-reports`, {
      body: { environment: 'production', rows: incomeRows(300, 0) },
    });
    expect(good.status).toBe(201);
  });

  it('compares window bounds as instants, whatever their offsets', async () => {
    // 10:00+02:00 is 08:00Z: before 09:00Z, though it sorts after as text.
    const ok = await call(`${model}/versions/1.0.0/drift-reports`, {
      body: {
        environment: 'production',
        windowStart: '2026-11-30T10:00:00+02:00',
        windowEnd: '2026-11-30T09:00:00Z',
        rows: incomeRows(300, 0),
      },
    });
    expect(ok.status).toBe(201);
    const reversed = await call(`${model}/versions/1.0.0/drift-reports`, {
      body: {
        environment: 'production',
        windowStart: '2026-11-30T09:00:00Z',
        windowEnd: '2026-11-30T10:00:00+02:00',
        rows: incomeRows(300, 0),
      },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toMatch(/windowStart/);
  });

  it('does not let a service token override governance', async () => {
    const res = await call(`${model}/policy-override`, {
      method: 'PUT',
      auth: mockCredentials.service.header(),
      body: { policy: { approvals: 1 }, reason: 'CI wants it faster' },
    });
    expect(res.status).toBe(403);
    const governance = await call(`${model}/governance`);
    expect(governance.body.policyOverride).toBeUndefined();
  });

  it('leaves exactly one open review when requests for a version race', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(`${model}/versions/1.0.0/reviews`, { body: {} }),
      ),
    );
    expect(results.map(r => r.status)).toEqual(Array(6).fill(201));
    const reviews = await call(`${model}/reviews?limit=20`);
    const open = reviews.body.items.filter(
      (r: any) => r.state === 'WAITING_FOR_APPROVAL',
    );
    expect(open).toHaveLength(1);
    expect(reviews.body.totalItems).toBe(6);
  });

  it('counts an old approval in the governance summary behind 55 newer versions', async () => {
    const erik = mockCredentials.user.header('user:default/erik');
    const review = await call(`${model}/versions/1.0.0/reviews`, { body: {} });
    const approved = await call(
      `${model}/reviews/${review.body.id}/decisions`,
      { auth: erik, body: { decision: 'APPROVED' } },
    );
    expect(approved.body.state).toBe('APPROVED');
    for (let i = 1; i <= 55; i++) {
      const published = await call(`${model}/versions`, {
        body: { version: `1.0.${i}`, artifactUri: `s3://models/pd/1.0.${i}` },
      });
      expect(published.status).toBe(201);
    }
    // A newer approved version that is deprecated does not count either.
    const newer = await call(`${model}/versions/1.0.1/reviews`, { body: {} });
    const newerApproved = await call(
      `${model}/reviews/${newer.body.id}/decisions`,
      { auth: erik, body: { decision: 'APPROVED' } },
    );
    expect(newerApproved.body.state).toBe('APPROVED');
    const deprecated = await call(`${model}/versions/1.0.1/deprecation`, {
      body: { reason: 'superseded' },
    });
    expect(deprecated.status).toBe(200);

    const { body } = await call(`${model}/governance`);
    expect(body.status).toBe('NOT_STARTED');
    expect(body.latestApprovedVersion).toBe('1.0.0');
    // The version list is the newest 50, and the latest approved version
    // after them, however old (issue #21: callers never read it as missing).
    expect(body.versions).toHaveLength(51);
    expect(body.versions[0].version).toBe('1.0.55');
    expect(body.versions[50]).toMatchObject({
      version: '1.0.0',
      state: 'APPROVED',
    });
  });

  it('reads status from every version and the newest drift window, in one batch', async () => {
    const erik = mockCredentials.user.header('user:default/erik');
    const review = await call(`${model}/versions/1.0.0/reviews`, { body: {} });
    const approved = await call(
      `${model}/reviews/${review.body.id}/decisions`,
      { auth: erik, body: { decision: 'APPROVED' } },
    );
    expect(approved.body.state).toBe('APPROVED');
    await call(`${model}/deployments/production`, {
      method: 'PUT',
      body: { version: '1.0.0' },
    });
    // 55 newer versions push 1.0.0 far down the version list.
    for (let i = 1; i <= 55; i++) {
      const published = await call(`${model}/versions`, {
        body: { version: `1.0.${i}`, artifactUri: `s3://models/pd/1.0.${i}` },
      });
      expect(published.status).toBe(201);
    }
    // The newest window first, then a late upload of an older one.
    for (const windowEnd of ['2026-11-30T12:00:00Z', '2026-11-29T12:00:00Z']) {
      const report = await call(`${model}/versions/1.0.0/drift-reports`, {
        body: {
          environment: 'production',
          windowStart: '2026-11-01T00:00:00Z',
          windowEnd,
          rows: incomeRows(300, 0),
        },
      });
      expect(report.status).toBe(201);
    }
    const { authorize, authorizeConditional } = started.permissions!;
    authorize.mockClear();
    authorizeConditional.mockClear();
    const { body } = await call('/status', {
      body: {
        entityRefs: ['model:default/credit-scoring-pd', 'model:default/nope'],
      },
    });
    // One permission request for the whole batch, not one per model (a
    // conditional one when the model index answers).
    expect(
      authorize.mock.calls.length + authorizeConditional.mock.calls.length,
    ).toBe(1);
    const [status, missing] = body.items;
    expect(missing.found).toBe(false);
    expect(status.latestApprovedVersion).toBe('1.0.0');
    expect(status.approvedVersions).toEqual(['1.0.0']);
    expect(status.deployments).toEqual([
      expect.objectContaining({
        environment: 'production',
        version: '1.0.0',
        governanceStatus: 'APPROVED',
        approved: true,
      }),
    ]);
    expect(status.drift).toEqual([
      expect.objectContaining({
        environment: 'production',
        windowEnd: '2026-11-30T12:00:00.000Z',
      }),
    ]);
  });
});

describe.each(ids)('when the permission framework fails, on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  afterEach(() => started.backend.stop());

  it('answers 503, not "not found"', async () => {
    const failing = mockServices.permissions.mock({
      async authorize() {
        throw new Error('connect ECONNREFUSED permission-backend');
      },
      async authorizeConditional() {
        throw new Error('connect ECONNREFUSED permission-backend');
      },
    });
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
      extraFeatures: [failing.factory],
    });
    const call = (path: string, body?: unknown) =>
      callJson(`${started.base}${path}`, { auth: dana, body });
    const status = await call('/status', {
      entityRefs: ['model:default/credit-scoring-pd'],
    });
    expect(status.status).toBe(503);
    expect(status.body.error.message).toMatch(/permission/);
    expect((await call(`${model}/versions`)).status).toBe(503);
    expect((await call('/models')).status).toBe(503);
  });
});
