/*
 * The parts of the TypeScript wiring that are the same for every model: the
 * client (version pin, timeout, fallback) and the drift hook. They read the
 * generated types.ts and config.ts. Kept free of template literals so that
 * they can live in strings here.
 */

export const TS_CLIENT = `
import type { ModelConfig } from './config';
import { OUTPUT_COLUMNS, type ModelInput, type ModelOutput } from './types';

/** One answer, and who gave it: the pinned model or its fallback. */
export type Prediction = {
  output: ModelOutput;
  servedBy: 'primary' | 'fallback';
  modelRef: string;
  /** The pinned version when the primary model answered. */
  version?: string;
};

/** Neither the model nor its fallback could answer. */
export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export type ModelClientOptions = {
  fetch?: typeof fetch;
  /** Called when the pinned model failed and the fallback is asked. */
  onFallback?: (error: Error) => void;
};

function describe(error: unknown): string {
  const e = error as Error;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.message ?? String(error);
}

/** The first prediction of an MLflow / KServe v1 style answer, as a ModelOutput. */
function toOutput(body: unknown): ModelOutput {
  const predictions = (body as { predictions?: unknown })?.predictions;
  const first = Array.isArray(predictions) ? predictions[0] : undefined;
  if (first === undefined) throw new Error('the answer has no predictions');
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    return first as ModelOutput;
  }
  const name = OUTPUT_COLUMNS.length === 1 ? OUTPUT_COLUMNS[0].name : 'prediction';
  return { [name]: first } as unknown as ModelOutput;
}

/**
 * Calls the pinned model version; on an error, a non-2xx answer or a timeout
 * it calls the fallback model. Requests are MLflow's scoring protocol:
 * POST { dataframe_records: [input] }, answer { predictions: [...] }; the
 * pinned version goes along in the X-Model-Version header.
 */
export class ModelClient {
  private readonly fetchFn: typeof fetch;

  constructor(
    private readonly config: ModelConfig,
    private readonly options: ModelClientOptions = {},
  ) {
    this.fetchFn = options.fetch ?? fetch;
  }

  async predict(input: ModelInput): Promise<Prediction> {
    const { modelRef, version, endpoint, fallback } = this.config;
    try {
      const output = await this.call(endpoint, input, version);
      return { output, servedBy: 'primary', modelRef, version };
    } catch (error) {
      const reason = modelRef + ' ' + version + ' ' + describe(error);
      if (!fallback?.endpoint) {
        throw new ModelUnavailableError(reason + ' and no fallback endpoint is configured');
      }
      this.options.onFallback?.(error as Error);
      try {
        const output = await this.call(fallback.endpoint, input);
        return { output, servedBy: 'fallback', modelRef: fallback.modelRef };
      } catch (fallbackError) {
        throw new ModelUnavailableError(
          reason + ', and the fallback ' + fallback.modelRef + ' ' + describe(fallbackError),
        );
      }
    }
  }

  private async call(endpoint: string, input: ModelInput, version?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (version) headers['x-model-version'] = version;
    const res = await this.fetchFn(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ dataframe_records: [input] }),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    if (!res.ok) throw new Error('answered ' + res.status + ' ' + res.statusText);
    return toOutput(await res.json());
  }
}
`;

