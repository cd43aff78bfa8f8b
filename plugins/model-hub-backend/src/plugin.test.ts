import { mockCredentials } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { buildDatasetProfile } from '@model-hub/model-hub-drift';
import {
  dropTestDatabases,
  startModelHubTestBackend,
  TEST_DATABASES,
  writeCatalogFile,
} from './__testUtils__/testBackend';

/*
 * Walks a model through Model Hub on the real catalog, permission and
 * notifications backends: publish, review, approval, deployment, drift, and
 * the approval expiring. The only thing faked is the wall clock, moved
 * forward to let the approval expire.
 */

const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: credit-risk }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: dana }
spec: { memberOf: [credit-risk] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: mallory }
spec: { memberOf: [] }
---
apiVersion: model-hub.io/v1alpha1
kind: Model
metadata:
  name: credit-scoring-pd
  description: Probability of default of consumer loan applicants
spec:
  type: classification
  lifecycle: production
  owner: group:default/credit-risk
  intendedUse: { useCases: [Credit decision support] }
  fallbackModel: credit-baseline
  risk:
    assessments:
      unavailability: { likelihood: 2, impact: 3 }
      wrongPrediction: { likelihood: 3, impact: 4 }
      degradation: { likelihood: 3, impact: 3 }
      skillsLoss: { likelihood: 1, impact: 3 }
    rationale: Wrong predictions deny credit to good applicants
    regulatoryCategory: limited
    businessDomain: consumer-credit
---
apiVersion: model-hub.io/v1alpha1
kind: Model
metadata:
  name: credit-baseline
  description: Logistic scorecard used when the main model is unavailable
spec:
  type: classification
  lifecycle: production
  owner: group:default/credit-risk
  risk:
    assessments:
      unavailability: { likelihood: 1, impact: 2 }
      wrongPrediction: { likelihood: 1, impact: 3 }
      degradation: { likelihood: 1, impact: 2 }
      skillsLoss: { likelihood: 1, impact: 1 }
    rationale: Simple and well understood
    regulatoryCategory: limited
    businessDomain: consumer-credit
