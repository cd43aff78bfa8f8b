import {
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { modelHubPlugin } from '../plugin';

/**
 * The databases the tests run on: SQLite and the PostgreSQL server given by
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh sets
 * it; in CI its absence is an error rather than a silent skip).
 */
export function modelHubTestDatabases(): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg && process.env.CI) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING must point at a PostgreSQL server in CI',
    );
  }
  const ids: TestDatabaseId[] = pg ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'];
  return {
    databases: TestDatabases.create({ ids, disableDocker: true }),
    ids,
  };
}

/** Notifications Model Hub sent, captured instead of delivered. */
export type SentNotification = Parameters<NotificationService['send']>[0];

/**
 * Starts Model Hub alone, in the style of Backstage's own plugin tests: the
 * catalog is `catalogServiceMock` with the given entities, auth, permissions
 * and config are `mockServices`, the database is a real one from
 * `TestDatabases`, and the actions registry is Backstage's own (so actions
 * are listed and invoked over HTTP as the MCP server does).
 */
export async function startModelHubMockBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  entities: Entity[];
  config?: JsonObject;
  extraFeatures?: Array<ServiceFactory | Promise<{ default: unknown }> | any>;
}) {
  const knex = await options.databases.init(options.databaseId);
  const sent: SentNotification[] = [];
  const backend = await startTestBackend({
    features: [
      modelHubPlugin,
      actionsRegistryServiceFactory,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification) {
            sent.push(notification);
          },
        }),
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
  return {
    backend,
    sent,
    knex,
    base: `http://localhost:${backend.server.port()}/api/model-hub`,
  };
}

/** A JSON request to the test backend, returning status and parsed body. */
export async function callJson(
  url: string,
  options: { method?: string; auth?: string; body?: unknown } = {},
) {
  const res = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.auth ? { Authorization: options.auth } : {}),
      ...(options.body !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}
