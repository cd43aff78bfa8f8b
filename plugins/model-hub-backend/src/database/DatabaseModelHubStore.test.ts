import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseModelHubStore } from './DatabaseModelHubStore';

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const modelRef = 'model:default/fraud';
const input = {
  version: '2.0.0',
  artifactUri: 's3://models/fraud/2.0.0',
  datasets: ['resource:default/transactions'],
  metrics: [{ name: 'recall', value: 0.91, slice: 'card-not-present' }],
  evidence: {},
};

describe.each(databases.eachSupportedId())(
  'DatabaseModelHubStore on %s',
  id => {
    async function createStore() {
      const knex = await databases.init(id);
      const store = await DatabaseModelHubStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    it('publishes idempotently, refuses conflicting content, and audits once', async () => {
      const { store } = await createStore();
      const at = '2026-11-22T10:00:00.000Z';
      const first = await store.publishVersion(
        modelRef,
        input,
        'user:default/a',
        at,
      );
      expect(first.created).toBe(true);
      // Key order does not matter for identical content.
      const again = await store.publishVersion(
        modelRef,
        {
          metrics: [{ value: 0.91, slice: 'card-not-present', name: 'recall' }],
          evidence: {},
          datasets: input.datasets,
          artifactUri: input.artifactUri,
          version: input.version,
        },
        'user:default/a',
        at,
      );
      expect(again.created).toBe(false);
      await expect(
        store.publishVersion(
          modelRef,
          { ...input, artifactUri: 's3://x' },
          'user:default/a',
          at,
        ),
      ).rejects.toThrow(/already published with different content/);
      const audit = await store.listAuditEvents(modelRef, {
        limit: 10,
        offset: 0,
      });
      expect(audit.totalItems).toBe(1);
      expect((await store.getVersion(modelRef, '2.0.0'))?.metrics).toEqual(
        input.metrics,
      );
    });

    it('stores nothing of a write that fails part-way', async () => {
      const { store } = await createStore();
      await store.publishVersion(
        modelRef,
        input,
        'user:default/a',
        '2026-11-22T10:00:00.000Z',
      );
      // A review request first attaches evidence to the version, then inserts
      // the review; make the insert fail (no risk level): the evidence must
      // not stay attached, and no audit event may be written.
      const outcome = await store
        .createReview(
          {
            modelRef,
            version: '2.0.0',
            riskLevel: null as any,
            requiredApprovals: 1,
            reviewCadenceMonths: 12,
            requiredEvidence: ['independentValidation'],
            requestedBy: 'user:default/a',
            requestedAt: '2026-11-22T11:00:00.000Z',
          },
          { independentValidation: 'https://wiki.example.com/validation' },
        )
        .then(
          r => `resolved ${JSON.stringify(r)}`,
          e => `rejected ${e.message}`,
        );
      expect(outcome).toMatch(/^rejected/);
      expect((await store.getVersion(modelRef, '2.0.0'))?.evidence).toEqual({});
      expect(
        (await store.listAuditEvents(modelRef, { limit: 10, offset: 0 }))
          .totalItems,
      ).toBe(1);
    });

    it('pages versions newest first', async () => {
      const { store } = await createStore();
      for (let i = 1; i <= 5; i++) {
        await store.publishVersion(
          modelRef,
          { ...input, version: `1.${i}.0` },
          'user:default/a',
          `2026-11-0${i}T00:00:00.000Z`,
        );
      }
      const page = await store.listVersions(modelRef, { limit: 2, offset: 1 });
      expect(page.totalItems).toBe(5);
      expect(page.items.map(v => v.version)).toEqual(['1.4.0', '1.3.0']);

      // Summaries leave the (possibly large) drift reference out but say
      // whether there is one.
      await store.publishVersion(
        modelRef,
        { ...input, version: '2.0.0', referenceProfile: { rows: [{ x: 1 }] } },
        'user:default/a',
        '2026-11-09T00:00:00.000Z',
      );
      const summaries = await store.listVersionSummaries(modelRef, {
        limit: 2,
        offset: 0,
      });
      expect(summaries.totalItems).toBe(6);
      expect(
        summaries.items.map(v => [
          v.version,
          v.hasReferenceProfile,
          v.referenceProfile,
        ]),
      ).toEqual([
        ['2.0.0', true, undefined],
        ['1.5.0', false, undefined],
      ]);
    });
  },
);
