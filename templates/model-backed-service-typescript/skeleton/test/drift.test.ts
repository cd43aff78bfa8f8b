import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  buildDatasetProfile,
  computeDatasetDriftFromProfiles,
} from '@model-hub/model-hub-drift';
import { DriftMonitor, MODEL_REF, MODEL_VERSION } from '../src/model';
import { fakeServer, inputRow, json, testConfig } from './helpers';

describe('the drift hook', () => {
  let hub: Awaited<ReturnType<typeof fakeServer>>;
  const reference: Record<string, unknown>[] = Array.from({ length: 200 }, (_, i) => ({ ...inputRow(i) }));
  const [, namespace, name] = /^model:([^/]+)\/(.+)$/.exec(MODEL_REF)!;
  const versionPath =
    '/api/model-hub/models/' + namespace + '/' + name + '/versions/' + encodeURIComponent(MODEL_VERSION);

  before(async () => {
    hub = await fakeServer((req, res) => {
      if (req.method === 'GET' && req.url === versionPath) {
        return json(res, 200, { version: MODEL_VERSION, referenceProfile: { rows: reference } });
      }
      if (req.method === 'POST' && req.url === versionPath + '/drift-reports') {
        return json(res, 201, { status: 'ok' });
      }
      json(res, 404, { error: 'unexpected ' + req.method + ' ' + req.url });
    });
  });
  beforeEach(() => hub.received.splice(0));
  after(() => hub.close());

  const monitor = (token = '') =>
    new DriftMonitor(testConfig({ model: 'http://x', fallback: 'http://y', hub: hub.url }, token), {
      windowRows: 100,
      log: () => {},
    });

  it('reports a window as a drift-engine profile that Model Hub can compare with the reference', async () => {
    const drift = monitor('test-token');
    for (let i = 0; i < 60; i++) drift.record(inputRow(i));
    assert.equal(await drift.flush(), true);
    const post = hub.received.find(r => r.method === 'POST')!;
    assert.equal(post.url, versionPath + '/drift-reports');
    assert.equal(post.headers.authorization, 'Bearer test-token');
    assert.equal(post.body.environment, 'test');
    assert.ok(post.body.windowStart <= post.body.windowEnd);
    assert.equal(post.body.rows, undefined, 'raw rows stay in the service');
    assert.deepEqual(Object.keys(post.body.profile.columns).sort(), Object.keys(inputRow(0)).sort());
    // The same engine as Model Hub's judges it against the reference.
    const report = computeDatasetDriftFromProfiles(buildDatasetProfile(reference), post.body.profile);
    assert.equal(report.columns.length, Object.keys(inputRow(0)).length);
  });

  it('waits for enough rows, and sends what is left when stopped', async () => {
    const drift = monitor('test-token');
    drift.record(inputRow(1));
    assert.equal(await drift.flush(), false);
    await drift.stop();
    assert.equal(hub.received.filter(r => r.method === 'POST').length, 1);
  });

  it('sends nothing without a token, and survives Model Hub being down', async () => {
    const silent = monitor();
    for (let i = 0; i < 40; i++) silent.record(inputRow(i));
    assert.equal(await silent.flush(), false);
    assert.equal(hub.received.length, 0);

    const down = new DriftMonitor(
      testConfig({ model: 'http://x', fallback: 'http://y', hub: 'http://127.0.0.1:9' }),
      { log: () => {} },
    );
    for (let i = 0; i < 40; i++) down.record(inputRow(i));
    assert.equal(await down.flush(), false);
  });
});
