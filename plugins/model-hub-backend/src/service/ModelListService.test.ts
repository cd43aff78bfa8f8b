import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DatabaseModelIndexStore } from '../database/DatabaseModelIndexStore';
import { DatabaseModelSummaryStore } from '../database/DatabaseModelSummaryStore';
import { modelEntity } from '../__testUtils__/entities';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { modelIndexEntryOf } from './modelIndex';
import { indexStatus } from '../__testUtils__/indexStatus';
import { ModelIndexService } from './ModelIndexService';
import { ModelListQuery, ModelListService } from './ModelListService';

const databases = createTestDatabases();

const approved = (version: string) =>
  indexStatus({
    governanceStatus: 'APPROVED',
    latestApprovedVersion: version,
    driftStatus: 'ok',
    reportedEnvironments: ['production'],
  });

const firstPage: ModelListQuery = { limit: 2, offset: 0 };

describe.each(databases.eachSupportedId())(
  'The model list from the index on %s',
  id => {
    // Callers without Model Hub reads see models without statuses.
    const reader = mockCredentials.user('user:default/reader');
    const browser = mockCredentials.user('user:default/browser');

    async function setUp() {
      const { knex } = await createTestStores(databases, id);
      const entities = ['alpha', 'beta', 'gamma'].map(name =>
        modelEntity(name),
      );
      const store = new DatabaseModelIndexStore(knex);
      const clock = () => new Date('2026-12-01T10:00:00.000Z');
      const index = new ModelIndexService({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        summaries: new DatabaseModelSummaryStore(knex),
        index: store,
        clock,
        staleAfterMs: 48 * 3600_000,
        logger: mockServices.logger.mock(),
      });
      await index.refreshAll();
      const listed = jest.spyOn(store, 'listed');
      const list = new ModelListService({
        catalog: catalogServiceMock({ entities }),
        summaries: new DatabaseModelSummaryStore(knex),
        permissions: mockServices.permissions.mock({
          async authorizeConditional(requests, options) {
            const principal = options.credentials.principal as {
              userEntityRef?: string;
            };
            const readsStatus =
              principal.userEntityRef === 'user:default/reader';
            return requests.map(r => ({
              result:
                r.permission.name === 'catalog.entity.read' || readsStatus
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            }));
          },
        }),
        clock,
        staleAfterMs: 48 * 3600_000,
        index: { store, service: index },
      });
      const page = async (credentials = reader) =>
        JSON.parse(await list.listJson(firstPage, credentials));
      // Another replica on the same database: its writes do not pass
      // through this instance.
      const otherReplica = new DatabaseModelIndexStore(knex);
      return { page, listed, otherReplica };
    }

    it('answers the page as JSON, and reads a model again only when its content changed', async () => {
      const { page, listed, otherReplica } = await setUp();

      const first = await page();
      expect(first).toEqual({
        items: [
          expect.objectContaining({
            entityRef: 'model:default/alpha',
            status: expect.objectContaining({
              governanceStatus: 'NOT_STARTED',
            }),
          }),
          expect.objectContaining({ entityRef: 'model:default/beta' }),
        ],
        totalItems: 3,
        facets: expect.objectContaining({
          type: [{ value: 'classification', count: 3 }],
        }),
      });
      expect(listed).toHaveBeenCalledTimes(1);

      // The same page again: nothing changed, nothing is read but the page.
      expect(await page()).toEqual(first);
      expect(listed).toHaveBeenCalledTimes(1);

      // Another replica approves beta: it shows on the next page at once,
      // and only beta is read again.
      await otherReplica.updateStatuses(
        new Map([['model:default/beta', approved('1.0.0')]]),
        new Date('2026-12-01T10:01:00.000Z'),
      );
      const after = await page();
      expect(after.items[1]).toMatchObject({
        entityRef: 'model:default/beta',
        status: {
          governanceStatus: 'APPROVED',
          latestApprovedVersion: '1.0.0',
          readyForProduction: true,
        },
      });
      expect(after.items[0]).toEqual(first.items[0]);
      expect(listed).toHaveBeenLastCalledWith(['model:default/beta']);

      // An entity change shows at once too.
      await otherReplica.upsert(
        [
          {
            entry: {
              ...modelIndexEntryOf(modelEntity('alpha')),
              title: 'Alpha, renamed',
            },
            status: approved('2.0.0'),
          },
        ],
        { statusComputedAt: new Date('2026-12-01T10:02:00.000Z') },
      );
      expect((await page()).items[0]).toMatchObject({
        title: 'Alpha, renamed',
        status: { latestApprovedVersion: '2.0.0' },
      });
    });

    it('keeps the items of callers who may not read statuses apart', async () => {
      const { page } = await setUp();
      expect((await page(reader)).items[0].status).toBeDefined();
      const items = (await page(browser)).items;
      expect(items.map((i: any) => i.entityRef)).toEqual([
        'model:default/alpha',
        'model:default/beta',
      ]);
      expect(items.every((i: any) => i.status === undefined)).toBe(true);
      expect((await page(reader)).items[0].status).toBeDefined();
    });
  },
);
