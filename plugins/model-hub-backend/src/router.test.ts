import http from 'node:http';
import zlib from 'node:zlib';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readMaxRequestBodySize } from './config';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const model = '/models/default/credit-scoring-pd';

async function publishReference(base: string) {
  const published = await callJson(`${base}${model}/versions`, {
    auth: dana,
    body: {
      version: '1.0.0',
      artifactUri: 's3://models/credit-scoring-pd/1.0.0/model.pkl',
      referenceProfile: { rows: incomeRows(1000, 0) },
    },
  });
  expect(published.status).toBe(201);
}

describe.each(ids)('request body limit on %s', databaseId => {
  it('accepts a drift window of 50,000 raw rows with the default limit', async () => {
    const { backend, base } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
    });
    try {
      await publishReference(base);
      const window = incomeRows(50_000, 0);
      // About 1.7 MB of JSON: far over Express's default 100 kB.
      expect(JSON.stringify({ rows: window }).length).toBeGreaterThan(1.5e6);
      const report = await callJson(
        `${base}${model}/versions/1.0.0/drift-reports`,
        {
          auth: dana,
          body: { environment: 'production', rows: window },
        },
      );
      expect(report.status).toBe(201);
      expect(report.body.status).toBe('ok');
      // The listing answers the stored report as it was answered at submit.
      const listed = await callJson(`${base}${model}/drift-reports`, {
        auth: dana,
      });
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ totalItems: 1, items: [report.body] });
    } finally {
      await backend.stop();
    }
  }, 60_000);

  it('refuses a body over the configured limit with 413 and says what to do', async () => {
    const { backend, base } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
      config: { modelHub: { maxRequestBodySize: '1mb' } },
    });
    try {
      await publishReference(base);
      const tooLarge = await callJson(
        `${base}${model}/versions/1.0.0/drift-reports`,
        {
          auth: dana,
          body: { environment: 'production', rows: incomeRows(50_000, 0) },
        },
      );
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.name).toBe('PayloadTooLargeError');
      expect(tooLarge.body.error.message).toMatch(
        /exceeds the limit of 1mb: raise modelHub\.maxRequestBodySize .* as a profile/,
      );
      // Nothing was stored.
      const reports = await callJson(`${base}${model}/drift-reports`, {
        auth: dana,
      });
      expect(reports.body.totalItems).toBe(0);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});

describe.each(ids)('per-route body limits on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  beforeAll(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
    });
  }, 60_000);
  afterAll(() => started.backend.stop());

  /**
   * Starts a POST that declares `length` bytes and sends only `start` of
   * them, holding the rest back.
   */
  function startUpload(
    path: string,
    length: number,
    start: string,
    onResponse?: (res: http.IncomingMessage) => void,
  ) {
    const url = new URL(`${started.base}${path}`);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          Authorization: dana,
          'Content-Type': 'application/json',
          'Content-Length': String(length),
        },
      },
      onResponse,
    );
    req.write(start);
    return req;
  }

  /**
   * Sends headers declaring `length` bytes and only the first KB of the
   * body, then waits for an answer: one that comes was given without
   * reading the body.
   */
  function declareLargeBody(path: string, length: number) {
    return new Promise<{
      status: number;
      body: any;
      retryAfter?: string;
    }>((resolve, reject) => {
      const req = startUpload(
        path,
        length,
        `{"entityRefs":[${'"x",'.repeat(200)}`,
        res => {
          let text = '';
          res.on('data', chunk => (text += chunk));
          res.on('end', () => {
            req.destroy();
            resolve({
              status: res.statusCode!,
              body: JSON.parse(text),
              retryAfter: res.headers['retry-after'] as string | undefined,
            });
          });
        },
      );
      req.on('error', error => {
        if ((error as any).code !== 'ECONNRESET') reject(error);
      });
      setTimeout(() => reject(new Error('no answer within 5 s')), 5000);
    });
  }

  it('refuses a body over a small route limit from its Content-Length, before reading it', async () => {
    const refused = await declareLargeBody('/status', 19_500_000);
    expect(refused.status).toBe(413);
    expect(refused.body.error.message).toMatch(
      /^Request body of 19500000 bytes exceeds the limit of 256kb for POST \/status/,
    );
    // The backend answers meanwhile.
    const list = await callJson(`${started.base}/models`, { auth: dana });
    expect(list.status).toBe(200);
  });

  it('keeps the large limit for versions and drift windows, and reads gzip bodies', async () => {
    // 300 kB of reference rows: over the small limit, under the large one.
    const body = JSON.stringify({
      version: '1.0.0',
      artifactUri: 's3://models/pd/1.0.0',
      referenceProfile: { rows: incomeRows(9000, 0) },
    });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const res = await fetch(`${started.base}${model}/versions`, {
      method: 'POST',
      headers: {
        Authorization: dana,
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
      },
      body: zlib.gzipSync(body),
    });
    expect(res.status).toBe(201);
  });

  it('takes two large bodies at once and answers the others 503 with Retry-After, unread', async () => {
    // Two uploads of 5 MB windows that send their headers and hold.
    const held = [0, 1].map(() =>
      startUpload(
        `${model}/versions/1.0.0/drift-reports`,
        5_000_000,
        '{"environment":"production","rows":[',
      ).on('error', () => {}),
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    const third = await declareLargeBody(
      `${model}/versions/1.0.0/drift-reports`,
      5_000_000,
    );
    expect(third.status).toBe(503);
    expect(third.retryAfter).toBe('5');
    expect(third.body.error.message).toMatch(/try again in a few seconds/);
    // Small requests are not held up.
    expect(
      (await callJson(`${started.base}/models`, { auth: dana })).status,
    ).toBe(200);
    held.forEach(req => req.destroy());
    await new Promise(resolve => setTimeout(resolve, 300));
    // Once they are gone, a large body is taken again: read, validated and
    // answered for what it asks (a version this model does not have).
    const rows = incomeRows(40_000, 0);
    expect(JSON.stringify(rows).length).toBeGreaterThan(1024 * 1024);
    const next = await callJson(
      `${started.base}${model}/versions/9.9.9/drift-reports`,
      {
        auth: dana,
        body: {
          environment: 'production',
          windowStart: '2026-11-30T09:00:00Z',
          windowEnd: '2026-11-30T10:00:00Z',
          rows,
        },
      },
    );
    expect(next.status).toBe(404);
  });

  it('validates a body against the contract before walking it', async () => {
    // Both wrong for the contract (environment is a string) and unusable
    // (a NUL character): the contract's refusal comes first.
    const refused = await callJson(
      `${started.base}${model}/versions/1.0.0/drift-reports`,
      {
        auth: dana,
        body: { environment: 1, rows: [{ region: 'no\u0000rth' }] },
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/environment/);
    expect(refused.body.error.message).not.toMatch(/NUL/);
  });

  it('does not read the body of a GET, nor of a path the contract does not have', async () => {
    const notJson = {
      method: 'GET',
      headers: {
        Authorization: dana,
        'Content-Type': 'application/json',
        'Content-Length': String('{ this is not JSON'.length),
      },
    };
    // fetch refuses a GET with a body: send it with http.
    const get = await new Promise<{ status: number; text: string }>(
      (resolve, reject) => {
        const url = new URL(`${started.base}/models`);
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            ...notJson,
          },
          res => {
            let text = '';
            res.on('data', chunk => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, text }));
          },
        );
        req.on('error', reject);
        req.end('{ this is not JSON');
      },
    );
    expect(get.status).toBe(200);
    const unknown = await fetch(`${started.base}/no-such-path`, {
      method: 'POST',
      headers: { Authorization: dana, 'Content-Type': 'application/json' },
      body: '{ this is not JSON',
    });
    expect(unknown.status).toBe(404);
  });
});

