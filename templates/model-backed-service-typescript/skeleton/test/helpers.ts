import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exampleInput, INPUT_COLUMNS, loadModelConfig, type ModelInput } from '../src/model';

/** A request a fake server received. */
export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: any };

/** A local HTTP server standing in for a model endpoint or Model Hub. */
export async function fakeServer(
  handler: (req: Received, res: http.ServerResponse) => void,
) {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const request = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    received.push(request);
    handler(request, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: 'http://127.0.0.1:' + port,
    received,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The configuration, pointed at the fake servers. */
export function testConfig(urls: { model: string; fallback: string; hub: string }, token = 'test-token') {
  return loadModelConfig({
    MODEL_ENDPOINT: urls.model + '/invocations',
    MODEL_FALLBACK_ENDPOINT: urls.fallback + '/invocations',
    MODEL_TIMEOUT_MS: '300',
    MODEL_HUB_URL: urls.hub,
    MODEL_HUB_TOKEN: token,
    MODEL_HUB_ENVIRONMENT: 'test',
  });
}

/** The i-th of a series of inputs that vary like production data would. */
export function inputRow(i: number): ModelInput {
  // A model published without a signature takes any record.
  if (INPUT_COLUMNS.length === 0) return { feature: (i % 17) * 1.5 } as unknown as ModelInput;
  const row: Record<string, unknown> = { ...exampleInput };
  for (const column of INPUT_COLUMNS) {
    if (column.kind === 'float') row[column.name] = (i % 17) * 1.5 + 0.25;
    if (column.kind === 'integer') row[column.name] = i % 11;
    if (column.kind === 'boolean') row[column.name] = i % 2 === 0;
    if (column.kind === 'string') row[column.name] = ['a', 'b', 'c'][i % 3];
  }
  return row as unknown as ModelInput;
}