export const TS_DRIFT = `
import { buildDatasetProfile, type DatasetProfile } from '@model-hub/model-hub-drift';
import type { ModelConfig } from './config';
import type { ModelInput } from './types';

export type DriftMonitorOptions = {
  /** A window is reported when it holds this many rows (default 1000)... */
  windowRows?: number;
  /** ...or at this interval (default 15 minutes) once it holds minRows. */
  intervalMs?: number;
  /** Smaller windows wait for more rows (default 30); stop() sends them anyway. */
  minRows?: number;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  now?: () => Date;
};

type Row = Record<string, unknown>;

/**
 * The drift hook: collects the inputs the service sees and reports each
 * window to Model Hub as a drift-engine profile (@model-hub/model-hub-drift),
 * so raw records never leave the service. Model Hub compares it with the
 * pinned version's reference profile and shows the status on the model.
 */
export class DriftMonitor {
  private rows: Row[] = [];
  private windowStart?: Date;
  private timer?: ReturnType<typeof setInterval>;
  private reference?: DatasetProfile;
  private readonly fetchFn: typeof fetch;
  private readonly log: (message: string) => void;
  private readonly now: () => Date;

  constructor(
    private readonly config: ModelConfig,
    private readonly options: DriftMonitorOptions = {},
  ) {
    this.fetchFn = options.fetch ?? fetch;
    this.log = options.log ?? (message => console.warn(message));
    this.now = options.now ?? (() => new Date());
  }

  private get versionUrl(): string {
    const [, namespace, name] = /^model:([^/]+)\\/(.+)$/.exec(this.config.modelRef) ?? [];
    return (
      this.config.modelHub.url + '/api/model-hub/models/' + encodeURIComponent(namespace) + '/' +
      encodeURIComponent(name) + '/versions/' + encodeURIComponent(this.config.version)
    );
  }

  /** Where the reports go: POST /api/model-hub/models/{ns}/{name}/versions/{version}/drift-reports. */
  get reportUrl(): string {
    return this.versionUrl + '/drift-reports';
  }

  private headers(): Record<string, string> {
    return {
      'content-type': 'application/json',
      authorization: 'Bearer ' + this.config.modelHub.token,
    };
  }

  /** Adds one input to the current window. */
  record(input: ModelInput): void {
    this.windowStart ??= this.now();
    this.rows.push({ ...input });
    if (this.rows.length >= (this.options.windowRows ?? 1000)) void this.flush();
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.intervalMs ?? 15 * 60_000);
    this.timer.unref();
  }

  /** Stops the timer and reports what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  /** Reports the current window; true when Model Hub stored it. */
  async flush(force = false): Promise<boolean> {
    if (this.rows.length === 0) return false;
    if (!force && this.rows.length < (this.options.minRows ?? 30)) return false;
    if (!this.config.modelHub.token) {
      this.log('Drift reports are off: set MODEL_HUB_TOKEN (a Backstage static access token)');
      this.rows = [];
      this.windowStart = undefined;
      return false;
    }
    const rows = this.rows;
    const windowStart = this.windowStart ?? this.now();
    this.rows = [];
    this.windowStart = undefined;
    try {
      const reference = await this.referenceProfile();
      const body = {
        environment: this.config.environment,
        windowStart: windowStart.toISOString(),
        windowEnd: this.now().toISOString(),
        profile: buildDatasetProfile(rows, { reference }),
      };
      const res = await this.fetchFn(this.reportUrl, {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) return true;
      this.log('Model Hub refused the drift report (' + res.status + '): ' + (await res.text()));
    } catch (error) {
      this.log('Could not send the drift report: ' + (error as Error).message);
    }
    return false;
  }

  /**
   * The pinned version's reference profile: windows are profiled on its bin
   * edges so that Model Hub can compare the two. Fetched once it is found.
   */
  private async referenceProfile(): Promise<DatasetProfile | undefined> {
    if (this.reference) return this.reference;
    try {
      const res = await this.fetchFn(this.versionUrl, {
        headers: this.headers(),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) return undefined;
      const version = (await res.json()) as {
        referenceProfile?: { profile?: DatasetProfile; rows?: Row[] };
      };
      const ref = version.referenceProfile;
      if (ref?.profile) this.reference = ref.profile;
      else if (ref?.rows?.length) this.reference = buildDatasetProfile(ref.rows);
    } catch (error) {
      this.log('Could not read the reference profile: ' + (error as Error).message);
    }
    return this.reference;
  }
}
`;

export const TS_INDEX = `
export * from './types';
export * from './config';
export * from './client';
export * from './drift';
`;
