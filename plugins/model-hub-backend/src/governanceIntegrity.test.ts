import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { modelEntity, userEntity } from './__testUtils__/entities';
import { DatabaseReviewStore } from './database/DatabaseReviewStore';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Governance integrity (issue #21): nobody bends a decided record. Each
 * attempt below is made through the HTTP API by the identity that would
 * make it (the owning team, a CI token, an unrelated user, an admin), with
 * a permission policy that allows everything, so what refuses it is Model
 * Hub's own rule.
 */
jest.setTimeout(60_000);

const { databases, ids } = modelHubTestDatabases();
const ci = mockCredentials.service.header();
const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const model = '/models/default/churn';
const modelRef = 'model:default/churn';

describe.each(ids)('governance integrity on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  // likelihood 1 x impact 3 = 3: a Low model, owned by credit-risk.
  let entity: ReturnType<typeof modelEntity>;
  const call = (path: string, options: Parameters<typeof callJson>[1] = {}) =>
    callJson(`${started.base}${path}`, { auth: user('anna'), ...options });

  /** What reached Backstage's auditor service: each write attempt. */
  let audited: Array<{
    eventId: string;
    meta: any;
    outcome?: 'succeeded' | 'failed';
    error?: Error;
  }>;

  beforeEach(async () => {
    entity = modelEntity('churn', { owner: 'group:default/credit-risk' });
    audited = [];
    const auditor = mockServices.auditor.mock({
      async createEvent(options) {
        const event: (typeof audited)[number] = {
          eventId: options.eventId,
          meta: options.meta,
        };
        audited.push(event);
        return {
          async success() {
            event.outcome = 'succeeded';
          },
          async fail({ error }) {
            event.outcome = 'failed';
            event.error = error;
          },
        };
      },
    });
    started = await startModelHubMockBackend({
      extraFeatures: [auditor.factory],
      databases,
      databaseId,
      entities: [
        entity,
        userEntity('anna', ['group:default/credit-risk'], {
          'github.com/user-login': 'anna-k',
        }),
        userEntity('bob'),
      ],
      config: {
        modelHub: {
          governance: {
            admins: ['group:default/governance'],
            // The CI token may act for the credit-risk team only.
            serviceActors: [
              {
                subject: 'external:test-service',
                actsFor: ['group:default/credit-risk'],
              },
            ],
          },
          environments: { productionAliases: ['champion'] },
        },
      },
      memberships: {
        'user:default/anna': ['group:default/credit-risk'],
        'user:default/otto': [
          'group:default/credit-risk',
          'group:default/governance',
        ],
        'user:default/ingrid': ['group:default/governance'],
        'user:default/paul': ['group:default/governance'],
      },
    });
  });
  afterEach(() => started.backend.stop());

  const publish = (version: string, auth = user('anna')) =>
    call(`${model}/versions`, {
      auth,
      body: { version, artifactUri: `s3://models/churn/${version}` },
    });
  const requestReview = (
    version: string,
    auth = user('anna'),
    evidence: Record<string, string> = {},
  ) =>
    call(`${model}/versions/${version}/reviews`, { auth, body: { evidence } });
  const decide = (id: string, name: string, decision = 'APPROVED') =>
    call(`${model}/reviews/${id}/decisions`, {
      auth: user(name),
      body: { decision },
    });
  const approved = async (version: string) => {
    expect((await publish(version)).status).toBe(201);
    const review = await requestReview(version);
    expect(review.status).toBe(201);
    expect((await decide(review.body.id, 'bob')).status).toBe(200);
    return review.body;
  };
  const versionState = async (version: string) =>
    (await call(`${model}/governance`)).body.versions.find(
      (v: any) => v.version === version,
    ).state;
  const status = async () =>
    (await call('/status', { body: { entityRefs: [modelRef] } })).body.items[0];
  const override = (auth: string, policy: Record<string, unknown>) =>
    call(`${model}/policy-override`, {
      method: 'PUT',
      auth,
      body: { policy, reason: 'test' },
    });

  it('lets only an independent governance admin override a policy, never below the floor', async () => {
    const lowered = {
      evidence: [],
      approvals: 1,
      reviewCadenceMonths: 120,
    };
    const refusals: Array<[string, string, number, RegExp]> = [
      ['the owning team', user('anna'), 403, /not a governance admin/],
      ['an admin in the owning team', user('otto'), 403, /owns the model/],
      ['an unrelated user', user('zoe'), 403, /not a governance admin/],
      // A service token is not a person.
      ['a CI token', ci, 403, /.*/],
    ];
    for (const [who, auth, expected, reason] of refusals) {
      const refused = await override(auth, lowered);
      expect({ who, status: refused.status }).toEqual({
        who,
        status: expected,
      });
      expect(refused.body.error.message).toMatch(reason);
    }
    // An independent admin still cannot go below the level's floor.
    const belowFloor: Array<[Record<string, unknown>, RegExp]> = [
      [
        { evidence: [] },
        /^policy\.evidence: Low models must keep modelCard, owner/,
      ],
      [{ reviewCadenceMonths: 120 }, /^policy\.reviewCadenceMonths: 120/],
      [{ approvals: 0 }, /approvals/],
    ];
    for (const [policy, reason] of belowFloor) {
      const refused = await override(user('ingrid'), policy);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(reason);
    }
    expect((await call(`${model}/governance`)).body.policyOverride).toBe(
      undefined,
    );

    // An admin who published a version of the model is not independent.
    expect((await publish('1.0.0', user('paul'))).status).toBe(201);
    const byPublisher = await override(user('paul'), { approvals: 2 });
    expect(byPublisher.status).toBe(403);
    expect(byPublisher.body.error.message).toMatch(/published a version/);

    const stricter = await override(user('ingrid'), { approvals: 2 });
    expect(stricter.status).toBe(200);
    const governance = (await call(`${model}/governance`)).body;
    expect(governance.policy.approvals).toBe(2);
    expect(governance.policyOverride).toMatchObject({
      updatedBy: 'user:default/ingrid',
      reason: 'test',
    });
  });

  it('stops counting an approval once the risk level or the policy is stricter than it was given under', async () => {
    await approved('1.0.0');
    expect(await versionState('1.0.0')).toBe('APPROVED');
    expect((await status()).latestApprovedVersion).toBe('1.0.0');

    // The owners raise the risk to High (4 x 4) after a Low approval.
    (entity.spec as any).risk.assessments.wrongPrediction = {
      likelihood: 4,
      impact: 4,
    };
    await started.runScheduledTask('model-hub-model-index');
    expect(await versionState('1.0.0')).toBe('REAPPROVAL_REQUIRED');
    // The owners are told, once, however often the status is computed.
    await started.runScheduledTask('model-hub-model-index');
    const told = started.sent.filter(
      n => n.payload.topic === 'model-hub.review-outdated',
    );
    expect(told).toHaveLength(1);
    expect(told[0].payload.title).toBe(
      'Reapproval required: model:default/churn 1.0.0',
    );
    expect(
      (await call(`${model}/audit-events`)).body.items.map(
        (e: any) => e.action,
      ),
    ).toContain('review.outdated');
    expect(await status()).toMatchObject({
      riskLevel: 'High',
      governanceStatus: 'REAPPROVAL_REQUIRED',
      approvedVersions: [],
    });
    expect((await status()).latestApprovedVersion).toBeUndefined();
    const deployed = await call(`${model}/deployments/production`, {
      method: 'PUT',
      body: { version: '1.0.0' },
    });
    expect(deployed.status).toBe(409);
    expect(deployed.body.error.message).toMatch(/REAPPROVAL_REQUIRED/);
    // A list filter on APPROVED no longer finds it.
    const list = await call('/models?governanceStatus=APPROVED');
    expect(list.body.items.map((i: any) => i.entityRef)).toEqual([]);

    // Back to the terms it was approved under: the approval holds again.
    (entity.spec as any).risk.assessments.wrongPrediction = {
      likelihood: 1,
      impact: 3,
    };
    await started.runScheduledTask('model-hub-model-index');
    expect((await status()).latestApprovedVersion).toBe('1.0.0');

    // A stricter override shows at once, without waiting for a refresh.
    const stricter = await override(user('ingrid'), { approvals: 2 });
    expect(stricter.body).toMatchObject({ updatedBy: 'user:default/ingrid' });
    expect((await status()).governanceStatus).toBe('REAPPROVAL_REQUIRED');
  });

  it('keeps an approval counting while a renewal is open, until the renewal is decided', async () => {
    await approved('1.0.0');
    // A CI token asks for a new review of the approved version.
    const renewal = await requestReview('1.0.0', ci);
    expect(renewal.status).toBe(201);
    expect(await versionState('1.0.0')).toBe('APPROVED');
    expect((await status()).latestApprovedVersion).toBe('1.0.0');
    const deployed = await call(`${model}/deployments/production`, {
      method: 'PUT',
      body: { version: '1.0.0' },
    });
    expect(deployed.status).toBe(200);
    // A second request supersedes the first renewal: still approved.
    const again = await requestReview('1.0.0', ci);
    expect(await versionState('1.0.0')).toBe('APPROVED');

    expect((await decide(again.body.id, 'bob', 'REJECTED')).status).toBe(200);
    expect(await versionState('1.0.0')).toBe('REJECTED');
    expect((await status()).latestApprovedVersion).toBeUndefined();
  });

  it('records evidence per review and freezes it at decision', async () => {
    expect((await publish('1.0.0')).status).toBe(201);
    const first = await requestReview('1.0.0', user('anna'), {
      independentValidation: 'https://wiki.example.com/validation-v1',
    });
    expect((await decide(first.body.id, 'bob')).status).toBe(200);
    // A later request with other links does not rewrite what the decision
    // was given.
    await requestReview('1.0.0', ci, {
      independentValidation: 'https://attacker.example.com/other',
    });
    const reviews = (await call(`${model}/reviews`)).body.items;
    const decided = reviews.find((r: any) => r.id === first.body.id);
    expect(decided.attachedEvidence).toEqual({
      independentValidation: 'https://wiki.example.com/validation-v1',
    });
    expect(decided.evidenceAtDecision).toEqual([
      expect.objectContaining({ kind: 'modelCard', complete: true }),
      expect.objectContaining({
        kind: 'owner',
        complete: true,
        reference: 'group:default/credit-risk',
      }),
    ]);
    const version = (await call(`${model}/versions/1.0.0`)).body;
    expect(version.evidence).toEqual({});
  });

  it('records a deprecation once', async () => {
    expect((await publish('1.0.0')).status).toBe(201);
    const deprecate = (auth: string, reason: string) =>
      call(`${model}/versions/1.0.0/deprecation`, { auth, body: { reason } });
    expect((await deprecate(user('anna'), 'leaks')).status).toBe(200);
    const again = await deprecate(ci, 'rewritten');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /already deprecated by user:default\/anna/,
    );
    const version = (await call(`${model}/versions/1.0.0`)).body;
    expect(version.deprecation).toMatchObject({
      by: 'user:default/anna',
      reason: 'leaks',
    });
  });

  it('moves production deployments and production aliases only to approved versions', async () => {
    await approved('1.0.0');
    expect((await publish('2.0.0')).status).toBe(201);
    const point = (path: string, version: string, auth = ci) =>
      call(`${model}/${path}`, { method: 'PUT', auth, body: { version } });

    for (const path of [
      'deployments/production',
      'deployments/prod',
      'aliases/champion',
    ]) {
      const refused = await point(path, '2.0.0');
      expect({ path, status: refused.status }).toEqual({ path, status: 409 });
      expect(refused.body.error.message).toMatch(
        /2\.0\.0 of model:default\/churn is NOT_STARTED.*counts as production/,
      );
      expect((await point(path, '1.0.0')).status).toBe(200);
    }
    // Elsewhere an unapproved version may go, as before.
    expect((await point('deployments/staging', '2.0.0')).status).toBe(200);
    expect((await point('aliases/challenger', '2.0.0')).status).toBe(200);
    const overview = (await call(model)).body;
    expect(
      overview.deployments.find((d: any) => d.environment === 'production')
        .version,
    ).toBe('1.0.0');
    expect(
      overview.aliases.find((a: any) => a.alias === 'champion').version,
    ).toBe('1.0.0');
  });

  it('lets a CI token name only a catalog user it may act for, and counts the owning team as publisher when it names nobody', async () => {
    const publishFor = (version: string, extra: Record<string, unknown>) =>
      call(`${model}/versions`, {
        auth: ci,
        body: {
          version,
          artifactUri: `s3://models/churn/${version}`,
          ...extra,
        },
      });
    const refused: Array<[Record<string, unknown>, number, RegExp]> = [
      // Naming a reviewer to keep them from deciding.
      [
        { onBehalfOf: 'user:default/bob' },
        403,
        /may not act for user:default\/bob/,
      ],
      [
        { onBehalfOf: 'user:default/ghost' },
        400,
        /^onBehalfOf: user:default\/ghost is not a User in the catalog/,
      ],
      // 250 characters that normalise past the 255 the record holds.
      [{ onBehalfOf: 'a'.repeat(250) }, 400, /^onBehalfOf: .* longer than 255/],
      [
        { onBehalfOfGithubLogin: 'nobody' },
        400,
        /^onBehalfOfGithubLogin: no User/,
      ],
    ];
    for (const [extra, statusCode, reason] of refused) {
      const res = await publishFor('0.1.0', extra);
      expect({ extra, status: res.status }).toEqual({
        extra,
        status: statusCode,
      });
      expect(res.body.error.message).toMatch(reason);
    }
    expect((await call(`${model}/versions`)).body.totalItems).toBe(0);

    // By GitHub login, mapped through the user's annotation.
    const byLogin = await publishFor('0.2.0', {
      onBehalfOfGithubLogin: 'anna-k',
    });
    expect(byLogin.status).toBe(201);
    expect(byLogin.body.publishedOnBehalfOf).toBe('user:default/anna');

    // Named by nobody: every member of the owning team counts as publisher.
    expect((await publishFor('1.0.0', {})).status).toBe(201);
    const review = await requestReview('1.0.0', user('bob'));
    expect(review.status).toBe(201);
    const byTeam = await decide(review.body.id, 'otto');
    expect(byTeam.status).toBe(403);
    expect(byTeam.body.error.message).toMatch(
      /every member of the owning team counts as its publisher/,
    );
    expect((await decide(review.body.id, 'zoe')).status).toBe(200);
  });

  it('lets the publish action name the person, with the same checks', async () => {
    const invoke = (input: Record<string, unknown>) =>
      callJson(
        `${started.base}/.backstage/actions/v1/actions/model-hub:publish-model-version/invoke`,
        {
          auth: ci,
          body: { model: modelRef, artifactUri: 's3://x', ...input },
        },
      );
    const refused = await invoke({
      version: '1.0.0',
      onBehalfOf: 'user:default/bob',
    });
    expect(refused.status).toBe(403);
    const published = await invoke({
      version: '1.0.0',
      onBehalfOf: 'user:default/anna',
    });
    expect(published.status).toBe(200);
    const version = (await call(`${model}/versions/1.0.0`)).body;
    expect(version.publishedOnBehalfOf).toBe('user:default/anna');
  });

  it('shows a reviewer the reviews they may decide, however many reviews of models they cannot see come first', async () => {
    // 501 open requests on a model this reviewer cannot see (not in their
    // catalog), older than the real one.
    const reviews = new DatabaseReviewStore(started.knex);
    for (let i = 0; i < 501; i++) {
      await reviews.create({
        modelRef: 'model:default/hidden',
        version: `0.0.${i}`,
        riskLevel: 'Low',
        requiredApprovals: 1,
        reviewCadenceMonths: 24,
        requiredEvidence: [],
        attachedEvidence: {},
        requestedBy: 'service:external:junk',
        requestedAt: new Date().toISOString(),
      });
    }
    expect((await publish('1.0.0')).status).toBe(201);
    const real = await requestReview('1.0.0');
    const inbox = await call('/reviews', { auth: user('zoe') });
    expect(inbox.status).toBe(200);
    expect(inbox.body.waiting.map((w: any) => w.review.id)).toEqual([
      real.body.id,
    ]);
  });

  it('tells the state of an approved or asked-for version older than the newest 50', async () => {
    await approved('1.0.0');
    for (let i = 0; i <= 50; i++) {
      expect((await publish(`2.0.${i}`)).status).toBe(201);
    }
    const summary = (await call(`${model}/governance`)).body;
    expect(summary.latestApprovedVersion).toBe('1.0.0');
    expect(
      summary.versions.find((v: any) => v.version === '1.0.0'),
    ).toMatchObject({ state: 'APPROVED' });
    expect(summary.versions.some((v: any) => v.version === '2.0.0')).toBe(
      false,
    );
    const asked = (await call(`${model}/governance?version=2.0.0`)).body;
    expect(
      asked.versions.find((v: any) => v.version === '2.0.0'),
    ).toMatchObject({ state: 'NOT_STARTED' });
  });

  it('records refused attempts through the auditor service: who tried what on which model', async () => {
    await override(user('zoe'), { approvals: 2 });
    await call(`${model}/versions`, {
      auth: ci,
      body: {
        version: '1.0.0',
        artifactUri: 's3://x',
        onBehalfOf: 'user:default/bob',
      },
    });
    expect((await publish('1.0.0')).status).toBe(201);
    await waitFor(() => audited.length === 3 && audited.every(e => e.outcome));
    expect(audited).toEqual([
      expect.objectContaining({
        eventId: 'policy-override',
        meta: expect.objectContaining({ modelRef, status: 403 }),
        outcome: 'failed',
        error: expect.objectContaining({
          message: expect.stringMatching(/not a governance admin/),
        }),
      }),
      expect.objectContaining({
        eventId: 'version-publish',
        meta: expect.objectContaining({ modelRef, status: 403 }),
        outcome: 'failed',
      }),
      expect.objectContaining({
        eventId: 'version-publish',
        meta: expect.objectContaining({ modelRef, status: 201 }),
        outcome: 'succeeded',
      }),
    ]);
  });
});

/** Polls until `condition` holds (auditor events are recorded as responses finish). */
async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 50 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
