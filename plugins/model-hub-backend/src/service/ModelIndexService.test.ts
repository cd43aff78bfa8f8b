import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseModelIndexStore } from '../database/DatabaseModelIndexStore';
import { DatabaseModelSummaryStore } from '../database/DatabaseModelSummaryStore';
import { ModelIndexQuery } from '../database/ModelIndexStore';
import { modelEntity } from '../__testUtils__/entities';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { ModelIndexService } from './ModelIndexService';
import { indexStatus } from '../__testUtils__/indexStatus';

const databases = createTestDatabases();

/** The catalog as the index sees it: its content changes between refreshes. */
function changingCatalog(initial: Entity[]) {
  let client: CatalogService = catalogServiceMock({ entities: initial });
  const catalog = new Proxy({} as CatalogService, {
    get: (_, method: keyof CatalogService) =>
      (client[method] as Function).bind(client),
  });
  return {
    catalog,
    set(entities: Entity[]) {
      client = catalogServiceMock({ entities });
    },
  };
}

const query = (overrides: Partial<ModelIndexQuery> = {}): ModelIndexQuery => ({
  filters: {},
  orderBy: 'name',
  order: 'asc',
  limit: 100,
  offset: 0,
  statusVisible: true,
  ...overrides,
});

describe.each(databases.eachSupportedId())('The model index on %s', id => {
  async function setUp(entities: Entity[]) {
    const { knex, stores } = await createTestStores(databases, id);
    const catalog = changingCatalog(entities);
    const store = new DatabaseModelIndexStore(knex);
    // A page with its count, as the list asks for both.
    const index = Object.assign(store, {
      query: async (q: ModelIndexQuery) => {
        const entries = await store.pageEntries(q);
        const models = await store.listed(entries.map(e => e.entityRef));
        return {
          items: entries.map(e => models.get(e.entityRef)!),
          totalItems: await store.count(q),
        };
      },
    });
    let now = new Date('2026-12-01T10:00:00.000Z');
    const service = new ModelIndexService({
      catalog: catalog.catalog,
      auth: mockServices.auth(),
      summaries: new DatabaseModelSummaryStore(knex),
      index,
      clock: () => now,
      staleAfterMs: 48 * 3600_000,
      logger: mockServices.logger.mock(),
    });
    const tick = (ms = 1000) => {
      now = new Date(now.getTime() + ms);
    };
    return { stores, catalog, index, service, tick };
  }

  it('copies every Model entity of the catalog, and follows it at each refresh', async () => {
    const models = Array.from({ length: 1005 }, (_, i) =>
      modelEntity(`model-${String(i).padStart(4, '0')}`),
    );
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'scoring-service', namespace: 'default' },
      spec: { type: 'service', owner: 'group:default/credit-risk' },
    };
    const { catalog, index, service, tick } = await setUp([
      ...models,
      component,
    ]);

    // More than one catalog page (1,000), and only models.
    await expect(service.refreshAll()).resolves.toEqual({
      models: 1005,
      removed: 0,
    });
    expect((await index.query(query({ limit: 1 }))).totalItems).toBe(1005);

    // Nothing changed: no row is rewritten (a table rewritten every minute
    // bloats, and every list query scans it).
    const before = (await index.query(query({ limit: 1 }))).items[0];
    tick();
    await expect(service.refreshAll()).resolves.toEqual({
      models: 1005,
      removed: 0,
    });
    expect((await index.query(query({ limit: 1 }))).items[0]).toEqual(before);

    // A model gone from the catalog leaves; a new one and a changed one
    // show as the catalog has them.
    tick();
    const renamed = modelEntity('model-0001', { lifecycle: 'deprecated' });
    catalog.set([
      models[0],
      renamed,
      modelEntity('fresh-model', { type: 'regression' }),
    ]);
    await expect(service.refreshAll()).resolves.toEqual({
      models: 3,
      removed: 1003,
    });
    const page = await index.query(query());
    expect(page.items.map(m => [m.name, m.lifecycle, m.type])).toEqual([
      ['fresh-model', 'production', 'regression'],
      ['model-0000', 'production', 'classification'],
      ['model-0001', 'deprecated', 'classification'],
    ]);
  });

  it('fills itself once before the first list, and adds a model written to before the next refresh', async () => {
    const { catalog, index, service } = await setUp([modelEntity('first')]);
    await service.ready();
    expect((await index.query(query())).items.map(m => m.name)).toEqual([
      'first',
    ]);
    // Registered since the last full refresh, then written to.
    catalog.set([modelEntity('first'), modelEntity('second')]);
    await service.refreshModels(['model:default/second']);
    expect((await index.query(query())).items.map(m => m.name)).toEqual([
      'first',
      'second',
    ]);
    // A refresh has completed: a restarted replica does not fill again.
    expect(await index.hasFullRefresh()).toBe(true);
  });

  it('shows a write at once, and never lets an older status replace a newer one', async () => {
    const { stores, index, service, tick } = await setUp([
      modelEntity('fraud'),
    ]);
    await service.refreshAll();
    const ref = 'model:default/fraud';
    expect((await index.query(query())).items[0].governanceStatus).toBe(
      'NOT_STARTED',
    );

    tick();
    await stores.versions.insert(
      ref,
      {
        version: '1.0.0',
        artifactUri: 's3://models/fraud/1.0.0',
        datasets: [],
        metrics: [],
        evidence: {},
      },
      {
        contentHash: 'h',
        by: 'user:default/dana',
        at: '2026-12-01T10:00:01.000Z',
      },
    );
    await stores.reviews.create({
      modelRef: ref,
      version: '1.0.0',
      riskLevel: 'Low',
      requiredApprovals: 1,
      reviewCadenceMonths: 12,
      requiredEvidence: [],
      attachedEvidence: {},
      requestedBy: 'user:default/dana',
      requestedAt: '2026-12-01T10:00:01.000Z',
    });
    await service.refreshModels([ref, 'model:default/not-indexed']);
    expect((await index.query(query())).items[0].governanceStatus).toBe(
      'WAITING_FOR_APPROVAL',
    );

    // A status computed before the stored one (a slower replica's full
    // refresh, read before the write) is dropped; the entity fields still
    // follow the catalog.
    const [fraud] = (await index.query(query())).items;
    const stored = (await index.get([ref])).get(ref)!;
    const earlier = new Date(
      new Date(stored.statusRefreshedAt!).getTime() - 500,
    );
    await index.updateStatuses(new Map([[ref, indexStatus()]]), earlier);
    await index.upsert(
      [{ entry: { ...fraud, title: 'Fraud v2' }, status: indexStatus() }],
      {
        statusComputedAt: earlier,
      },
    );
    const after = (await index.query(query())).items[0];
    expect(after.title).toBe('Fraud v2');
    expect(after.governanceStatus).toBe('WAITING_FOR_APPROVAL');
    expect(
      (
        await index.query(
          query({ filters: { governanceStatus: 'NOT_STARTED' } }),
        )
      ).totalItems,
    ).toBe(0);
  });

  it('reuses whether a model is indexed, until this instance changes the index or 30 s pass', async () => {
    const fraud = modelEntity('fraud-detector');
    const churn = modelEntity('churn-predictor');
    const { catalog, index, service, tick } = await setUp([fraud]);
    await service.refreshAll();
    const fraudRef = 'model:default/fraud-detector';
    const churnRef = 'model:default/churn-predictor';
    expect(await service.isIndexed(fraudRef)).toBe(true);
    expect(await service.isIndexed(churnRef)).toBe(false);

    // Another replica indexes a model: this one learns of it within 30 s.
    const [entry] = (await index.query(query())).items;
    await index.upsert(
      [
        {
          entry: { ...entry, entityRef: churnRef, name: 'churn-predictor' },
          status: indexStatus(),
        },
      ],
      { statusComputedAt: new Date('2026-12-01T10:00:00.000Z') },
    );
    tick(29_000);
    expect(await service.isIndexed(churnRef)).toBe(false);
    tick(1_000);
    expect(await service.isIndexed(churnRef)).toBe(true);

    // This instance's own refresh removes a model: forgotten at once.
    catalog.set([churn]);
    await expect(service.refreshAll()).resolves.toMatchObject({ removed: 1 });
    expect(await service.isIndexed(fraudRef)).toBe(false);
  });

  it('filters, searches, sorts and counts facets in SQL', async () => {
    const { index } = await setUp([]);
    const entry = (name: string, extra: Record<string, unknown> = {}) => ({
      entityRef: `model:default/${name}`,
      namespace: 'default',
      name,
      tags: ['tabular'],
      type: 'classification',
      owner: 'group:default/credit-risk',
      lifecycle: 'production',
      riskLevel: 'Low' as const,
      ...extra,
    });
    const at = new Date('2026-12-01T10:00:00.000Z');
    await index.upsert(
      [
        {
          entry: entry('approved', { title: 'Approved Scorer' }),
          status: indexStatus({
            governanceStatus: 'APPROVED',
            latestApprovedVersion: '1.0.0',
            driftStatus: 'ok',
            reportedEnvironments: ['production'],
          }),
        },
        {
          // Drifts in staging only: still ready for production.
          entry: entry('staging-drift', {
            riskLevel: 'Severe',
            owner: 'group:default/pricing',
          }),
          status: indexStatus({
            governanceStatus: 'APPROVED',
            latestApprovedVersion: '2.0.0',
            driftStatus: 'drift',
            reportedEnvironments: ['production', 'staging'],
            driftingEnvironments: ['staging'],
          }),
        },
        {
          // Drifts, never reported from production: not ready there.
          entry: entry('drift-elsewhere', { tags: ['100%_sure'] }),
          status: indexStatus({
            governanceStatus: 'APPROVED',
            latestApprovedVersion: '1.0.0',
            driftStatus: 'drift',
            reportedEnvironments: ['staging'],
            driftingEnvironments: ['staging'],
          }),
        },
        {
          entry: entry('retired', {
            lifecycle: 'retired',
            riskLevel: undefined,
          }),
          status: indexStatus({
            governanceStatus: 'APPROVED',
            latestApprovedVersion: '1.0.0',
          }),
        },
      ],
      { statusComputedAt: at },
    );
    const names = async (q: Partial<ModelIndexQuery>) =>
      (await index.query(query(q))).items.map(m => m.name);

    expect(await names({ filters: { readyFor: 'production' } })).toEqual([
      'approved',
      'staging-drift',
    ]);
    expect(await names({ filters: { readyFor: 'staging' } })).toEqual([
      'approved',
    ]);
    // Filters compare as the catalog does: case-insensitively.
    expect(
      await names({ filters: { owner: 'Group:Default/Pricing' } }),
    ).toEqual(['staging-drift']);
    // The search box matches title and tags; % and _ are plain characters.
    expect(await names({ search: 'scorer' })).toEqual(['approved']);
    expect(await names({ search: '100%_' })).toEqual(['drift-elsewhere']);
    expect(await names({ search: '1%' })).toEqual([]);
    // Risk first, unknown risk last when descending; ties by name.
    expect(await names({ orderBy: 'riskLevel', order: 'desc' })).toEqual([
      'staging-drift',
      'approved',
      'drift-elsewhere',
      'retired',
    ]);
    // Without the right to see statuses, status filters match nothing and
    // status sorts do not reveal them.
    expect(
      await names({ filters: { driftStatus: 'drift' }, statusVisible: false }),
    ).toEqual([]);
    expect(
      await names({
        orderBy: 'driftStatus',
        order: 'desc',
        statusVisible: false,
      }),
    ).toEqual(['staging-drift', 'retired', 'drift-elsewhere', 'approved']);
    const page = await index.query(query({ limit: 1, offset: 1 }));
    expect(page).toMatchObject({
      totalItems: 4,
      items: [{ name: 'drift-elsewhere' }],
    });

    // Past the last page: no items, still the count.
    expect(await index.query(query({ offset: 10 }))).toEqual({
      items: [],
      totalItems: 4,
    });
    expect(
      await index.query(query({ filters: { driftStatus: 'stale' } })),
    ).toEqual({ items: [], totalItems: 0 });

    const facets = await index.facets();
    expect(facets.owner).toEqual([
      { value: 'group:default/credit-risk', count: 3 },
      { value: 'group:default/pricing', count: 1 },
    ]);
    expect(facets.lifecycle).toEqual([
      { value: 'production', count: 3 },
      { value: 'retired', count: 1 },
    ]);
    expect(facets.system).toEqual([]);
  });
});
