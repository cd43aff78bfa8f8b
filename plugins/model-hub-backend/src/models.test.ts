import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import type { Entity } from '@backstage/catalog-model';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import { DatabaseModelIndexStore } from './database/DatabaseModelIndexStore';
import {
  callJson,
  modelHubTestDatabases,
  restoreWallClock,
  setWallClock,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const alice = mockCredentials.user.header('user:default/alice');

/**
 * Owners as a model's author may write them in `spec.owner`, and the full
 * ref of the ownedBy relation the catalog adds.
 */
const creditRisk = { spec: 'credit-risk', ref: 'group:default/credit-risk' };
const pricing = { spec: 'group:pricing', ref: 'group:default/pricing' };
const marketing = {
  spec: 'group:default/marketing',
  ref: 'group:default/marketing',
};

/** A model as the catalog serves it after processing: with its owner relation. */
function processed(
  entity: Entity,
  owner: { spec: string; ref: string },
): Entity {
  return {
    ...entity,
    spec: {
      ...entity.spec,
      owner: owner.spec,
      system: 'consumer-lending',
      license: 'proprietary',
    },
    relations: [{ type: 'ownedBy', targetRef: owner.ref }],
  };
}

const entities = [
  processed(modelEntity('approved-model'), creditRisk),
  processed(modelEntity('waiting-model'), creditRisk),
  processed(
    modelEntity('high-risk-model', {
      wrongPrediction: { likelihood: 4, impact: 4 },
    }),
    creditRisk,
  ),
  processed(modelEntity('drifting-model'), pricing),
  processed(
    modelEntity('deprecated-model', { lifecycle: 'deprecated' }),
    pricing,
  ),
  // Filler so that paging has pages.
  ...Array.from({ length: 25 }, (_, i) =>
    processed(
      modelEntity(`filler-${String(i).padStart(2, '0')}`, {
        type: 'regression',
      }),
      marketing,
    ),
  ),
];

async function publish(base: string, name: string, version: string) {
  const res = await callJson(`${base}/models/default/${name}/versions`, {
    auth: dana,
    body: {
      version,
      artifactUri: `s3://models/${name}/${version}`,
      metrics: [{ name: 'auc', value: 0.8 }],
      referenceProfile: { rows: incomeRows(500, 0) },
    },
  });
  expect(res.status).toBe(201);
}

async function approve(base: string, name: string, version: string) {
  const review = await callJson(
    `${base}/models/default/${name}/versions/${version}/reviews`,
    { auth: dana, body: {} },
  );
  expect(review.status).toBe(201);
  const decided = await callJson(
    `${base}/models/default/${name}/reviews/${review.body.id}/decisions`,
    { auth: alice, body: { decision: 'APPROVED', comment: 'Validated' } },
  );
  expect(decided.status).toBe(200);
}

/**
 * The permission framework as a policy answers: either unconditionally
 * (the model list is then one query over Model Hub's model index), or with
 * a condition on catalog reads (the catalog then filters with the caller's
 * permissions, and Model Hub adds statuses per page). Both must answer the
 * same. The catalog mock does not apply conditions; every entity passes.
 */
function readPolicy(mode: 'unconditional' | 'conditional') {
  return mockServices.permissions.mock({
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
    async authorizeConditional(requests) {
      return requests.map(request =>
        mode === 'conditional' &&
        request.permission.name === 'catalog.entity.read'
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_KIND',
                resourceType: 'catalog-entity',
                params: { kinds: ['model'] },
              },
            }
          : { result: AuthorizeResult.ALLOW },
      );
    },
  });
}