describe.each(ids)('query parameters on %s', databaseId => {
  it('refuses the NUL character in a query parameter, naming it', async () => {
    const { backend, base } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
    });
    try {
      const refused = await callJson(`${base}/models?search=credit%00pd`, {
        auth: dana,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'search: must not contain the NUL character (\\u0000)',
      );
      const found = await callJson(`${base}/models?search=credit`, {
        auth: dana,
      });
      expect(found.status).toBe(200);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});

describe.each(ids)('routes validated on their own on %s', databaseId => {
  it('validates the model list and the status call, and serves the whole API spec', async () => {
    const { backend, base } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('credit-scoring-pd')],
    });
    try {
      const spec = await callJson(`${base}/openapi.json`, { auth: dana });
      expect(spec.status).toBe(200);
      expect(Object.keys(spec.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/model-hub/models',
          '/api/model-hub/status',
          '/api/model-hub/models/{namespace}/{name}/drift-reports',
        ]),
      );
      const badPage = await callJson(`${base}/models?limit=many`, {
        auth: dana,
      });
      expect(badPage.status).toBe(400);
      expect(badPage.body.error.message).toMatch(/limit/);
      const badStatus = await callJson(`${base}/status`, {
        auth: dana,
        body: { entityRefs: 'model:default/credit-scoring-pd' },
      });
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.error.message).toMatch(/entityRefs/);
      const status = await callJson(`${base}/status`, {
        auth: dana,
        body: { entityRefs: ['model:default/credit-scoring-pd'] },
      });
      expect(status.status).toBe(200);
      expect(status.body.items[0]).toMatchObject({ found: true });
    } finally {
      await backend.stop();
    }
  }, 60_000);
});

describe('readMaxRequestBodySize', () => {
  it('defaults to 20mb and refuses a size the parser would read as unlimited', () => {
    expect(readMaxRequestBodySize(new ConfigReader({}))).toBe('20mb');
    expect(
      readMaxRequestBodySize(
        new ConfigReader({ modelHub: { maxRequestBodySize: '50MB' } }),
      ),
    ).toBe('50MB');
    expect(() =>
      readMaxRequestBodySize(
        new ConfigReader({ modelHub: { maxRequestBodySize: 'lots' } }),
      ),
    ).toThrow(
      'Invalid config at modelHub.maxRequestBodySize: "lots" is not a size',
    );
  });
});
