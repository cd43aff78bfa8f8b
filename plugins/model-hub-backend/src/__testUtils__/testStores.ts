import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  GovernancePolicy,
  ModelEntity,
} from '@model-hub/backstage-plugin-model-hub-common';
import { DatabaseModelHubStores } from '../database/DatabaseModelHubStores';
import { ModelAccess } from '../service/ModelAccess';
import { ModelCatalog } from '../service/ModelCatalog';
import { ModelHubNotifier } from '../service/ModelHubNotifier';

/**
 * The databases the store and service tests run on: SQLite, and the
 * PostgreSQL server of BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.
 * Call at the top of a test file (it registers the clean-up with Jest).
 * TestDatabases silently skips a database it cannot reach, so in CI a missing
 * PostgreSQL fails instead.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  if (process.env.CI && !databases.supports('POSTGRES_15')) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING must point at a PostgreSQL server in CI',
    );
  }
  return databases;
}

/** Fresh stores on a fresh, migrated database. */
export async function createTestStores(
  databases: TestDatabases,
  id: Parameters<TestDatabases['init']>[0],
) {
  const knex = await databases.init(id);
  const stores = await DatabaseModelHubStores.create({
    database: mockServices.database({ knex }),
  });
  return { knex, stores };
}

export const testModelRef = 'model:default/fraud';

/** A model that every caller may do everything with. */
export function testModelAccess(): ModelAccess {
  const entity = {
    apiVersion: 'model-hub.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'fraud', namespace: 'default' },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:default/risk',
      risk: {
        assessments: {
          unavailability: { likelihood: 1, impact: 1 },
          wrongPrediction: { likelihood: 1, impact: 1 },
          degradation: { likelihood: 1, impact: 1 },
          skillsLoss: { likelihood: 1, impact: 1 },
        },
        rationale: 'test',
        regulatoryCategory: 'minimal',
        businessDomain: 'payments',
      },
    },
  } as ModelEntity;
  const models: ModelCatalog = {
    getModel: async () => entity,
    getModels: async refs => new Map(refs.map(ref => [ref, entity])),
  };
  return new ModelAccess(
    models,
    mockServices.permissions(),
    mockServices.auth(),
    mockServices.userInfo(),
  );
}

/** Two approvals, no evidence, yearly reviews, whatever the risk. */
export const testGovernancePolicy: GovernancePolicy = (() => {
  const level = { evidence: [], approvals: 2, reviewCadenceMonths: 12 };
  return {
    levels: { Low: level, Medium: level, High: level, Severe: level },
    euAiActHighRisk: level,
  };
})();

export const silentNotifier: ModelHubNotifier = {
  notifyModelOwners: async () => {},
};
