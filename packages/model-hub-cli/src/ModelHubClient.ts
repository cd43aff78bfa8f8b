import {
  createModelHubClient,
  ModelHubResponseError,
  unwrapModelHubResponse,
  type DriftSubmission,
  type ModelHubOpenApiClient,
  type PublishVersionRequest,
} from '@model-hub/backstage-plugin-model-hub-common';

/**
 * The Model Hub backend API for CI pipelines, on the client generated from
 * the backend's OpenAPI contract: it talks to `/api/model-hub` with a
 * Backstage token (a static external access token or a user token).
 */
export class ModelHubClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      token?: string;
      fetch?: typeof fetch;
    },
  ) {}

  private get apiUrl() {
    return `${this.options.baseUrl.replace(/\/$/, '')}/api/model-hub`;
  }

  /** Runs one call; the status and data, or an error that says what failed. */
  private async send<T>(
    call: (client: ModelHubOpenApiClient) => Promise<{
      data?: T;
      error?: unknown;
      response: Response;
    }>,
    what: string,
  ): Promise<{ status: number; body: T }> {
    const apiUrl = this.apiUrl;
    const { fetch: fetchFn, token } = this.options;
    const client = await createModelHubClient({
      discoveryApi: { getBaseUrl: async () => apiUrl },
      fetchApi: fetchFn && { fetch: fetchFn },
      headers: token ? { Authorization: `Bearer ${token}` } : undefined,
    });
    let result: Awaited<ReturnType<typeof call>>;
    try {
      result = await call(client);
    } catch (error) {
      throw new Error(`Cannot reach ${apiUrl}: ${(error as Error).message}`);
    }
    try {
      return {
        status: result.response.status,
        body: unwrapModelHubResponse(result),
      };
    } catch (error) {
      if (error instanceof ModelHubResponseError) {
        throw new Error(
          `${what} failed with ${error.statusCode}: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** Publishes a version read from a file; the server validates it. */
  publishVersion(model: ModelName, version: unknown) {
    return this.send(
      client =>
        client.POST('/models/{namespace}/{name}/versions', {
          params: { path: model },
          body: version as PublishVersionRequest,
        }),
      `Publishing to ${model.namespace}/${model.name}`,
    );
  }

  /** Submits a production window; the server validates it. */
  submitDrift(model: ModelName, version: string, window: unknown) {
    return this.send(
      client =>
        client.POST(
          '/models/{namespace}/{name}/versions/{version}/drift-reports',
          {
            params: { path: { ...model, version } },
            body: window as DriftSubmission,
          },
        ),
      `Submitting drift of ${model.namespace}/${model.name} ${version}`,
    );
  }
}

export type ModelName = { namespace: string; name: string };

/** `name`, `namespace/name` or `model:namespace/name`. */
export function parseModelName(value: string): ModelName {
  const match = /^(?:model:)?(?:([^/:]+)\/)?([^/:]+)$/i.exec(value);
  if (!match) {
    throw new Error(
      `"${value}" is not a model reference; use name, namespace/name or model:namespace/name`,
    );
  }
  return { namespace: match[1] ?? 'default', name: match[2] };
}
