import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { AlphaEntity as Entity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleModelHub } from '../module';

/**
 * The databases the catalog tests run on: SQLite always, PostgreSQL 15 when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at a server
 * (e.g. postgresql://postgres@127.0.0.1:5432). Docker is never started.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
}

export type CatalogTestBackend = {
  baseUrl: string;
  /** Errors reported by the catalog's processing error handler, by entity ref. */
  processingErrors: Map<string, Error[]>;
  getEntity(ref: string): Promise<Entity | undefined>;
  getEntities(filter?: string): Promise<Entity[]>;
  refresh(entityRef: string): Promise<void>;
  stop(): Promise<void>;
};

const ALLOWED_KINDS = [
  'Component',
  'API',
  'Resource',
  'System',
  'Domain',
  'Group',
  'User',
  'Location',
  'Model',
];

/**
 * Starts the real catalog backend with the Model Hub module, reading the given
 * file locations and processing about once per second.
 */
export async function startCatalogTestBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  locations: string[];
}): Promise<CatalogTestBackend> {
  const knex = await options.databases.init(options.databaseId);
  const processingErrors = new Map<string, Error[]>();
  const errorCapture = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-capture',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.setOnProcessingErrorHandler(
            ({ unprocessedEntity, errors }) => {
              const ref = `${unprocessedEntity.kind}:${
                unprocessedEntity.metadata.namespace ?? 'default'
              }/${unprocessedEntity.metadata.name}`.toLocaleLowerCase('en-US');
              processingErrors.set(ref, errors);
            },
          );
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleModelHub,
      errorCapture,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ALLOWED_KINDS }],
            locations: options.locations.map(target => ({
              type: 'file',
              target,
            })),
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;

  async function request(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init?.headers },
    });
  }

  return {
    baseUrl,
    processingErrors,
    async getEntity(ref) {
      const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
      if (!match) {
        throw new Error(`Use full refs in tests, got ${ref}`);
      }
      const [, kind, namespace, name] = match;
      const res = await request(
        `/entities/by-name/${kind}/${namespace}/${encodeURIComponent(name)}`,
      );
      if (res.status === 404) {
        return undefined;
      }
      if (!res.ok) {
        throw new Error(`GET ${ref} failed: ${res.status} ${await res.text()}`);
      }
      return res.json();
    },
    async getEntities(filter) {
      const query = filter ? `?filter=${encodeURIComponent(filter)}` : '';
      const res = await request(`/entities${query}`);
      if (!res.ok) {
        throw new Error(`GET /entities failed: ${res.status}`);
      }
      return res.json();
    },
    async refresh(entityRef) {
      const res = await request('/refresh', {
        method: 'POST',
        body: JSON.stringify({ entityRef }),
      });
      if (!res.ok) {
        throw new Error(`refresh failed: ${res.status} ${await res.text()}`);
      }
    },
    stop: () => backend.stop(),
  };
}

/**
 * Retries an assertion until it passes or the timeout is reached; the last
 * failure is rethrown.
 */
export async function eventually<T>(
  assertion: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

/** The relations of an entity as sorted `type targetRef` strings. */
export function relationsOf(entity: Entity | undefined): string[] {
  return (entity?.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();
}
