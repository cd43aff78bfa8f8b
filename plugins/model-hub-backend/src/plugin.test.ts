import { mockCredentials } from '@backstage/backend-test-utils';
import { modelHubReviewDecidePermission } from '@model-hub/backstage-plugin-model-hub-common';
import { buildDatasetProfile } from '@model-hub/model-hub-drift';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  restoreWallClock,
  setWallClock,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Walks a model through Model Hub: publish, review with four eyes, approval,
 * deployment, drift, notifications, the approval expiring through the
 * scheduled job, and the audit trail. Model Hub runs alone on a real database
 * (SQLite and PostgreSQL); the catalog is `catalogServiceMock` with the
 * entities below, notifications are captured as Model Hub sends them, and the
 * wall clock is moved forward to let the approval expire.
 */

const { databases, ids } = modelHubTestDatabases();

const modelRef = 'model:default/credit-scoring-pd';
const entities = [
  modelEntity('credit-scoring-pd', {
    // likelihood 3 x impact 4 = 12: High
    wrongPrediction: { likelihood: 3, impact: 4 },
    fallbackModel: 'credit-baseline',
  }),
  modelEntity('credit-baseline'),
];

const dana = mockCredentials.user.header('user:default/dana');
const alice = mockCredentials.user.header('user:default/alice');
const mallory = mockCredentials.user.header('user:default/mallory');

/*
 * Model Hub addresses every notification to the model entity; the
 * notifications backend resolves that to the model's owners (here the
 * credit-risk team, and so its member dana). That resolution belongs to the
 * catalog and notifications backends, which this test does not run: it
 * asserts the recipient Model Hub chooses instead.
 */
const owners = { type: 'entity', entityRef: modelRef };

