import { ResponseError } from '@backstage/errors';
import { ModelHubClient } from './ModelHubApi';

describe('ModelHubClient', () => {
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      `http://localhost:7007/api/${pluginId}`,
  };

  function clientWith(response: () => Response) {
    const calls: Request[] = [];
    const fetchApi = {
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push(new Request(input, init));
        return response();
      }) as typeof fetch,
    };
    return { client: new ModelHubClient({ discoveryApi, fetchApi }), calls };
  }

  const json = (status: number, body: unknown) => () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

  it('posts the refs to /status and returns the items', async () => {
    const items = [{ entityRef: 'model:default/a', found: false }];
    const { client, calls } = clientWith(json(200, { items }));

    await expect(client.getStatuses(['model:default/a'])).resolves.toEqual(
      items,
    );
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe('http://localhost:7007/api/model-hub/status');
    expect(await calls[0].json()).toEqual({ entityRefs: ['model:default/a'] });
  });

  it('asks for nothing when there are no refs', async () => {
    const { client, calls } = clientWith(json(200, { items: [] }));
    await expect(client.getStatuses([])).resolves.toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('throws a ResponseError with the backend message', async () => {
    const { client, calls } = clientWith(
      json(404, {
        error: { name: 'NotFoundError', message: 'No model model:a/b' },
        response: { statusCode: 404 },
      }),
    );
    const error = await client
      .getGovernance({ namespace: 'a', name: 'b c' })
      .catch(e => e);
    expect(calls[0].url).toBe(
      'http://localhost:7007/api/model-hub/models/a/b%20c/governance',
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('No model model:a/b');
  });

  it('asks for the scorecards of a kind and of one entity', async () => {
    const overview = { totals: {}, byOwner: [], bySystem: [], checks: [] };
    const { client, calls } = clientWith(json(200, overview));
    await client.getScorecardOverview({ kind: 'model' });
    await client.getEntityScorecard({
      kind: 'Model',
      namespace: 'default',
      name: 'day-ahead-price-forecast',
    });
    await client.listGoldenPathChecks();
    expect(calls.map(c => c.url)).toEqual([
      'http://localhost:7007/api/model-hub/scorecards?kind=model',
      'http://localhost:7007/api/model-hub/scorecards/model/default/day-ahead-price-forecast',
      'http://localhost:7007/api/model-hub/golden-paths/checks',
    ]);
  });
});
