import { mockCredentials } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity, userEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Separation of duties (issue #12, "four eyes can be bypassed"): a version
 * published through CI names the person it acted for, and neither that
 * person, the review's requester, the owning team (High and Severe) nor
 * anyone outside the level's reviewer groups decides the review.
 */
jest.setTimeout(60_000);

const { databases, ids } = modelHubTestDatabases();
const ci = mockCredentials.service.header();
const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const model = '/models/default/credit-scoring-pd';

describe.each(ids)('separation of duties on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  const call = (path: string, options: Parameters<typeof callJson>[1] = {}) =>
    callJson(`${started.base}${path}`, { auth: user('dana'), ...options });

  beforeEach(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      // likelihood 3 x impact 4 = 12: a High model, owned by credit-risk.
      entities: [
        modelEntity('credit-scoring-pd', {
          owner: 'group:default/credit-risk',
          wrongPrediction: { likelihood: 3, impact: 4 },
          fallbackModel: 'model:default/credit-scorecard',
        }),
        userEntity('anna', ['group:default/credit-risk']),
        userEntity('david'),
        userEntity('zoe'),
      ],
      config: {
        modelHub: {
          governance: {
            levels: { High: { reviewerGroups: ['group:default/model-risk'] } },
            // The CI token may name the credit-risk team and David.
            serviceActors: [
              {
                subject: 'external:test-service',
                actsFor: ['group:default/credit-risk', 'user:default/david'],
              },
            ],
          },
        },
      },
      // Permissions allow everything but deciding reviews to mallory.
      deniedReviewers: ['user:default/mallory'],
      memberships: {
        'user:default/anna': ['group:default/credit-risk'],
        'user:default/carl': [
          'group:default/credit-risk',
          'group:default/model-risk',
        ],
        'user:default/ingrid': ['group:default/model-risk'],
      },
    });
  });
  afterEach(() => started.backend.stop());

  const publishThroughCi = (body: Record<string, unknown> = {}) =>
    call(`${model}/versions`, {
      auth: ci,
      body: {
        version: '1.0.0',
        artifactUri: 's3://models/pd/1.0.0',
        metrics: [{ name: 'auc', value: 0.8 }],
        referenceProfile: { rows: incomeRows(200, 0) },
        ...body,
      },
    });

  it('records whom a CI publish acted for, and only takes that from a service', async () => {
    const byUser = await call(`${model}/versions`, {
      body: {
        version: '1.0.0',
        artifactUri: 's3://x',
        onBehalfOf: 'user:default/someone-else',
      },
    });
    expect(byUser.status).toBe(400);
    expect(byUser.body.error.message).toMatch(/^onBehalfOf:/);
    const notAUser = await publishThroughCi({
      onBehalfOf: 'group:default/credit-risk',
    });
    expect(notAUser.status).toBe(400);
    expect(notAUser.body.error.message).toMatch(/onBehalfOf/);
    expect((await call(`${model}/versions`)).body.totalItems).toBe(0);

    const published = await publishThroughCi({ onBehalfOf: 'user:anna' });
    expect(published.status).toBe(201);
    expect(published.body.publishedBy).toMatch(/^service:/);
    expect(published.body.publishedOnBehalfOf).toBe('user:default/anna');
    const audit = await call(`${model}/audit-events`);
    expect(audit.body.items[0].payload.onBehalfOf).toBe('user:default/anna');
  });

  it('lets only an independent member of a reviewer group decide a High model', async () => {
    expect(
      (await publishThroughCi({ onBehalfOf: 'user:default/anna' })).status,
    ).toBe(201);
    const requested = await call(`${model}/versions/1.0.0/reviews`, {
      auth: ci,
      body: {
        onBehalfOf: 'user:default/david',
        evidence: {
          independentValidation: 'https://wiki.example.com/validation',
          fairnessEvaluation: 'https://wiki.example.com/fairness',
        },
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.requestedOnBehalfOf).toBe('user:default/david');
    const decide = (name: string) =>
      call(`${model}/reviews/${requested.body.id}/decisions`, {
        auth: user(name),
        body: { decision: 'APPROVED' },
      });

    const refusals: Record<string, RegExp> = {
      anna: /published this version/, // the data scientist behind the CI run
      david: /requested this review/,
      carl: /owns the model/, // in model-risk, but also in the owning team
      zoe: /not in a reviewer group for High models/,
    };
    for (const [name, reason] of Object.entries(refusals)) {
      const refused = await decide(name);
      expect({ name, status: refused.status }).toEqual({ name, status: 403 });
      expect(refused.body.error.message).toMatch(reason);
    }
    // Refused attempts leave no decision behind.
    const waiting = (await call(`${model}/reviews`)).body.items[0];
    expect(waiting.id).toBe(requested.body.id);
    expect(waiting.state).toBe('WAITING_FOR_APPROVAL');
    expect(waiting.decisions).toEqual([]);

    // The inbox offers the review to the one person who may decide it.
    for (const name of ['anna', 'david', 'carl', 'zoe']) {
      const inbox = await call('/reviews', { auth: user(name) });
      expect({ name, waiting: inbox.body.waiting }).toEqual({
        name,
        waiting: [],
      });
    }
    const ingridsInbox = await call('/reviews', { auth: user('ingrid') });
    expect(ingridsInbox.body.waiting.map((w: any) => w.review.id)).toEqual([
      requested.body.id,
    ]);

    const approved = await decide('ingrid');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('APPROVED');
  });

  it('tells each caller in advance whether they may decide, as the decision answers', async () => {
    await publishThroughCi({ onBehalfOf: 'user:default/anna' });
    const requested = await call(`${model}/versions/1.0.0/reviews`, {
      auth: ci,
      body: {
        onBehalfOf: 'user:default/david',
        evidence: {
          independentValidation: 'https://wiki.example.com/validation',
          fairnessEvaluation: 'https://wiki.example.com/fairness',
        },
      },
    });
    expect(requested.status).toBe(201);
    const eligibility = async (auth: string) => {
      const reviews = await call(`${model}/reviews`, { auth });
      expect(reviews.status).toBe(200);
      return reviews.body.items[0].yourEligibility;
    };
    const decide = (auth: string) =>
      call(`${model}/reviews/${requested.body.id}/decisions`, {
        auth,
        body: { decision: 'APPROVED' },
      });

    // Each refusal is told with the message the decision is refused with.
    const refusals: Record<string, RegExp> = {
      anna: /published this version/,
      david: /requested this review/,
      carl: /^user:default\/carl is a member of group:default\/credit-risk, which owns the model; High models/,
      zoe: /not in a reviewer group for High models \(group:default\/model-risk\)/,
      mallory:
        /^Not allowed: model-hub\.review\.decide on model:default\/credit-scoring-pd$/,
    };
    for (const [name, reason] of Object.entries(refusals)) {
      const told = await eligibility(user(name));
      expect({ name, told }).toEqual({
        name,
        told: { canDecide: false, reason: expect.stringMatching(reason) },
      });
      const refused = await decide(user(name));
      expect({ name, status: refused.status }).toEqual({ name, status: 403 });
      expect(refused.body.error.message).toBe(told.reason);
    }
    // A service token is not a person: it decides nothing.
    const toService = await eligibility(ci);
    expect(toService).toEqual({
      canDecide: false,
      reason: 'Only a signed-in person can review models',
    });
    expect((await decide(ci)).status).toBe(403);

    expect(await eligibility(user('ingrid'))).toEqual({ canDecide: true });
    const approved = await decide(user('ingrid'));
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('APPROVED');
    // A decided review takes no more decisions, from anyone.
    const closed = await eligibility(user('ingrid'));
    expect(closed).toEqual({
      canDecide: false,
      reason: expect.stringMatching(/is APPROVED; only reviews waiting/),
    });
    expect((await decide(user('ingrid'))).body.error.message).toBe(
      closed.reason,
    );
  });

  it('keeps service tokens from deciding reviews at all', async () => {
    await publishThroughCi();
    const requested = await call(`${model}/versions/1.0.0/reviews`, {
      body: {},
    });
    const byService = await call(
      `${model}/reviews/${requested.body.id}/decisions`,
      { auth: ci, body: { decision: 'APPROVED' } },
    );
    expect(byService.status).toBe(403);
  });
});
