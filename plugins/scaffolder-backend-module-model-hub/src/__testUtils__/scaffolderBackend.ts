import fs from 'node:fs';
import path from 'node:path';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
// The tests run the real Model Hub backend next to this module, on purpose.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import modelHubPlugin from '@model-hub/backstage-plugin-model-hub-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import knexFactory from 'knex';
import { parse } from 'yaml';
import { scaffolderModuleModelHub } from '../module';
import { REPO_ROOT } from './modelHub';

/*
 * The real scaffolder backend with this module, the real Model Hub backend
 * and a real database per plugin (SQLite in memory, and PostgreSQL when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server),
 * through Backstage's own database service. The catalog is
 * catalogServiceMock with the repository's example entities.
 *
 * Mocked because it cannot run here: GitHub. `publish:github` is a stub
 * that records what it would publish (dry-runs skip it anyway, as they skip
 * every action without dry-run support).
 */

export type DatabaseKind = 'SQLITE' | 'POSTGRES';

/** The subject of the static token generated CI workflows use in these tests. */
export const GITHUB_ACTIONS_SUBJECT = 'external:github-actions';

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/** The databases to test on; CI must provide PostgreSQL. */
export function databaseKinds(): DatabaseKind[] {
  if (!PG && process.env.CI) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING must point at a PostgreSQL server in CI',
    );
  }
  return PG ? ['SQLITE', 'POSTGRES'] : ['SQLITE'];
}

export const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');

/** A template as the dry-run endpoint takes it: the YAML and every file of its folder. */
export function readTemplate(name: string) {
  const dir = path.join(TEMPLATES_DIR, name);
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), {
      withFileTypes: true,
    })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else {
        files.push({
          path: child,
          base64Content: fs
            .readFileSync(path.join(dir, child))
            .toString('base64'),
        });
      }
    }
  };
  walk('');
  const template = parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  return { dir, template, directoryContents: files };
}

/** A template entity as the catalog serves it after reading it from disk. */
export function templateEntity(name: string): Entity {
  const { dir, template } = readTemplate(name);
  const location = `file:${path.join(dir, 'template.yaml')}`;
  return {
    ...template,
    metadata: {
      ...template.metadata,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
  };
}

/** What the publish:github stub was asked to publish. */
export type PublishCall = { input: Record<string, unknown>; files: string[] };

function githubStub(calls: PublishCall[]) {
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'github-stub',
    register({ registerInit }) {
      registerInit({
        deps: { actions: scaffolderActionsExtensionPoint },
        async init({ actions }) {
          actions.addActions(
            createTemplateAction({
              id: 'publish:github',
              description:
                'Stub of publish:github: records instead of publishing',
              schema: {
                input: {
                  repoUrl: z => z.string(),
                  description: z => z.string().optional(),
                  defaultBranch: z => z.string().optional(),
                  repoVisibility: z => z.string().optional(),
                },
                output: {
                  remoteUrl: z => z.string(),
                  repoContentsUrl: z => z.string(),
                },
              },
              async handler(ctx) {
                calls.push({
                  input: ctx.input,
                  files: fs.readdirSync(ctx.workspacePath, {
                    recursive: true,
                  }) as string[],
                });
                ctx.output('remoteUrl', 'https://github.com/acme/stub');
                ctx.output(
                  'repoContentsUrl',
                  'https://github.com/acme/stub/blob/main',
                );
              },
            }),
          );
        },
      });
    },
  });
}

export async function startScaffolderBackend(
  kind: DatabaseKind,
  entities: Entity[],
) {
  const prefix = `mh_tpl_${process.pid}_${Date.now().toString(36)}_`;
  const database =
    kind === 'POSTGRES'
      ? { client: 'pg', connection: PG, prefix }
      : { client: 'better-sqlite3', connection: ':memory:' };
  const published: PublishCall[] = [];
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleModelHub,
      modelHubPlugin,
      githubStub(published),
      catalogServiceMock.factory({ entities }),
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { database },
          // Task workers poll the database until the process ends, also after
          // the backend stops: only the SQLite backend runs real tasks, so that
          // the PostgreSQL databases can be dropped. Dry-runs need no worker.
          scaffolder: { concurrentTasksLimit: kind === 'POSTGRES' ? 0 : 2 },
          // The generated publish workflow's token (GitHub Actions) may act
          // for the marketing-analytics team.
          modelHub: {
            governance: {
              serviceActors: [
                {
                  subject: GITHUB_ACTIONS_SUBJECT,
                  actsFor: ['group:default/marketing-analytics'],
                },
              ],
            },
          },
        },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}`;
  const auth = mockCredentials.user.header('user:default/dana');

  async function scaffolder(method: string, urlPath: string, body?: unknown) {
    const res = await fetch(`${base}/api/scaffolder${urlPath}`, {
      method,
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  return {
    base,
    published,
    /** POST /api/scaffolder/v2/dry-run with a template of templates/. */
    async dryRun(name: string, values: Record<string, unknown>) {
      const { template, directoryContents } = readTemplate(name);
      const res = await scaffolder('POST', '/v2/dry-run', {
        template,
        values,
        directoryContents,
      });
      const files = Object.fromEntries(
        ((res.body.directoryContents ?? []) as typeof directoryContents).map(
          f => [
            f.path,
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ],
        ),
      );
      return { ...res, files };
    },
    /** A real run of a template entity; resolves when the task has finished. */
    async run(templateRef: string, values: Record<string, unknown>) {
      const created = await scaffolder('POST', '/v2/tasks', {
        templateRef,
        values,
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      for (;;) {
        const task = await scaffolder('GET', `/v2/tasks/${created.body.id}`);
        if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
          const events = await scaffolder(
            'GET',
            `/v2/tasks/${created.body.id}/events`,
          );
          return {
            task: task.body,
            events: events.body as Array<{ body: any }>,
          };
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    },
    async stop() {
      // Model Hub re-evaluates golden paths 2 s after each change, in the
      // background: let it finish before the databases go away.
      await new Promise(resolve => setTimeout(resolve, 2500));
      await backend.stop();
      if (kind !== 'POSTGRES') return;
      const admin = knexFactory({ client: 'pg', connection: PG });
      try {
        const { rows } = await admin.raw(
          'SELECT datname FROM pg_database WHERE datname LIKE ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
        }
      } finally {
        await admin.destroy();
      }
      // The stopped backend's idle connections report their end: let them
      // do so while the test file still runs.
      await new Promise(resolve => setTimeout(resolve, 200));
    },
  };
}