`;

const dana = mockCredentials.user.header('user:default/dana');
const alice = mockCredentials.user.header('user:default/alice');
const mallory = mockCredentials.user.header('user:default/mallory');

// Reference data: income ~ 40k..60k, region a/b; drifted window moves income up.
function rows(n: number, incomeShift: number) {
  return Array.from({ length: n }, (_, i) => ({
    income: 40000 + ((i * 7919) % 20000) + incomeShift,
    region: i % 3 === 0 ? 'north' : 'south',
  }));
}

describe.each(TEST_DATABASES)('Model Hub backend on $id', db => {
  const prefix = `mh_walk_${process.pid}_${Date.now()}_`;
  const { dir, file } = writeCatalogFile(catalogYaml);
  let started: Awaited<ReturnType<typeof startModelHubTestBackend>>;
  let base: string;

  async function call(
    method: string,
    route: string,
    auth: string | undefined,
    body?: unknown,
  ) {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: {
        ...(auth ? { Authorization: auth } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    started = await startModelHubTestBackend({
      db,
      prefix,
      catalogFile: file,
      deniedReviewers: ['user:default/mallory'],
    });
    base = `http://localhost:${started.port}/api`;
    // Wait for the catalog to ingest the models and the team.
    let last = '';
    for (let i = 0; i < 150; i++) {
      const res = await call(
        'GET',
        '/catalog/entities/by-name/model/default/credit-scoring-pd',
        dana,
      );
      const group = await call(
        'GET',
        '/catalog/entities/by-name/group/default/credit-risk',
        dana,
      );
      last = JSON.stringify({
        model: res,
        group: group.body?.relations ?? group,
      });
      if (
        res.status === 200 &&
        group.status === 200 &&
        group.body.relations?.some((r: any) => r.type === 'hasMember')
      ) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error(`catalog did not ingest the test entities: ${last}`);
  }, 60_000);

  afterAll(async () => {
    jest.useRealTimers();
    await started?.backend.stop();
    await dropTestDatabases(db, prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const model = '/model-hub/models/default/credit-scoring-pd';
  const version = {
    version: '1.0.0',
    artifactUri: 's3://models/credit-scoring-pd/1.0.0/model.pkl',
    format: 'mlflow-pyfunc',
    datasets: ['resource:default/loan-applications'],
    metrics: [
      { name: 'auc', value: 0.81 },
      { name: 'auc', value: 0.74, slice: 'age < 25' },
    ],
    referenceProfile: { rows: rows(300, 0) },
  };

  it('walks a model from publish to approved to drift to review overdue', async () => {
    // Unauthenticated callers are refused.
    expect((await call('GET', `${model}/versions`, undefined)).status).toBe(
      401,
    );

    // A malformed payload is refused with the field named, and stores nothing.
    const malformed = await call('POST', `${model}/versions`, dana, {
      ...version,
      metrics: [{ name: 'auc', value: 'high' }],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/metrics\/0\/value/);
    expect((await call('GET', `${model}/versions`, dana)).body.totalItems).toBe(
      0,
    );

    // Publish; the same content again is idempotent; different content conflicts.
    const published = await call('POST', `${model}/versions`, dana, version);
    expect(published.status).toBe(201);
    expect(published.body.publishedBy).toBe('user:default/dana');
    expect(
      (await call('POST', `${model}/versions`, dana, version)).status,
    ).toBe(200);
    const conflicting = await call('POST', `${model}/versions`, dana, {
      ...version,
      artifactUri: 's3://models/other.pkl',
    });
    expect(conflicting.status).toBe(409);

    // High risk: the checklist asks for attached evidence before approval.
    const before = await call('GET', `${model}/governance`, dana);
    expect(before.body.riskLevel).toBe('High');
    expect(before.body.status).toBe('NOT_STARTED');
    const missing = before.body.versions[0].evidence.items
      .filter((i: any) => !i.complete)
      .map((i: any) => i.kind);
    expect(missing).toEqual(['independentValidation', 'fairnessEvaluation']);

    // Request review without the missing evidence: approval is refused.
    const incomplete = await call(
      'POST',
      `${model}/versions/1.0.0/reviews`,
      dana,
      {},
    );
    expect(incomplete.status).toBe(201);
    const refused = await call(
      'POST',
      `${model}/reviews/${incomplete.body.id}/decisions`,
      alice,
      { decision: 'APPROVED' },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /independentValidation, fairnessEvaluation/,
    );

    // Evidence of a kind the policy does not know is refused, naming it.
    const unknownEvidence = await call(
      'POST',
      `${model}/versions/1.0.0/reviews`,
      dana,
      { evidence: { vibes: 'https://example.com' } },
    );
    expect(unknownEvidence.status).toBe(400);
    expect(unknownEvidence.body.error.message).toMatch(/evidence/);

    // A new request with the evidence supersedes the first.
    const review = await call('POST', `${model}/versions/1.0.0/reviews`, dana, {
      evidence: {
        independentValidation: 'https://wiki.example.com/mrm/credit-pd-1.0.0',
        fairnessEvaluation: 'https://wiki.example.com/fairness/credit-pd',
      },
      comment: 'Ready for validation',
    });
    expect(review.status).toBe(201);
    expect(review.body.state).toBe('WAITING_FOR_APPROVAL');
    const decisions = `${model}/reviews/${review.body.id}/decisions`;

    // Four eyes: the publisher cannot approve.
    const self = await call('POST', decisions, dana, { decision: 'APPROVED' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/cannot review/);
    // Missing permission.
    expect(
      (await call('POST', decisions, mallory, { decision: 'APPROVED' })).status,
    ).toBe(403);
    // Wrong decision value names the field.
    const bad = await call('POST', decisions, alice, { decision: 'LGTM' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/decision/);

    const approved = await call('POST', decisions, alice, {
      decision: 'APPROVED',
      comment: 'Validated',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('APPROVED');
    const expiresAt = new Date(approved.body.expiresAt);
    const monthsAhead =
      (expiresAt.getUTCFullYear() - new Date().getUTCFullYear()) * 12 +
      expiresAt.getUTCMonth() -
      new Date().getUTCMonth();
    expect(monthsAhead).toBe(6);

    // Aliases and deployments.
    expect(
      (
        await call('PUT', `${model}/aliases/champion`, dana, {
          version: '1.0.0',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('PUT', `${model}/deployments/production`, dana, {
          version: '1.0.0',
        })
      ).status,
    ).toBe(200);

    // Drift: a window like the reference is ok, a shifted one drifts.
    const calm = await call(
      'POST',
      `${model}/versions/1.0.0/drift-reports`,
      dana,
      {
        environment: 'production',
        rows: rows(300, 0),
      },
    );
    expect(calm.status).toBe(201);
    expect(calm.body.status).toBe('ok');
    const drifted = await call(
      'POST',
      `${model}/versions/1.0.0/drift-reports`,
      dana,
      { environment: 'production', rows: rows(300, 15000) },
    );
    expect(drifted.status).toBe(201);
    // One of two columns drifted: a share of 0.5 is dataset drift.
    expect(drifted.body.status).toBe('drift');
    expect(drifted.body.driftedShare).toBe(0.5);
    const income = drifted.body.report.columns.find(
      (c: any) => c.column === 'income',
    );
    expect(income).toMatchObject({ method: 'ks', drifted: true });

    // A service may send a profile of its window instead of rows.
    const profiled = await call(
      'POST',
      `${model}/versions/1.0.0/drift-reports`,
      dana,
      {
        environment: 'production',
        profile: buildDatasetProfile(rows(2000, 15000), {
          columnTypes: { income: 'numerical', region: 'categorical' },
        }),
      },
    );
    expect(profiled.status).toBe(201);
    expect(profiled.body.status).toBe('drift');
    const malformedProfile = await call(
      'POST',
      `${model}/versions/1.0.0/drift-reports`,
      dana,
      { environment: 'production', profile: { version: 99, columns: {} } },
    );
    expect(malformedProfile.status).toBe(400);
    expect(malformedProfile.body.error.message).toMatch(/profile version 99/);

    // Reports over time: paginated, filtered by environment and time range.
    const reports = await call(
      'GET',
      `${model}/drift-reports?environment=production&limit=2`,
      dana,
    );
    expect(reports.body.totalItems).toBe(3);
    expect(reports.body.items).toHaveLength(2);
    const before2020 = await call(
      'GET',
      `${model}/drift-reports?to=${encodeURIComponent('2020-01-01T00:00:00Z')}`,
      dana,
    );
    expect(before2020.body).toMatchObject({ totalItems: 0 });
    const badRange = await call(
      'GET',
      `${model}/drift-reports?from=yesterday`,
      dana,
    );
    expect(badRange.status).toBe(400);
    expect(badRange.body.error.message).toMatch(/from/);

    // The drift opened an incident that no approved redeployment has closed.
    const operations = await call('GET', `${model}/operations-metrics`, dana);
    expect(operations.body.deployments.total).toBe(1);
    expect(operations.body.mttr).toMatchObject({
      openCount: 1,
      restoredCount: 0,
    });

    const status = await call('POST', '/model-hub/status', alice, {
      entityRefs: ['model:default/credit-scoring-pd', 'model:default/nope'],
    });
    expect(status.status).toBe(200);
    expect(status.body.items[0]).toMatchObject({
      riskLevel: 'High',
      governanceStatus: 'APPROVED',
      latestApprovedVersion: '1.0.0',
      driftStatus: 'drift',
      deployments: [
        { environment: 'production', version: '1.0.0', approved: true },
      ],
    });
    expect(status.body.items[1]).toEqual({
      entityRef: 'model:default/nope',
      found: false,
    });

    // Seven months later the approval has expired: the job marks it overdue
    // and tells the owners; drift monitoring has gone stale too.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
      now: new Date(Date.now() + 214 * 86_400_000),
    });
    await started.scheduler.triggerTask('model-hub-governance-checks');
    const after = await call('GET', `${model}/governance`, dana);
    expect(after.body.status).toBe('REVIEW_OVERDUE');
    const later = await call('POST', '/model-hub/status', alice, {
      entityRefs: ['model:default/credit-scoring-pd'],
    });
    expect(later.body.items[0].driftStatus).toBe('stale');
    jest.useRealTimers();

    const audit = await call('GET', `${model}/audit-events?limit=50`, dana);
    expect(audit.body.items.map((e: any) => e.action).reverse()).toEqual([
      'version.published',
      'review.requested',
      'review.requested',
      'review.decided',
      'alias.moved',
      'deployment.recorded',
      'drift.reported',
      'drift.reported',
      'drift.reported',
      'review.overdue',
      'drift.stale',
    ]);
    const paged = await call(
      'GET',
      `${model}/audit-events?limit=3&offset=3`,
      dana,
    );
    expect(paged.body.items).toHaveLength(3);
    expect(paged.body.totalItems).toBe(11);

    // The owning team was notified of the decision and the overdue review.
    const notifications = await call(
      'GET',
      '/notifications/notifications',
      dana,
    );
    const titles = notifications.body.notifications.map(
      (n: any) => n.payload.title,
    );
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/review approved/),
        expect.stringMatching(/Drift detected/),
        expect.stringMatching(/Review overdue/),
      ]),
    );
  }, 120_000);

  it('deprecates a version so that nothing new points at it', async () => {
    const old = { ...version, version: '0.9.0', referenceProfile: undefined };
    expect((await call('POST', `${model}/versions`, dana, old)).status).toBe(
      201,
    );
    const deprecated = await call(
      'POST',
      `${model}/versions/0.9.0/deprecation`,
      dana,
      { reason: 'Trained on data with a leaked label' },
    );
    expect(deprecated.status).toBe(200);
    expect(deprecated.body.deprecation).toMatchObject({
      by: 'user:default/dana',
      reason: 'Trained on data with a leaked label',
    });
    const alias = await call('PUT', `${model}/aliases/challenger`, dana, {
      version: '0.9.0',
    });
    expect(alias.status).toBe(409);
    expect(alias.body.error.message).toMatch(/deprecated/);
    // Versions list, newest first, paginated.
    const page = await call('GET', `${model}/versions?limit=1&offset=1`, dana);
    expect(page.body.totalItems).toBe(2);
    expect(page.body.items.map((v: any) => v.version)).toEqual(['1.0.0']);
  });
});
