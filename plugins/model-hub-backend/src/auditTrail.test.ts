import { mockCredentials } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';
import { loadOpenApiSpec } from './schema/spec';

/*
 * The audit trail can only be appended to, by the operations it records: no
 * endpoint or action changes or removes an event (and the database refuses
 * to, see DatabaseAuditStore.test.ts).
 */
jest.setTimeout(60_000);

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

describe('the audit trail in the API contract', () => {
  it('offers only GET on audit paths', () => {
    const paths: Record<string, Record<string, unknown>> = loadOpenApiSpec()
      .paths;
    const auditPaths = Object.keys(paths).filter(path =>
      path.toLocaleLowerCase('en-US').includes('audit'),
    );
    expect(auditPaths).not.toEqual([]);
    for (const path of auditPaths) {
      const methods = Object.keys(paths[path]).filter(key =>
        HTTP_METHODS.includes(key.toLocaleLowerCase('en-US')),
      );
      expect({ path, methods }).toEqual({ path, methods: ['get'] });
    }
  });
});

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const model = '/models/default/credit-scoring-pd';

describe.each(ids)('the audit trail over HTTP on %s', databaseId => {
  it('is not changed by any request but those it records', async () => {
    const { backend, base, knex } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
    });
    try {
      const published = await callJson(`${base}${model}/versions`, {
        auth: dana,
        body: {
          version: '1.0.0',
          artifactUri: 's3://models/pd/1.0.0',
          referenceProfile: { rows: incomeRows(300, 0) },
        },
      });
      expect(published.status).toBe(201);
      const rows = await knex('model_audit_events').select();
      expect(rows).toHaveLength(1);
      const trail = await callJson(`${base}${model}/audit-events`, {
        auth: dana,
      });
      expect(trail.status).toBe(200);
      expect(trail.body.totalItems).toBe(1);

      const eventId = trail.body.items[0].id;
      const accepted: string[] = [];
      for (const path of [
        `${model}/audit-events`,
        `${model}/audit-events/${eventId}`,
      ]) {
        for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
          const res = await callJson(`${base}${path}`, {
            method,
            auth: dana,
            body: { actor: 'user:default/mallory', action: 'alias.moved' },
          });
          if (res.status !== 404 && res.status !== 405) {
            accepted.push(`${method} ${path}: ${res.status}`);
          }
        }
      }
      expect(accepted).toEqual([]);
      expect(await knex('model_audit_events').select()).toEqual(rows);

      // No action for agents or templates is allowed to destroy anything.
      const actions = await callJson(`${base}/.backstage/actions/v1/actions`, {
        auth: dana,
      });
      expect(actions.status).toBe(200);
      expect(actions.body.actions.length).toBeGreaterThan(0);
      for (const action of actions.body.actions) {
        expect({ name: action.name, ...action.attributes }).toMatchObject({
          name: action.name,
          destructive: false,
        });
      }
    } finally {
      await backend.stop();
    }
  });
});
