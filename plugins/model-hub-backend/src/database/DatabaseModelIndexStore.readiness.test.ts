import { readinessFor } from '@model-hub/backstage-plugin-model-hub-common';
import {
  READINESS_FIXTURE_ENVIRONMENTS,
  READINESS_FIXTURES,
} from '@model-hub/backstage-plugin-model-hub-common/testUtils';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { indexStatus } from '../__testUtils__/indexStatus';
import { isIndexedModelReadyFor, ModelIndexEntry } from '../service/modelIndex';
import { DatabaseModelIndexStore } from './DatabaseModelIndexStore';
import { ModelIndexQuery } from './ModelIndexStore';

/*
 * The model index's readyFor filter is Model Hub's readiness rule in SQL.
 * Here it runs on SQLite and PostgreSQL over the fixtures shared with
 * model-hub-common, and must select exactly the models `readinessFor` calls
 * ready, for every fixture environment.
 */

const databases = createTestDatabases();

const entityRef = (name: string) => `model:default/${name}`;

function entry(fixture: (typeof READINESS_FIXTURES)[number]): ModelIndexEntry {
  return {
    entityRef: entityRef(fixture.name),
    namespace: 'default',
    name: fixture.name,
    tags: [],
    lifecycle: fixture.facts.lifecycle,
    regulatoryCategory: fixture.facts.regulatoryCategory,
    riskLevel: 'Medium',
  };
}

const status = (fixture: (typeof READINESS_FIXTURES)[number]) =>
  indexStatus({
    governanceStatus: fixture.governanceStatus,
    latestApprovedVersion: fixture.facts.latestApprovedVersion,
    driftStatus: fixture.facts.driftStatus ?? 'unknown',
    reportedEnvironments: fixture.facts.drift.map(d => d.environment),
    driftingEnvironments: fixture.facts.drift
      .filter(d => d.status === 'drift')
      .map(d => d.environment),
  });

const query = (readyFor: string): ModelIndexQuery => ({
  filters: { readyFor },
  orderBy: 'name',
  order: 'asc',
  limit: 1000,
  offset: 0,
  statusVisible: true,
});

describe.each(databases.eachSupportedId())(
  "The model index's readyFor filter on %s",
  id => {
    it('selects exactly the models readinessFor calls ready', async () => {
      const { knex } = await createTestStores(databases, id);
      const store = new DatabaseModelIndexStore(knex);
      await store.upsert(
        READINESS_FIXTURES.map(f => ({ entry: entry(f), status: status(f) })),
        { statusComputedAt: new Date('2026-12-01T10:00:00.000Z') },
      );
      const stored = await store.get(
        READINESS_FIXTURES.map(f => entityRef(f.name)),
      );

      for (const environment of READINESS_FIXTURE_ENVIRONMENTS) {
        const expected = READINESS_FIXTURES.filter(
          f => readinessFor(f.facts, environment).ready,
        )
          .map(f => entityRef(f.name))
          .sort();
        const selected = (await store.pageEntries(query(environment)))
          .map(e => e.entityRef)
          .sort();
        // The environment is in the assertion, so a failure names it.
        expect({ environment, selected }).toEqual({
          environment,
          selected: expected,
        });
        expect(await store.count(query(environment))).toBe(expected.length);
        // The rule over an index row (readyForProduction on list items)
        // agrees too, as the row reads back from the database.
        const fromRows = [...stored.values()]
          .filter(model => isIndexedModelReadyFor(environment, model))
          .map(model => model.entityRef)
          .sort();
        expect({ environment, fromRows }).toEqual({
          environment,
          fromRows: expected,
        });
      }
    });

    it('has fixtures where the answer differs between environments', () => {
      const answers = READINESS_FIXTURES.map(f =>
        READINESS_FIXTURE_ENVIRONMENTS.map(
          env => readinessFor(f.facts, env).ready,
        ),
      );
      expect(answers.some(a => a.includes(true) && a.includes(false))).toBe(
        true,
      );
    });
  },
);
