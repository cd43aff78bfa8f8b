import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';
import { DatabaseModelHubStores } from './DatabaseModelHubStores';

const databases = createTestDatabases();

const input = {
  version: '1.0.0',
  artifactUri: 's3://models/fraud/1.0.0',
  datasets: [],
  metrics: [],
  evidence: {},
};
const at = '2026-11-22T10:00:00.000Z';
const published = { contentHash: 'abc', by: 'user:default/a', at };
const audited = {
  modelRef,
  action: 'version.published' as const,
  actor: 'user:default/a',
  occurredAt: at,
  payload: {},
};

describe.each(databases.eachSupportedId())(
  'DatabaseModelHubStores on %s',
  id => {
    it('commits a write and its audit event together', async () => {
      const { stores } = await createTestStores(databases, id);
      await stores.transaction(async tx => {
        await tx.versions.insert(modelRef, input, published);
        await tx.audit.append(audited);
      });
      expect(await stores.versions.get(modelRef, '1.0.0')).toBeDefined();
      expect(
        (await stores.audit.list(modelRef, { limit: 10, offset: 0 }))
          .totalItems,
      ).toBe(1);
    });

    it('stores nothing of a write that fails part-way', async () => {
      const { stores } = await createTestStores(databases, id);
      await stores.versions.insert(modelRef, input, published);
      // An audit event, then a review insert that the database refuses (no
      // risk level): the audit event may not stay.
      // `.then(ok, err)`, not `.rejects`: Jest's matcher trips over SQLite's
      // error objects.
      const outcome = await stores
        .transaction(async tx => {
          await tx.audit.append(audited);
          await tx.reviews.create({
            modelRef,
            version: '1.0.0',
            riskLevel: null as any,
            requiredApprovals: 1,
            reviewCadenceMonths: 12,
            requiredEvidence: [],
            attachedEvidence: {},
            requestedBy: 'user:default/a',
            requestedAt: at,
          });
        })
        .then(
          () => 'resolved',
          e => `rejected ${e.message}`,
        );
      expect(outcome).toMatch(/^rejected/);
      expect((await stores.versions.get(modelRef, '1.0.0'))?.evidence).toEqual(
        {},
      );
      expect(
        (await stores.audit.list(modelRef, { limit: 10, offset: 0 }))
          .totalItems,
      ).toBe(0);
      expect(
        (await stores.reviews.list(modelRef, { limit: 10, offset: 0 }))
          .totalItems,
      ).toBe(0);
    });

    it('rolls back a transaction the caller aborts, and reports why', async () => {
      const { stores } = await createTestStores(databases, id);
      const outcome = await stores
        .transaction(async tx => {
          await tx.audit.append(audited);
          throw new Error('changed my mind');
        })
        .then(
          () => 'resolved',
          e => `rejected ${e.message}`,
        );
      expect(outcome).toBe('rejected changed my mind');
      expect(
        (await stores.audit.list(modelRef, { limit: 10, offset: 0 }))
          .totalItems,
      ).toBe(0);
    });

    it('leaves migrations alone when asked to', async () => {
      const knex = await databases.init(id);
      await DatabaseModelHubStores.create({
        database: mockServices.database({ knex }),
        skipMigrations: true,
      });
      expect(await knex.schema.hasTable('model_versions')).toBe(false);
    });
  },
);
