import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { modelHubReadPermission } from '@model-hub/backstage-plugin-model-hub-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from '../__testUtils__/mockBackend';
import { configGovernancePolicyProvider, readReviewerRules } from '../config';
import { DatabaseModelHubStores } from '../database/DatabaseModelHubStores';
import { createDemoModelAccess, demoUserCredentials } from './demoCredentials';
import { DEMO_DATA_TASK_ID, DemoDataSeeder } from './DemoDataSeeder';
import { DEMO_MODELS, DemoModelPlan } from './demoScenario';
import { referenceProfile, syntheticRows } from './syntheticData';

/*
 * The demo data (`modelHub.demoData`) seeded by the real plugin on a real
 * database, with the catalog serving the example entities of
 * examples/model-hub, and checked through the HTTP API.
 */

jest.setTimeout(180_000);

const { databases, ids } = modelHubTestDatabases();

const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples/model-hub');
const entities: Entity[] = fs
  .readdirSync(EXAMPLES_DIR)
  .filter(file => file.endsWith('.yaml'))
  .flatMap(file =>
    parseAllDocuments(
      fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'),
    ).map(doc => doc.toJS() as Entity),
  );
const modelRefs = entities
  .filter(e => e.kind === 'Model')
  .map(e => `model:default/${e.metadata.name}`);

const auth = mockCredentials.user.header('user:default/guest');

type Started = Awaited<ReturnType<typeof startModelHubMockBackend>>;

/** A seeder of its own on a database, as a (re)started backend makes one. */
async function seederOn(
  knex: Knex,
  catalog: CatalogService,
  plans?: DemoModelPlan[],
) {
  return new DemoDataSeeder({
    stores: await DatabaseModelHubStores.create({
      database: mockServices.database({ knex }),
    }),
    auth: mockServices.auth({ pluginId: 'model-hub' }),
    catalog,
    permissions: mockServices.permissions(),
    policyProvider: configGovernancePolicyProvider(new ConfigReader({})),
    reviewerRules: readReviewerRules(new ConfigReader({})),
    staleAfter: { hours: 48 },
    logger: mockServices.logger.mock(),
    plans,
  });
}

async function statuses(started: Started) {
  const { status, body } = await callJson(`${started.base}/status`, {
    auth,
    body: { entityRefs: modelRefs },
  });
  expect(status).toBe(200);
  return new Map<string, any>(
    body.items.map((item: any) => [item.entityRef.split('/')[1], item]),
  );
}

/** Versions, drift reports and audit events per seeded model. */
async function counts(started: Started) {
  const result: Record<string, number[]> = {};
  for (const plan of DEMO_MODELS) {
    const model = `${started.base}/models/default/${plan.name}`;
    const totals = await Promise.all(
      ['versions', 'drift-reports', 'audit-events', 'reviews'].map(
        async list =>
          (
            await callJson(`${model}/${list}?limit=1`, { auth })
          ).body.totalItems,
      ),
    );
    result[plan.name] = totals;
  }
  return result;
}

describe.each(ids)('Model Hub demo data on %s', databaseId => {
  let started: Started;

  beforeAll(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities,
      config: { modelHub: { demoData: true } },
      skipTaskRunOnStartup: true,
    });
  }, 60_000);

  afterAll(async () => {
    await started?.backend.stop();
  });

  it('tells a story per model, through the HTTP API', async () => {
    await started.runScheduledTask(DEMO_DATA_TASK_ID);
    const byName = await statuses(started);
    const seeded = DEMO_MODELS.map(p => byName.get(p.name));
    const governance = seeded.map(s => s.governanceStatus);
    const drift = seeded.map(s => s.driftStatus);

    expect(governance.filter(g => g === 'APPROVED').length).toBeGreaterThan(5);
    expect(byName.get('next-best-offer')).toMatchObject({
      governanceStatus: 'WAITING_FOR_APPROVAL',
      latestApprovedVersion: '2.4.0',
    });
    expect(governance.filter(g => g === 'WAITING_FOR_APPROVAL')).toHaveLength(
      1,
    );
    expect(byName.get('grid-load-forecast-day-ahead').governanceStatus).toBe(
      'REVIEW_OVERDUE',
    );
    expect(governance.filter(g => g === 'REVIEW_OVERDUE')).toHaveLength(1);
    expect(byName.get('day-ahead-price-forecast').driftStatus).toBe('drift');
    expect(drift.filter(d => d === 'drift')).toHaveLength(1);
    expect(byName.get('churn-propensity').driftStatus).toBe('stale');
    expect(drift.filter(d => d === 'stale')).toHaveLength(1);
    expect(drift.filter(d => d === 'ok').length).toBeGreaterThan(5);
    // Models outside the scenario keep no data.
    expect(byName.get('customer-assistant-llm')).toMatchObject({
      governanceStatus: 'NOT_STARTED',
      driftStatus: 'unknown',
    });

    // Production runs the approved champion; staging the challenger.
    expect(byName.get('credit-scoring-pd').deployments).toEqual([
      expect.objectContaining({
        environment: 'production',
        version: '3.2.0',
        approved: true,
      }),
      expect.objectContaining({ environment: 'staging', version: '3.2.0' }),
    ]);
    const nbo = `${started.base}/models/default/next-best-offer`;
    const overview = (await callJson(nbo, { auth })).body;
    expect(overview.aliases).toEqual([
      expect.objectContaining({ alias: 'challenger', version: '2.4.1' }),
      expect.objectContaining({ alias: 'champion', version: '2.4.0' }),
    ]);
  });

  it('records expired approvals, drift history and who did what', async () => {
    const grid = `${started.base}/models/default/grid-load-forecast-day-ahead`;
    const gridGovernance = (await callJson(`${grid}/governance`, { auth }))
      .body;
    const latest = gridGovernance.versions[0];
    expect(latest).toMatchObject({ version: '5.0.2', state: 'REVIEW_OVERDUE' });
    expect(new Date(latest.expiresAt).getTime()).toBeLessThan(Date.now());

    const price = `${started.base}/models/default/day-ahead-price-forecast`;
    const reports = (
      await callJson(`${price}/drift-reports?environment=production&limit=50`, {
        auth,
      })
    ).body.items as any[];
    const oldestFirst = [...reports].sort((a, b) =>
      a.windowEnd.localeCompare(b.windowEnd),
    );
    expect(oldestFirst.map(r => r.status)).toEqual([
      'ok',
      'ok',
      'ok',
      'warning',
      'drift',
      'drift',
    ]);

    const credit = `${started.base}/models/default/credit-scoring-pd`;
    const audit = (await callJson(`${credit}/audit-events?limit=100`, { auth }))
      .body.items as any[];
    const actors = (action: string) =>
      new Set(audit.filter(e => e.action === action).map(e => e.actor));
    expect(actors('version.published')).toEqual(
      new Set(['user:default/anna.kowalski']),
    );
    expect(actors('review.decided')).toEqual(
      new Set(['user:default/ingrid.hansen', 'user:default/kofi.boateng']),
    );
  });

  it('changes nothing when it runs again, or after a restart', async () => {
    const before = await counts(started);
    expect(before['credit-scoring-pd'][0]).toBe(3);
    await started.runScheduledTask(DEMO_DATA_TASK_ID);
    await started.runScheduledTask(DEMO_DATA_TASK_ID);
    expect(await counts(started)).toEqual(before);

    // A new seeder on the same database, as after a restart: every model
    // already has versions.
    const restarted = await seederOn(
      started.knex,
      catalogServiceMock({ entities }),
    );
    await expect(restarted.run()).resolves.toEqual({
      seeded: [],
      skipped: DEMO_MODELS.map(p => p.name),
      missing: [],
      failed: [],
    });
    expect(await counts(started)).toEqual(before);
  });
});

