/**
 * A small client of the Model Hub backend API for CI pipelines: it talks to
 * `/api/model-hub` with a Backstage token (a static external access token or
 * a user token).
 */
export class ModelHubClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      token?: string;
      fetch?: typeof fetch;
    },
  ) {}

  private async request(method: string, path: string, body: unknown) {
    const fetchFn = this.options.fetch ?? fetch;
    const url = `${this.options.baseUrl.replace(
      /\/$/,
      '',
    )}/api/model-hub${path}`;
    let res: Response;
    try {
      res = await fetchFn(url, {
        method,
        headers: {
          'Content-Type': 'application/json',
          ...(this.options.token
            ? { Authorization: `Bearer ${this.options.token}` }
            : {}),
        },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(`Cannot reach ${url}: ${(error as Error).message}`);
    }
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const message = json?.error?.message ?? text;
      throw new Error(
        `${method} ${path} failed with ${res.status}: ${message}`,
      );
    }
    return { status: res.status, body: json };
  }

  publishVersion(model: ModelName, version: unknown) {
    return this.request('POST', `${modelPath(model)}/versions`, version);
  }

  submitDrift(model: ModelName, version: string, window: unknown) {
    return this.request(
      'POST',
      `${modelPath(model)}/versions/${encodeURIComponent(
        version,
      )}/drift-reports`,
      window,
    );
  }
}

export type ModelName = { namespace: string; name: string };

function modelPath(model: ModelName) {
  return `/models/${encodeURIComponent(model.namespace)}/${encodeURIComponent(
    model.name,
  )}`;
}

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
