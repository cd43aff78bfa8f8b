import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { exampleInput, MODEL_REF, MODEL_VERSION, ModelClient, type ModelConfig } from '../src/model';
import { createService } from '../src/server';
import { fakeServer, json, testConfig } from './helpers';

describe('the service', () => {
  let model: Awaited<ReturnType<typeof fakeServer>>;
  let fallback: Awaited<ReturnType<typeof fakeServer>>;
  let config: ModelConfig;
  let mode: 'ok' | 'error' | 'slow' = 'ok';
  let fallbackDown = false;
  const recorded: unknown[] = [];
  let url = '';
  let close: () => void;

  before(async () => {
    model = await fakeServer((req, res) => {
      if (mode === 'error') return json(res, 500, { error: 'boom' });
      if (mode === 'slow') return void setTimeout(() => json(res, 200, { predictions: [1] }), 2000);
      json(res, 200, { predictions: [0.25] });
    });
    fallback = await fakeServer((req, res) =>
      fallbackDown ? json(res, 503, {}) : json(res, 200, { predictions: [0.5] }),
    );
    config = testConfig({ model: model.url, fallback: fallback.url, hub: 'http://127.0.0.1:9' });
    const server = createService({
      config,
      client: new ModelClient(config),
      drift: { record: input => recorded.push(input) },
      log: () => {},
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
    close = () => {
      server.closeAllConnections();
      server.close();
    };
  });

  after(async () => {
    close();
    await Promise.all([model.close(), fallback.close()]);
  });

  const predict = (body: unknown) =>
    fetch(url + '/predict', { method: 'POST', body: JSON.stringify(body) });

  it('answers with the pinned model version and records the input for drift', async () => {
    mode = 'ok';
    const res = await predict(exampleInput);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.servedBy, 'primary');
    assert.equal(body.modelRef, MODEL_REF);
    assert.equal(body.version, MODEL_VERSION);
    const call = model.received.at(-1)!;
    assert.equal(call.headers['x-model-version'], MODEL_VERSION);
    assert.deepEqual(call.body, { dataframe_records: [exampleInput] });
    assert.deepEqual(recorded.at(-1), exampleInput);
  });

  it('falls back when the model fails', async () => {
    mode = 'error';
    const body = await (await predict(exampleInput)).json();
    assert.equal(body.servedBy, 'fallback');
    assert.deepEqual(Object.values(body.output), [0.5]);
  });

  it('falls back when the model is slower than the timeout', async () => {
    mode = 'slow';
    const started = Date.now();
    const body = await (await predict(exampleInput)).json();
    assert.equal(body.servedBy, 'fallback');
    assert.ok(Date.now() - started < 1500, 'the timeout cut the call short');
  });

  it('answers 503 with the reasons when the fallback fails too', async () => {
    mode = 'error';
    fallbackDown = true;
    try {
      const res = await predict(exampleInput);
      assert.equal(res.status, 503);
      assert.match((await res.json()).error, /answered 500.*and the fallback .* answered 503/);
    } finally {
      fallbackDown = false;
    }
  });

  it('refuses input that does not match the model signature', async () => {
    const res = await predict([1, 2, 3]);
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /JSON object of columns/);
    assert.equal((await fetch(url + '/predict', { method: 'POST', body: '{' })).status, 400);
  });

  it('says which version it pins', async () => {
    const body = await (await fetch(url + '/healthz')).json();
    assert.deepEqual(body, {
      status: 'ok',
      model: MODEL_REF,
      version: MODEL_VERSION,
      fallback: config.fallback?.modelRef ?? null,
    });
  });
});
