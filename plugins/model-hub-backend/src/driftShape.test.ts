import { mockCredentials } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Drift bounded by the data's shape (issue #22): a reference or a window
 * with more columns, or a column with more categories, than the caps is
 * refused with a 400 naming the cap, and nothing is stored.
 */
jest.setTimeout(60_000);

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const model = '/models/default/credit-scoring-pd';

describe.each(ids)(
  'drift bounded by the shape of the data on %s',
  databaseId => {
    let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
    const call = (path: string, body?: unknown) =>
      callJson(`${started.base}${model}${path}`, { auth: dana, body });

    beforeAll(async () => {
      started = await startModelHubMockBackend({
        databases,
        databaseId,
        entities: [modelEntity('credit-scoring-pd')],
      });
    });
    afterAll(() => started.backend.stop());

    it('refuses a reference with more columns than the cap, listing a few', async () => {
      // 20,000 rows, each with a column of its own.
      const sparse = Array.from({ length: 20_000 }, (_, i) => ({
        [`c${i}`]: i,
      }));
      const refused = await call('/versions', {
        version: '0.1.0',
        artifactUri: 's3://x',
        referenceProfile: { rows: sparse },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'referenceProfile: the reference has more than 1000 columns, the most a table may have (maxColumns): c0, c1, c2, c3, c4 and 996 more',
      );
      expect((await call('/versions')).body.totalItems).toBe(0);
    });

    it('refuses a window with more columns, or a column with more categories, than the caps', async () => {
      expect(
        (
          await call('/versions', {
            version: '1.0.0',
            artifactUri: 's3://x',
            referenceProfile: {
              rows: incomeRows(300, 0).map((row, i) => ({
                ...row,
                customer: `c${i % 50}`,
              })),
            },
          })
        ).status,
      ).toBe(201);
      const window = (rows: Array<Record<string, unknown>>) =>
        call('/versions/1.0.0/drift-reports', {
          environment: 'production',
          windowStart: '2026-11-30T09:00:00Z',
          windowEnd: '2026-11-30T10:00:00Z',
          rows,
        });
      const wide = await window(
        Array.from({ length: 1500 }, (_, i) => ({ income: 1, [`x${i}`]: i })),
      );
      expect(wide.status).toBe(400);
      expect(wide.body.error.message).toMatch(
        /^rows has more than 1000 columns, the most a table may have \(maxColumns\): income, x0, x1, x2, x3 and 996 more$/,
      );
      const manyIds = await window(
        incomeRows(12_000, 0).map((row, i) => ({
          ...row,
          customer: `id-${i}`,
        })),
      );
      expect(manyIds.status).toBe(400);
      expect(manyIds.body.error.message).toMatch(
        /^column "customer" has more than 10000 distinct categories, the most a column may have \(maxCategories\)/,
      );
      expect(
        (
          await callJson(`${started.base}${model}/drift-reports`, {
            auth: dana,
          })
        ).body.totalItems,
      ).toBe(0);
    });
  },
);