describe.each(ids)('Model Hub without demo data on %s', databaseId => {
  it('seeds nothing', async () => {
    const started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities,
      skipTaskRunOnStartup: true,
    });
    try {
      const tasks = await started.scheduler.getScheduledTasks();
      expect(tasks.map(t => t.id)).not.toContain(DEMO_DATA_TASK_ID);
      for (const status of (await statuses(started)).values()) {
        expect(status).toMatchObject({
          governanceStatus: 'NOT_STARTED',
          driftStatus: 'unknown',
          deployments: [],
        });
      }
    } finally {
      await started.backend.stop();
    }
  });
});

describe('Model Hub demo data while the catalog ingests', () => {
  it('seeds the models on a later run, then does nothing', async () => {
    const knex = await databases.init(ids[0]);
    let current = catalogServiceMock({ entities: [] });
    // The catalog has not ingested the examples yet; later it has.
    const catalog = new Proxy({} as CatalogService, {
      get: (_, name) => {
        const value = (current as any)[name];
        return typeof value === 'function' ? value.bind(current) : value;
      },
    });
    const plans = DEMO_MODELS.slice(0, 2);
    const names = plans.map(p => p.name);
    const seeder = await seederOn(knex, catalog, plans);
    const none = { seeded: [], skipped: [], missing: [], failed: [] };

    await expect(seeder.run()).resolves.toEqual({ ...none, missing: names });
    current = catalogServiceMock({ entities });
    await expect(seeder.run()).resolves.toEqual({ ...none, seeded: names });
    await expect(seeder.run()).resolves.toEqual(none);
  });
});

describe('demo credentials', () => {
  const access = createDemoModelAccess({
    auth: mockServices.auth({ pluginId: 'model-hub' }),
    catalog: catalogServiceMock({ entities }),
    permissions: mockServices.permissions(),
  });
  const model = { namespace: 'default', name: 'credit-scoring-pd' };

  it('names the demo user as the actor', async () => {
    const credentials = demoUserCredentials('anna.kowalski');
    await expect(
      access.resolve(model, credentials, modelHubReadPermission),
    ).resolves.toMatchObject({ actor: 'user:default/anna.kowalski' });
  });

  it('accepts no other credentials, even for the same user', async () => {
    await expect(
      access.resolve(
        model,
        mockCredentials.user('user:default/anna.kowalski'),
        modelHubReadPermission,
      ),
    ).rejects.toThrow(/only accepts its own demo credentials/);
  });
});

describe('synthetic data', () => {
  it('is the same on every run', () => {
    const [plan] = DEMO_MODELS;
    expect(syntheticRows(plan.features, 50, 'seed')).toEqual(
      syntheticRows(plan.features, 50, 'seed'),
    );
    expect(syntheticRows(plan.features, 50, 'seed')).not.toEqual(
      syntheticRows(plan.features, 50, 'other seed'),
    );
    expect(JSON.stringify(referenceProfile(plan.features, 500, 'r'))).toBe(
      JSON.stringify(referenceProfile(plan.features, 500, 'r')),
    );
  });
});
