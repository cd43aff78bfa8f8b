import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

// The catalog API only accepts `url` locations by default; a local file stands
// in for the repository a user would register through the UI (no Git host here).
const allowFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

/*
 * The app's default database is a set of SQLite files (app-config.yaml,
 * backend.database.connection.directory). What a user registers must survive a
 * restart: this test starts the real catalog on such a directory, registers a
 * location, stops the backend, starts a new one on the same directory and finds
 * the location and its entity again without registering anything.
 */
describe('embedded SQLite storage', () => {
  let workDir: string;

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-hub-persistence-'));
    fs.writeFileSync(
      path.join(workDir, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: persisted-service',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:default/ml-platform',
      ].join('\n'),
    );
  });

  afterEach(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function startBackend() {
    return startTestBackend({
      features: [
        catalogPlugin,
        allowFileLocations,
        databaseServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'better-sqlite3',
                connection: { directory: path.join(workDir, 'sqlite') },
              },
            },
            catalog: { rules: [{ allow: ['Component', 'Location'] }] },
          },
        }),
      ],
    });
  }

  async function api(port: number, route: string, init?: RequestInit) {
    return fetch(`http://localhost:${port}/api/catalog${route}`, {
      ...init,
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
    });
  }

  async function waitForEntity(port: number) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const res = await api(
        port,
        '/entities/by-name/component/default/persisted-service',
      );
      if (res.status === 200) return res.json();
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error('entity was never processed');
  }

  it('keeps registered locations and entities across a restart', async () => {
    const target = path.join(workDir, 'catalog-info.yaml');

    const first = await startBackend();
    const port = first.server.port();
    const created = await api(port, '/locations', {
      method: 'POST',
      body: JSON.stringify({ type: 'file', target }),
    });
    expect(created.status).toBe(201);
    await waitForEntity(port);
    await first.stop();

    expect(fs.readdirSync(path.join(workDir, 'sqlite'))).toContain(
      'catalog.sqlite',
    );

    const second = await startBackend();
    const port2 = second.server.port();
    const locations = await (await api(port2, '/locations')).json();
    expect(
      locations.map((l: { data: { target: string } }) => l.data.target),
    ).toContain(target);
    const entity = await (
      await api(port2, '/entities/by-name/component/default/persisted-service')
    ).json();
    expect(entity.spec.owner).toBe('group:default/ml-platform');
    await second.stop();
  }, 60_000);
});
