import { createModelHubClient } from './createModelHubClient';
import {
  ModelHubResponseError,
  unwrapModelHubResponse,
} from './ModelHubResponseError';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('createModelHubClient', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async () => 'http://backstage.test/api/model-hub'),
  };

  it('calls the discovered base URL through the given fetch, with typed paths', async () => {
    const requests: Request[] = [];
    const fetchApi = {
      // Like Backstage's frontend fetch middlewares: each layer builds its own
      // Request from what it was given, which must work more than once.
      fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const outer = new Request(input, init);
        requests.push(new Request(input, init));
        expect(outer.url).toBe(requests[0].url);
        return json(200, { items: [{ entityRef: 'model:a/b', found: false }] });
      }) as unknown as typeof fetch,
    };
    const client = await createModelHubClient({
      discoveryApi,
      fetchApi,
      headers: { Authorization: 'Bearer t0ken' },
    });

    const result = await client.POST('/status', {
      body: { entityRefs: ['model:a/b'] },
    });

    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('model-hub');
    expect(unwrapModelHubResponse(result).items).toEqual([
      { entityRef: 'model:a/b', found: false },
    ]);
    expect(requests[0].url).toBe('http://backstage.test/api/model-hub/status');
    expect(requests[0].method).toBe('POST');
    expect(requests[0].headers.get('authorization')).toBe('Bearer t0ken');
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    expect(await requests[0].json()).toEqual({ entityRefs: ['model:a/b'] });
  });

  it('encodes path parameters', async () => {
    const fetchApi = {
      fetch: jest.fn(async () => json(200, {})) as unknown as typeof fetch,
    };
    const client = await createModelHubClient({ discoveryApi, fetchApi });
    await client.GET('/models/{namespace}/{name}/governance', {
      params: { path: { namespace: 'default', name: 'a b' } },
    });
    const [url] = (fetchApi.fetch as jest.Mock).mock.calls[0];
    expect(url).toBe(
      'http://backstage.test/api/model-hub/models/default/a%20b/governance',
    );
  });

  it("throws the backend's error message with the status", async () => {
    const fetchApi = {
      fetch: jest.fn(async () =>
        json(404, {
          error: {
            name: 'NotFoundError',
            message: 'model:default/x has no version 9.9.9',
          },
          request: { method: 'GET', url: '/models/default/x/versions/9.9.9' },
          response: { statusCode: 404 },
        }),
      ) as unknown as typeof fetch,
    };
    const client = await createModelHubClient({ discoveryApi, fetchApi });
    const result = await client.GET(
      '/models/{namespace}/{name}/versions/{version}',
      {
        params: { path: { namespace: 'default', name: 'x', version: '9.9.9' } },
      },
    );

    expect(() => unwrapModelHubResponse(result)).toThrow(
      'model:default/x has no version 9.9.9',
    );
    let thrown: unknown;
    try {
      unwrapModelHubResponse(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelHubResponseError);
    expect(thrown).toMatchObject({
      name: 'ModelHubResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError' } },
    });
  });

  it('explains error responses that are not Backstage error bodies', () => {
    const response = new Response('Bad gateway', {
      status: 502,
      statusText: 'Bad Gateway',
    });
    expect(() =>
      unwrapModelHubResponse({ error: 'upstream down', response }),
    ).toThrow('Request failed with status 502 Bad Gateway, upstream down');
  });
});