describe.each(ids)('GET /models on %s', databaseId => {
  it.each(['unconditional', 'conditional'] as const)(
    'filters, searches and pages the model catalog on the server (%s read policy)',
    async mode => {
      const permissions = readPolicy(mode);
      const { backend, base } = await startModelHubMockBackend({
        databases,
        databaseId,
        entities,
        extraFeatures: [permissions.factory],
      });
      const list = async (query: string) => {
        const res = await callJson(`${base}/models?${query}`, { auth: dana });
        expect(res.status).toBe(200);
        return res.body;
      };
      try {
        // An older approved version stays the latest approved one while a
        // newer one waits.
        await publish(base, 'approved-model', '1.0.0');
        await approve(base, 'approved-model', '1.0.0');
        await publish(base, 'waiting-model', '1.0.0');
        await approve(base, 'waiting-model', '1.0.0');
        await publish(base, 'waiting-model', '2.0.0');
        const waiting = await callJson(
          `${base}/models/default/waiting-model/versions/2.0.0/reviews`,
          { auth: dana, body: {} },
        );
        expect(waiting.status).toBe(201);
        await publish(base, 'drifting-model', '1.0.0');
        await approve(base, 'drifting-model', '1.0.0');
        const drifted = await callJson(
          `${base}/models/default/drifting-model/versions/1.0.0/drift-reports`,
          {
            auth: dana,
            body: { environment: 'production', rows: incomeRows(500, 30_000) },
          },
        );
        expect(drifted.body.status).toBe('drift');
        await publish(base, 'deprecated-model', '1.0.0');
        await approve(base, 'deprecated-model', '1.0.0');

        // No status filter: the catalog pages, sorted by title.
        const first = await list('limit=10');
        expect(first.totalItems).toBe(30);
        expect(first.items).toHaveLength(10);
        expect(first.items[0]).toMatchObject({
          entityRef: 'model:default/approved-model',
          riskLevel: 'Low',
          owner: 'group:default/credit-risk',
          status: {
            governanceStatus: 'APPROVED',
            latestApprovedVersion: '1.0.0',
            driftStatus: 'unknown',
            readyForProduction: true,
          },
        });
        const third = await list('limit=10&offset=20');
        expect(third.items).toHaveLength(10);
        expect(first.facets.owner).toEqual([
          { value: 'group:default/credit-risk', count: 3 },
          { value: 'group:default/marketing', count: 25 },
          { value: 'group:default/pricing', count: 2 },
        ]);
        expect(first.facets.type.map((f: any) => f.value)).toEqual([
          'classification',
          'regression',
        ]);

        // Entity fields and text.
        const byPricing = await list('owner=group:default/pricing');
        expect(byPricing.items.map((i: any) => i.name)).toEqual([
          'deprecated-model',
          'drifting-model',
        ]);
        // The owner is the full ref, however `spec.owner` spells it.
        const owners = new Map(
          (await list('limit=30')).items.map((i: any) => [i.name, i.owner]),
        );
        expect(owners.get('approved-model')).toBe(creditRisk.ref);
        expect(owners.get('drifting-model')).toBe(pricing.ref);
        expect(owners.get('filler-00')).toBe(marketing.ref);
        expect(
          (await list('search=drifting')).items.map((i: any) => i.name),
        ).toEqual(['drifting-model']);
        expect((await list('type=regression&limit=5')).totalItems).toBe(25);

        // Status filters: computed over all models, then paged.
        const high = await list('riskLevel=High');
        expect(high.items.map((i: any) => i.name)).toEqual(['high-risk-model']);
        expect(high.items[0].status).toMatchObject({
          governanceStatus: 'NOT_STARTED',
          readyForProduction: false,
        });
        const waitingOnes = await list('governanceStatus=WAITING_FOR_APPROVAL');
        expect(waitingOnes.items).toHaveLength(1);
        expect(waitingOnes.items[0]).toMatchObject({
          name: 'waiting-model',
          status: { latestApprovedVersion: '1.0.0' },
        });
        expect(
          (await list('driftStatus=drift')).items.map((i: any) => i.name),
        ).toEqual(['drifting-model']);
        // Ready for production: approved, not drifting, not deprecated.
        expect(
          (await list('readyFor=production')).items.map((i: any) => i.name),
        ).toEqual(['approved-model', 'waiting-model']);
        const byRisk = await list('orderBy=riskLevel&order=desc&limit=2');
        expect(byRisk.totalItems).toBe(30);
        expect(byRisk.items[0].name).toBe('high-risk-model');

        // Totals are reused between requests, but a write shows in them at
        // once: it is this instance's own change.
        const approved = () => list('governanceStatus=APPROVED&limit=1');
        const approvedBefore = (await approved()).totalItems;
        await publish(base, 'filler-00', '1.0.0');
        await approve(base, 'filler-00', '1.0.0');
        expect((await approved()).totalItems).toBe(approvedBefore + 1);

        // Bad filters name the parameter.
        const bad = await callJson(`${base}/models?riskLevel=Extreme`, {
          auth: dana,
        });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/riskLevel/);

        // Which path answered: only the catalog path asks per model whether
        // its statuses may be read; the index path asked once for all.
        const perModel = permissions.authorize.mock.calls.filter(([requests]) =>
          requests.some(
            (r: any) =>
              r.permission.name === modelHubReadPermission.name &&
              r.resourceRef === 'model:default/filler-00',
          ),
        );
        expect(perModel.length > 0).toBe(mode === 'conditional');
      } finally {
        await backend.stop();
      }
    },
    120_000,
  );
});

