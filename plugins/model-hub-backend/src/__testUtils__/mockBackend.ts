import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Knex } from 'knex';
import {
  mockServices,
  ServiceMock,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import { modelHubReviewDecidePermission } from '@model-hub/backstage-plugin-model-hub-common';
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
 * The mock scheduler of `mockServices.scheduler()`: besides SchedulerService
 * it makes the factory to install and lets tests wait for a task.
 */
export type MockScheduler = SchedulerService & {
  factory(options?: {
    skipTaskRunOnStartup?: boolean;
  }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
  waitForTask(id: string): Promise<void>;
};

/**
 * A permissions service that allows everything except
 * `model-hub.review.decide` for the given users. Model Hub asks it through
 * `coreServices.permissions`, as it asks the permission backend in
 * production; the jest mocks record what it asked.
 */
export function permissionsDenyingReviewers(
  deniedReviewers: string[],
): ServiceMock<PermissionsService> {
  const decision = (deny: boolean): DefinitivePolicyDecision => ({
    result: deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  });
  return mockServices.permissions.mock({
    async authorize(requests, options) {
      const user = (
        options?.credentials?.principal as
          | { userEntityRef?: string }
          | undefined
      )?.userEntityRef;
      return requests.map(request =>
        decision(
          request.permission.name === modelHubReviewDecidePermission.name &&
            user !== undefined &&
            deniedReviewers.includes(user),
        ),
      );
    },
    async authorizeConditional(requests) {
      return requests.map(() => decision(false));
    },
  });
}

/** What {@link permissionsAllowing} decides on. */
export type PermissionRequestSeen = {
  permission: string;
  /** The model's ref; undefined in a conditional request, asked without one. */
  resourceRef?: string;
  principal?: { type?: string; userEntityRef?: string };
};

/**
 * A permissions service that allows what `allows` says, per request, with
 * definitive decisions only: a policy written as a function of the
 * permission, the resource and the caller.
 */
export function permissionsAllowing(
  allows: (request: PermissionRequestSeen) => boolean,
): ServiceMock<PermissionsService> {
  const decision = (allow: boolean): DefinitivePolicyDecision => ({
    result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  });
  const principalOf = (options?: { credentials?: BackstageCredentials }) =>
    options?.credentials?.principal as PermissionRequestSeen['principal'];
  return mockServices.permissions.mock({
    async authorize(requests, options) {
      return requests.map(r =>
        decision(
          allows({
            permission: r.permission.name,
            resourceRef: (r as { resourceRef?: string }).resourceRef,
            principal: principalOf(options),
          }),
        ),
      );
    },
    async authorizeConditional(requests, options) {
      return requests.map(r =>
        decision(
          allows({
            permission: r.permission.name,
            principal: principalOf(options),
          }),
        ),
      );
    },
  });
}

/**
 * The mock catalog, with entities the catalog's own permissions would hide
 * from some users: `hiddenFrom` maps a user ref to the entity refs their
 * reads (by ref, by refs, queries) do not return.
 */
function catalogHiding(
  entities: Entity[],
  hiddenFrom: Record<string, string[]>,
): ServiceFactory {
  const catalog = catalogServiceMock({ entities });
  const hidden = (
    entity: Entity | undefined | null,
    options?: { credentials?: BackstageCredentials },
  ) => {
    const user = (
      options?.credentials?.principal as { userEntityRef?: string } | undefined
    )?.userEntityRef;
    return Boolean(
      entity &&
        user &&
        hiddenFrom[user]?.includes(stringifyEntityRef(entity).toLowerCase()),
    );
  };
  const overrides: Partial<CatalogService> = {
    async getEntityByRef(ref: any, options: any) {
      const entity = await catalog.getEntityByRef(ref, options);
      return hidden(entity, options) ? undefined : entity;
    },
    async getEntitiesByRefs(request: any, options: any) {
      const { items } = await catalog.getEntitiesByRefs(request, options);
      return {
        items: items.map(e => (e && !hidden(e, options) ? e : undefined)),
      };
    },
    async queryEntities(request: any, options: any) {
      const page = await catalog.queryEntities(request, options);
      const items = page.items.filter(e => !hidden(e, options));
      return {
        ...page,
        items,
        totalItems: page.totalItems - (page.items.length - items.length),
      };
    },
  };
  // Everything else as the mock catalog does it, on the mock itself.
  const hiding = new Proxy(catalog, {
    get(target, property) {
      if (property in overrides) {
        return overrides[property as keyof CatalogService];
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => hiding,
  });
}

const realTimerApis = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/**
 * Moves the wall clock (`Date`, which Model Hub's clock reads) to `now`;
 * timers and everything else keep running for real, so the backend, its
 * database pool and HTTP keep working. Undo with {@link restoreWallClock}.
 */
export function setWallClock(now: Date) {
  jest.useFakeTimers({ doNotFake: [...realTimerApis], now });
}

/** Puts the real wall clock back after {@link setWallClock}. */
export function restoreWallClock() {
  jest.useRealTimers();
}

/**
 * Starts Model Hub alone, in the style of Backstage's own plugin tests: the
 * catalog is `catalogServiceMock` with the given entities, auth, permissions
 * and config are `mockServices`, the database is a real one from
 * `TestDatabases`, and the actions registry is Backstage's own (so actions
 * are listed and invoked over HTTP as the MCP server does).
 *
 * Optional:
 * - `deniedReviewers`: users refused `model-hub.review.decide` (see
 *   {@link permissionsDenyingReviewers}); otherwise everything is allowed.
 * - `defaultCredentials`: the credentials of requests without a token, e.g.
 *   `mockCredentials.none()` so that they get 401 as in production
 *   (by default the mock treats them as the mock user).
 * - `skipTaskRunOnStartup`: do not run Model Hub's scheduled job when the
 *   backend starts; run it with `runScheduledTask`.
 */
export async function startModelHubMockBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  entities: Entity[];
  config?: JsonObject;
  extraFeatures?: Array<ServiceFactory | Promise<{ default: unknown }> | any>;
  deniedReviewers?: string[];
  defaultCredentials?: BackstageCredentials;
  skipTaskRunOnStartup?: boolean;
  /** Groups of users, as their sign-in would give them (user info). */
  memberships?: Record<string, string[]>;
  /** Entity refs the catalog does not show to a user (by user ref). */
  hiddenFrom?: Record<string, string[]>;
  /**
   * A database another backend already uses (a second replica), instead of
   * a new one from `databases`.
   */
  knex?: Knex;
  /**
   * Backstage's real scheduler (`@backstage/backend-defaults/scheduler`),
   * which coordinates global tasks through the database, instead of the
   * mock.
   */
  realScheduler?: boolean;
}) {
  const knex =
    options.knex ?? (await options.databases.init(options.databaseId));
  const sent: SentNotification[] = [];
  // The same mock scheduler as the test backend's default, kept so that
  // tests can trigger the scheduled job.
  const scheduler = mockServices.scheduler() as MockScheduler;
  const permissions = options.deniedReviewers
    ? permissionsDenyingReviewers(options.deniedReviewers)
    : undefined;
  const backend = await startTestBackend({
    features: [
      modelHubPlugin,
      actionsRegistryServiceFactory,
      options.hiddenFrom
        ? catalogHiding(options.entities, options.hiddenFrom)
        : catalogServiceMock.factory({ entities: options.entities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      options.realScheduler
        ? schedulerServiceFactory
        : scheduler.factory({
            skipTaskRunOnStartup: options.skipTaskRunOnStartup,
          }),
      ...(permissions ? [permissions.factory] : []),
      ...(options.memberships ? [userInfoWith(options.memberships)] : []),
      ...(options.defaultCredentials
        ? [
            mockServices.httpAuth.factory({
              defaultCredentials: options.defaultCredentials,
            }),
          ]
        : []),
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

  /** Runs a scheduled task now and waits for it; a failing task fails the call. */
  async function runScheduledTask(id: string) {
    await Promise.all([scheduler.waitForTask(id), scheduler.triggerTask(id)]);
  }

  return {
    backend,
    sent,
    knex,
    base: `http://localhost:${backend.server.port()}/api/model-hub`,
    scheduler,
    runScheduledTask,
    /** The permissions mock, when `deniedReviewers` was given. */
    permissions,
  };
}

/**
 * Backstage's user info (ownership refs, as the sign-in resolver puts them
 * in the user's token) for users with the given group memberships.
 */
function userInfoWith(memberships: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: BackstageCredentials) {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        return {
          userEntityRef,
          ownershipEntityRefs: [
            userEntityRef,
            ...(memberships[userEntityRef] ?? []),
          ],
        };
      },
    }),
  });
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
