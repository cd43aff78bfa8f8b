import createClient, { type Client, type HeadersOptions } from 'openapi-fetch';
import type { ModelHubApiPaths } from '../schema/openapi';

/**
 * A typed client of the Model Hub backend (openapi-fetch): `GET`, `POST` and
 * `PUT` take a path of the contract and its params and body, and return
 * `{ data, error, response }` typed by that path.
 * @public
 */
export type ModelHubOpenApiClient = Client<ModelHubApiPaths>;

/**
 * What {@link createModelHubClient} needs. The shapes are structural, so
 * Backstage's frontend and backend discovery and fetch APIs both fit.
 * @public
 */
export type ModelHubClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Defaults to the global `fetch`. */
  fetchApi?: { fetch: typeof fetch };
  /** Headers sent with every request, e.g. `Authorization` for a static token. */
  headers?: HeadersOptions;
};

/**
 * Hands a request to a fetch API as URL and init, with the body read out.
 * Backstage's frontend fetch middlewares each build `new Request(input, init)`
 * from what they are given; from a Request object with a body, only the first
 * may (its body stream is then used up), so a POST would fail in the browser.
 */
async function fetchAsUrlAndInit(
  fetchApi: { fetch: typeof fetch },
  request: Request,
): Promise<Response> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return fetchApi.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.text() : undefined,
    signal: request.signal,
  });
}

/**
 * Creates a typed client of the Model Hub backend, at the base URL that
 * discovery gives for `model-hub` now (create one per operation, or at least
 * per batch, to follow discovery changes).
 * @public
 */
export async function createModelHubClient(
  options: ModelHubClientOptions,
): Promise<ModelHubOpenApiClient> {
  const baseUrl = await options.discoveryApi.getBaseUrl('model-hub');
  const fetchApi = options.fetchApi;
  return createClient<ModelHubApiPaths>({
    baseUrl,
    fetch: fetchApi
      ? request => fetchAsUrlAndInit(fetchApi, request)
      : undefined,
    headers: options.headers,
  });
}