describe.each(ids)('POST /status from the model index on %s', databaseId => {
  afterEach(() => restoreWallClock());

  it('shows time-based changes at once, and answers models the index lacks from the catalog', async () => {
    const { backend, base, knex } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities,
    });
    const status = async () => {
      const res = await callJson(`${base}/status`, {
        auth: dana,
        body: { entityRefs: ['model:default/drifting-model'] },
      });
      expect(res.status).toBe(200);
      return res.body.items[0];
    };
    try {
      await publish(base, 'drifting-model', '1.0.0');
      await approve(base, 'drifting-model', '1.0.0');
      const reported = await callJson(
        `${base}/models/default/drifting-model/versions/1.0.0/drift-reports`,
        {
          auth: dana,
          body: { environment: 'production', rows: incomeRows(500, 0) },
        },
      );
      expect(reported.status).toBe(201);
      expect(await status()).toMatchObject({
        found: true,
        lifecycle: 'production',
        riskLevel: 'Low',
        latestApprovedVersion: '1.0.0',
        driftStatus: 'ok',
      });

      // Three days without a window: stale (48 h), with no refresh between.
      setWallClock(new Date(Date.now() + 3 * 86_400_000));
      expect(await status()).toMatchObject({ driftStatus: 'stale' });
      restoreWallClock();

      // Not indexed yet (registered since the last refresh): the catalog
      // answers, with the same status.
      await knex('model_index').delete();
      expect(await status()).toMatchObject({
        found: true,
        lifecycle: 'production',
        latestApprovedVersion: '1.0.0',
        driftStatus: 'ok',
      });
    } finally {
      await backend.stop();
    }
  }, 60_000);

  it('answers "not found" without reading the index when Model Hub reads are denied', async () => {
    const decide = (permission: { name: string }) => ({
      result:
        permission.name === modelHubReadPermission.name
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    const permissions = mockServices.permissions.mock({
      async authorize(requests) {
        return requests.map(r => decide(r.permission));
      },
      async authorizeConditional(requests) {
        return requests.map(r => decide(r.permission));
      },
    });
    const { backend, base } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities,
      extraFeatures: [permissions.factory],
    });
    const indexGet = jest.spyOn(DatabaseModelIndexStore.prototype, 'get');
    try {
      const entityRefs = [
        'drifting-model',
        'model:default/approved-model',
        'model:default/not-in-the-catalog',
      ];
      const res = await callJson(`${base}/status`, {
        auth: dana,
        body: { entityRefs },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: entityRefs.map(entityRef => ({ entityRef, found: false })),
      });
      expect(indexGet).not.toHaveBeenCalled();
    } finally {
      indexGet.mockRestore();
      await backend.stop();
    }
  }, 60_000);
});
