import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogModelHubModule from '@model-hub/backstage-plugin-catalog-backend-module-model-hub';
import knexFactory, { Knex } from 'knex';
import { modelHubPlugin } from '../plugin';

/**
 * The databases the backend tests run on. Each backend gets one database per
 * plugin, as in production: in-memory SQLite, and on PostgreSQL databases
 * with a per-run prefix that are dropped afterwards. PostgreSQL comes from
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (set by
 * scripts/test.sh); without it the PostgreSQL cases fail in CI rather than
 * silently skip.
 */
export const TEST_DATABASES = (() => {
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg && process.env.CI) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING must point at a PostgreSQL server in CI',
    );
  }
  return [
    { id: 'SQLite', client: 'better-sqlite3' as const },
    ...(pg ? [{ id: 'PostgreSQL', client: 'pg' as const, url: pg }] : []),
  ];
})();

export type TestDatabase = (typeof TEST_DATABASES)[number];

function databaseConfig(db: TestDatabase, prefix: string) {
  if (db.client === 'better-sqlite3') {
    return { client: 'better-sqlite3', connection: ':memory:' };
  }
  return { client: 'pg', connection: db.url, prefix };
}

/** Drops the databases a PostgreSQL test backend created. */
export async function dropTestDatabases(db: TestDatabase, prefix: string) {
  if (db.client !== 'pg') return;
  const admin: Knex = knexFactory({ client: 'pg', connection: db.url });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/**
 * The permissions service of the tests: allows everything except review
 * decisions by the listed users. The real permission backend cannot sit behind
 * the test backend's mock auth (it refuses the mock's user tokens for the
 * catalog's conditional checks), so the decision point is stood in for here;
 * Model Hub still asks it through coreServices.permissions like in production.
 */
function testPermissions(deniedReviewers: string[]) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      async authorize(requests: any[], options: any) {
        const user = options?.credentials?.principal?.userEntityRef;
        return requests.map(request => ({
          result:
            request.permission.name === 'model-hub.review.decide' &&
            deniedReviewers.includes(user)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests: any[]) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    }),
  });
}

export function writeCatalogFile(entitiesYaml: string): {
  dir: string;
  file: string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-hub-test-'));
  const file = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(file, entitiesYaml);
  return { dir, file };
}

/**
 * Starts the real catalog (with the Model kind), notifications
 * and signals backends next to Model Hub.
 */
export async function startModelHubTestBackend(options: {
  db: TestDatabase;
  prefix: string;
  catalogFile: string;
  deniedReviewers?: string[];
  config?: Record<string, unknown>;
}) {
  // One mock scheduler for all plugins, so tests can trigger Model Hub's job.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: {
      skipTaskRunOnStartup?: boolean;
    }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
  };
  const backend = await startTestBackend({
    features: [
      scheduler.factory({ skipTaskRunOnStartup: true }),
      modelHubPlugin,
      catalogPlugin,
      catalogModelHubModule,
      notificationsPlugin,
      signalsPlugin,
      databaseServiceFactory,
      testPermissions(options.deniedReviewers ?? []),
      // Requests without a token are anonymous, as in production (the mock
      // would otherwise treat them as a default user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: databaseConfig(options.db, options.prefix) },
          app: { baseUrl: 'http://localhost:3000' },
          permission: { enabled: true },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              { allow: ['Model', 'Group', 'User', 'Component', 'Location'] },
            ],
            locations: [{ type: 'file', target: options.catalogFile }],
          },
          ...options.config,
        },
      }),
    ],
  });
  return { backend, scheduler, port: backend.server.port() };
}