describe.each(ids)('Model Hub backend on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  let base: string;
  let model: string;

  const call = (
    method: string,
    url: string,
    auth: string | undefined,
    body?: unknown,
  ) => callJson(url, { method, auth, body });

  beforeAll(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities,
      deniedReviewers: ['user:default/mallory'],
      // Requests without a token are anonymous, as in production (the mock
      // would otherwise treat them as a default user).
      defaultCredentials: mockCredentials.none(),
      // The scheduled job runs when the test triggers it.
      skipTaskRunOnStartup: true,
    });
    base = started.base;
    model = `${base}/models/default/credit-scoring-pd`;
  }, 60_000);

  afterAll(async () => {
    restoreWallClock();
    await started?.backend.stop();
  });

  const version = {
    version: '1.0.0',
    artifactUri: 's3://models/credit-scoring-pd/1.0.0/model.pkl',
    format: 'mlflow-pyfunc',
    datasets: ['resource:default/loan-applications'],
    metrics: [
      { name: 'auc', value: 0.81 },
      { name: 'auc', value: 0.74, slice: 'age < 25' },
    ],
    referenceProfile: { rows: incomeRows(300, 0) },
  };

  it('walks a model from publish to approved to drift to review overdue', async () => {
    // Unauthenticated callers are refused.
    const anonymous = await call('GET', `${model}/versions`, undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.name).toBe('AuthenticationError');

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
    // Missing permission: Model Hub asks for model-hub.review.decide on this
    // model, and the permissions service denies it to mallory.
    const denied = await call('POST', decisions, mallory, {
      decision: 'APPROVED',
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      `Not allowed: model-hub.review.decide on ${modelRef}`,
    );
    expect(started.permissions!.authorize).toHaveBeenCalledWith(
      [{ permission: modelHubReviewDecidePermission, resourceRef: modelRef }],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({
            userEntityRef: 'user:default/mallory',
          }),
        }),
      },
    );
    // Wrong decision value names the field.
    const bad = await call('POST', decisions, alice, { decision: 'LGTM' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/decision/);
    // None of the refused decisions told anyone anything.
    expect(started.sent).toEqual([]);

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
    // The owners hear of the decision.
    expect(started.sent).toEqual([
      {
        recipients: owners,
        payload: {
          title: 'credit-scoring-pd 1.0.0: review approved',
          description: 'Validated',
          severity: 'normal',
          topic: 'model-hub.review',
          scope: `model-hub.review:${modelRef}`,
        },
      },
    ]);

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
      { environment: 'production', rows: incomeRows(300, 0) },
    );
    expect(calm.status).toBe(201);
    expect(calm.body.status).toBe('ok');
    // No drift, no notification.
    expect(started.sent).toHaveLength(1);
    const drifted = await call(
      'POST',
      `${model}/versions/1.0.0/drift-reports`,
      dana,
      { environment: 'production', rows: incomeRows(300, 15000) },
    );
    expect(drifted.status).toBe(201);
    // One of two columns drifted: a share of 0.5 is dataset drift.
    expect(drifted.body.status).toBe('drift');
    expect(drifted.body.driftedShare).toBe(0.5);
    const income = drifted.body.report.columns.find(
      (c: any) => c.column === 'income',
    );
    expect(income).toMatchObject({ method: 'ks', drifted: true });
    expect(started.sent).toHaveLength(2);
    expect(started.sent[1]).toEqual({
      recipients: owners,
      payload: expect.objectContaining({
        title: 'Drift detected: credit-scoring-pd 1.0.0 in production',
        description: '1 of 2 columns drifted (income).',
        severity: 'high',
        topic: 'model-hub.drift',
      }),
    });

    // A service may send a profile of its window instead of rows.
    const profiled = await call(
      'POST',
      `${model}/versions/1.0.0/drift-reports`,
      dana,
      {
        environment: 'production',
        profile: buildDatasetProfile(incomeRows(2000, 15000), {
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
      {
        environment: 'production',
        profile: { version: 99, columns: { income: { type: 'numerical' } } },
      },
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

    const status = await call('POST', `${base}/status`, alice, {
      entityRefs: [modelRef, 'model:default/nope'],
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
    setWallClock(new Date(Date.now() + 214 * 86_400_000));
    try {
      await started.runScheduledTask('model-hub-governance-checks');
      const after = await call('GET', `${model}/governance`, dana);
      expect(after.body.status).toBe('REVIEW_OVERDUE');
      const later = await call('POST', `${base}/status`, alice, {
        entityRefs: [modelRef],
      });
      expect(later.body.items[0].driftStatus).toBe('stale');
    } finally {
      restoreWallClock();
    }

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

    // The owners were notified of the decision, both drifts, the overdue
    // review and the stale monitoring, in that order, all addressed to the
    // model entity.
    expect(started.sent.map(n => n.recipients)).toEqual(Array(5).fill(owners));
    expect(started.sent.map(n => [n.payload.topic, n.payload.title])).toEqual([
      ['model-hub.review', 'credit-scoring-pd 1.0.0: review approved'],
      [
        'model-hub.drift',
        'Drift detected: credit-scoring-pd 1.0.0 in production',
      ],
      [
        'model-hub.drift',
        'Drift detected: credit-scoring-pd 1.0.0 in production',
      ],
      ['model-hub.review-overdue', `Review overdue: ${modelRef} 1.0.0`],
      [
        'model-hub.drift-stale',
        `Drift monitoring stale: ${modelRef} in production`,
      ],
    ]);
    expect(started.sent[3].payload).toMatchObject({
      severity: 'high',
      scope: `model-hub.review-overdue:${modelRef}`,
      description: expect.stringMatching(
        /^The approval of version 1\.0\.0 expired on .*; request a new review\.$/,
      ),
    });
  }, 120_000);

  // Runs after the walk above, on the same backend: 1.0.0 is published.
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
    // Lists leave the drift reference out (one can be 20 MB) and say that
    // there is one; the version itself carries it.
    expect(page.body.items[0].referenceProfile).toBeUndefined();
    expect(page.body.items[0].hasReferenceProfile).toBe(true);
    const one = await call('GET', `${model}/versions/1.0.0`, dana);
    expect(one.body.referenceProfile).toEqual(version.referenceProfile);
  });
});
