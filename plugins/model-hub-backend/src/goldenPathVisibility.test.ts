import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import { modelEntity } from './__testUtils__/entities';
import { withRelations } from './__testUtils__/exampleEntities';
import {
  callJson,
  modelHubTestDatabases,
  permissionsAllowing,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Issue #21, finding 7 ("golden-path evaluation leaks what the caller cannot
 * read"): evaluating a candidate service, the scorecards and the
 * get-scorecard action tell a caller nothing of a model they may not read
 * (model-hub.model.read): not its approval state, lifecycle, risk or
 * fallback. Such a model reads as one that is not in the catalog.
 */
jest.setTimeout(120_000);

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const mallory = mockCredentials.user.header('user:default/mallory');
const eve = mockCredentials.user.header('user:default/eve');
/**
 * Callers who may not read secret-model: mallory is denied
 * model-hub.model.read on it (its scorecard: 403), eve does not see it in
 * the catalog (404, as a model that does not exist).
 */
const HIDDEN = [
  { who: 'mallory', auth: mallory, modelStatus: 403 },
  { who: 'eve', auth: eve, modelStatus: 404 },
];
const secret = 'model:default/secret-model';

const entities = withRelations([
  // Severe (5 x 5), deprecated, with a fallback: all of it is secret.
  {
    ...modelEntity('secret-model', {
      lifecycle: 'deprecated',
      wrongPrediction: { likelihood: 5, impact: 5 },
      fallbackModel: 'model:default/secret-fallback',
    }),
  },
  modelEntity('open-model'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'loan-api',
      namespace: 'default',
      annotations: {
        'model-hub.io/pinned-versions': `${secret}@1.0.0,model:default/open-model@1.0.0`,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/credit-risk',
      dependsOn: [secret, 'model:default/open-model'],
    },
  } as Entity,
]);

/**
 * Allows everything, except reading secret-model's Model Hub data for
 * mallory (and so, asked without a model, any model's).
 */
const permissionsHidingSecretFromMallory = () =>
  permissionsAllowing(
    ({ permission, resourceRef, principal }) =>
      !(
        permission === modelHubReadPermission.name &&
        (resourceRef === undefined || resourceRef === secret) &&
        principal?.userEntityRef === 'user:default/mallory'
      ),
  );

/** What a reply would tell of secret-model beyond its name. */
const SECRETS =
  /is deprecated|secret-fallback|falls back|secret-model@1\.0\.0 is not approved|Severe risk|A Severe model/;

describe.each(ids)('golden paths hide unreadable models on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  const call = (path: string, options: Parameters<typeof callJson>[1] = {}) =>
    callJson(`${started.base}${path}`, options);
  const candidate = (dependsOn: string[]) => ({
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'new-service',
        annotations: {
          'model-hub.io/pinned-versions': dependsOn
            .map(ref => `${ref}@1.0.0`)
            .join(','),
          'model-hub.io/drift-hook': 'production',
        },
      },
      spec: { dependsOn },
    },
  });
  const reasons = (verdicts: Array<{ checkId: string; reason: string }>) =>
    Object.fromEntries(verdicts.map(v => [v.checkId, v.reason]));

  beforeAll(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities,
      skipTaskRunOnStartup: true,
      extraFeatures: [permissionsHidingSecretFromMallory().factory],
      hiddenFrom: { 'user:default/eve': [secret] },
    });
    await started.runScheduledTask('model-hub-golden-paths');
  });
  afterAll(() => started.backend.stop());

  it('evaluates a candidate with what the caller may read', async () => {
    const permitted = await call('/golden-paths/evaluate', {
      auth: dana,
      body: candidate([secret]),
    });
    expect(permitted.status).toBe(200);
    expect(JSON.stringify(permitted.body)).toMatch(/deprecated/);
    expect(JSON.stringify(permitted.body)).toMatch(/secret-fallback/);
    expect(JSON.stringify(permitted.body)).toMatch(/is not approved/);

    // Exactly what a model that does not exist gets.
    const ghost = await call('/golden-paths/evaluate', {
      auth: dana,
      body: candidate(['model:default/ghost-model']),
    });
    for (const { who, auth } of HIDDEN) {
      const hidden = await call('/golden-paths/evaluate', {
        auth,
        body: candidate([secret]),
      });
      expect({ who, status: hidden.status }).toEqual({ who, status: 200 });
      expect(JSON.stringify(hidden.body)).not.toMatch(SECRETS);
      expect(JSON.stringify(hidden.body)).toMatch(/not visible/);
      expect(
        JSON.stringify(hidden.body).replaceAll('secret-model', 'X'),
      ).toEqual(JSON.stringify(ghost.body).replaceAll('ghost-model', 'X'));
    }
  });

  it('shows a model scorecard only to who may read the model', async () => {
    const path = '/scorecards/model/default/secret-model';
    const permitted = await call(path, { auth: dana });
    expect(permitted.status).toBe(200);
    expect(JSON.stringify(permitted.body)).toMatch(SECRETS);
    for (const { who, auth, modelStatus } of HIDDEN) {
      const hidden = await call(path, { auth });
      expect({ who, status: hidden.status }).toEqual({
        who,
        status: modelStatus,
      });
      expect(JSON.stringify(hidden.body)).not.toMatch(SECRETS);
    }
  });

  it("tells a service's scorecard nothing of a model the caller may not read", async () => {
    const path = '/scorecards/component/default/loan-api';
    const permitted = await call(path, { auth: dana });
    expect(permitted.status).toBe(200);
    const all = reasons(permitted.body.verdicts);
    expect(all['service-no-deprecated-models']).toMatch(
      /secret-model is deprecated/,
    );
    expect(all['service-fallback-wired']).toMatch(/secret-fallback/);

    for (const { who, auth } of HIDDEN) {
      const hidden = await call(path, { auth });
      expect({ who, status: hidden.status }).toEqual({ who, status: 200 });
      expect(JSON.stringify(hidden.body)).not.toMatch(SECRETS);
      const seen = reasons(hidden.body.verdicts);
      expect(seen['service-pinned-approved']).toMatch(
        /secret-model.*not visible/,
      );
      // What does not depend on the model stays.
      expect(seen['service-drift-hook']).toEqual(all['service-drift-hook']);
      expect(hidden.body.verdicts.map((v: any) => v.checkId).sort()).toEqual(
        permitted.body.verdicts.map((v: any) => v.checkId).sort(),
      );
    }
  });

  it('leaves unreadable models and what they decide out of the overview', async () => {
    const permitted = await call('/scorecards', { auth: dana });
    expect(JSON.stringify(permitted.body)).toContain(secret);
    // loan-api's checks that read secret-model are left out when hidden.
    const failing = (body: any) =>
      body.byOwner.flatMap((g: any) =>
        g.failingChecks
          .filter((c: any) => c.entities.includes('component:default/loan-api'))
          .map((c: any) => c.checkId),
      );
    expect(failing(permitted.body)).toEqual(
      expect.arrayContaining(['service-no-deprecated-models']),
    );
    for (const { who, auth } of HIDDEN) {
      const hidden = await call('/scorecards', { auth });
      expect({ who, status: hidden.status }).toEqual({ who, status: 200 });
      expect(JSON.stringify(hidden.body)).not.toContain(secret);
      expect(hidden.body.totals.entities).toBe(
        permitted.body.totals.entities - 1,
      );
      expect(failing(hidden.body)).not.toContain(
        'service-no-deprecated-models',
      );
      expect(failing(hidden.body)).not.toContain('service-fallback-wired');
    }
  });

  it('gives the get-scorecard action the same answers', async () => {
    const invoke = (entity: string, auth: string) =>
      call('/.backstage/actions/v1/actions/model-hub:get-scorecard/invoke', {
        auth,
        body: { entity },
      });
    expect((await invoke(secret, dana)).status).toBe(200);
    const permitted = await invoke('component:default/loan-api', dana);
    expect(JSON.stringify(permitted.body)).toMatch(
      /secret-model is deprecated/,
    );
    for (const { who, auth, modelStatus } of HIDDEN) {
      const hiddenModel = await invoke(secret, auth);
      expect({ who, status: hiddenModel.status }).toEqual({
        who,
        status: modelStatus,
      });
      expect(JSON.stringify(hiddenModel.body)).not.toMatch(SECRETS);
      const service = await invoke('component:default/loan-api', auth);
      expect({ who, status: service.status }).toEqual({ who, status: 200 });
      expect(JSON.stringify(service.body)).not.toMatch(SECRETS);
    }
  });
});
