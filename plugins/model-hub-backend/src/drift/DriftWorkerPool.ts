import {
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { Piscina } from 'piscina';
import * as tasks from './driftWorker';
import type { ReadWindowBody, TaskResult } from './driftWorker';
import type { JudgedWindow, JudgeWindowInput } from './judgeWindow';

/** `modelHub.drift.workerThreshold` and `.workerThreads`. */
export type DriftWorkerOptions = {
  /**
   * Values (rows times columns, reference and window together) past which
   * a window is judged in a worker thread.
   */
  threshold: number;
  /** Worker threads at most; 0 judges every window on the event loop. */
  threads: number;
  /**
   * Tasks that may wait for a thread; past them a task is refused with 503
   * (ServiceUnavailableError), as each waits holding its window's body.
   */
  queue?: number;
  /**
   * Old-generation heap of each worker thread, in MB (V8's
   * maxOldGenerationSizeMb). A task that outgrows it ends its thread (a new
   * one starts) and is refused with 413.
   */
  heapMb?: number;
  /**
   * The worker threads' CPU priority, as a nice value (0 to 19; Linux):
   * above 0 they give way to the event loop and the database.
   */
  nice?: number;
};

/** See DriftWorkerOptions: under 20 ms of judging on the event loop here. */
export const DEFAULT_DRIFT_WORKER_THRESHOLD = 100_000;
export const DEFAULT_DRIFT_WORKER_THREADS = 1;
/** See DriftWorkerOptions.queue: 16 windows of at most 20 MB wait at most. */
export const DEFAULT_DRIFT_WORKER_QUEUE = 16;
/**
 * See DriftWorkerOptions.heapMb. Measured here: a 20 MB window of 100,000
 * rows of 29 columns judged against a reference of the same size (both at
 * the default body limit) needs more than 192 MB and fits in 256 MB; a
 * worker thread without a bound let its heap grow far past what it used.
 */
export const DEFAULT_DRIFT_WORKER_HEAP_MB = 256;
/**
 * See DriftWorkerOptions.nice. On 2 cores, a thread judging a 100,000-row
 * window at the same priority took the core the catalog's readers and
 * PostgreSQL needed.
 */
export const DEFAULT_DRIFT_WORKER_NICE = 10;

const PACKAGE = '@model-hub/backstage-plugin-model-hub-backend';

/**
 * The worker thread's module. The package's `main` says how it runs: built
 * (`dist/index.cjs.js`, as packed), the worker is built next to this file
 * (dist/drift/driftWorker.cjs.js); from the TypeScript sources (tests, the
 * dev backend), a shim registers Backstage's transform in the thread before
 * loading driftWorker.ts.
 */
function workerFile(): string {
  const { main } = JSON.parse(
    readFileSync(resolvePackagePath(PACKAGE, 'package.json'), 'utf8'),
  );
  return String(main).endsWith('.ts')
    ? resolvePackagePath(PACKAGE, 'src/drift/driftWorker.cjs')
    : resolvePackagePath(PACKAGE, 'dist/drift/driftWorker.cjs.js');
}

/** An error of a task, rebuilt on this side of the thread boundary. */
function rebuild(error: { name: string; message: string }): Error {
  if (error.name === 'InputError') return new InputError(error.message);
  if (error.name === 'ConflictError') return new ConflictError(error.message);
  if (error.name === 'SyntaxError') return new SyntaxError(error.message);
  return Object.assign(new Error(error.message), { name: error.name });
}

/** A task that outgrew its thread's heap: 413, saying what to do instead. */
function outOfMemory(heapMb: number): Error {
  return Object.assign(
    new Error(
      `Judging this drift window needs more than the ${heapMb} MB of memory a drift worker thread may use ` +
        '(modelHub.drift.workerHeapMb): send it as a profile (model-hub drift submit --as-profile), or raise the setting',
    ),
    { name: 'PayloadTooLargeError', statusCode: 413 },
  );
}

/**
 * Heavy drift work kept off the event loop, which every plugin of the
 * backend shares: judging windows over the threshold, and parsing large
 * window bodies, in a pool of worker threads (piscina). The threads start
 * with the first such task and stay until the backend stops (close).
 */
export class DriftWorkerPool {
  private pool?: Piscina;
  private closed = false;
  /** Tasks run in a worker thread so far. */
  ranInThreads = 0;

  constructor(
    readonly options: DriftWorkerOptions,
    private readonly logger?: LoggerService,
  ) {}

  private get heapMb(): number {
    return this.options.heapMb ?? DEFAULT_DRIFT_WORKER_HEAP_MB;
  }

  /** Whether tasks run in worker threads (threads > 0). */
  get threaded(): boolean {
    return this.options.threads > 0;
  }

  /** Whether judging `values` values goes to a worker thread. */
  offloads(values: number): boolean {
    return this.threaded && values > this.options.threshold;
  }

  /** judgeWindow in a worker thread. */
  judge(input: JudgeWindowInput): Promise<JudgedWindow> {
    return this.run('judge', input);
  }

  /** readWindowBodyNow in a worker thread. */
  readWindowBody(
    body: SharedArrayBuffer,
    maxRows: number,
  ): Promise<ReadWindowBody> {
    return this.run('readWindowBody', { body, maxRows });
  }

  private async run<T>(
    name: 'judge' | 'readWindowBody',
    input: unknown,
  ): Promise<T> {
    let result: TaskResult<T>;
    if (this.threaded) {
      if (this.closed) throw new Error('The drift worker threads are stopped');
      if (!this.pool) {
        const filename = workerFile();
        this.pool = new Piscina({
          filename,
          minThreads: this.options.threads,
          maxThreads: this.options.threads,
          resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
          workerData: {
            nice: this.options.nice ?? DEFAULT_DRIFT_WORKER_NICE,
          },
        });
        this.logger?.info(
          `Drift worker threads started: ${this.options.threads} (${filename}), for windows over ${this.options.threshold} values and large window bodies`,
        );
      }
      const queue = this.options.queue ?? DEFAULT_DRIFT_WORKER_QUEUE;
      if (this.pool.queueSize >= queue) {
        throw new ServiceUnavailableError(
          `${queue} drift computations are waiting for a worker thread; try again in a few seconds`,
        );
      }
      try {
        result = await this.pool.run(input, { name });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          throw outOfMemory(this.heapMb);
        }
        throw error;
      }
      this.ranInThreads++;
    } else {
      result = (tasks[name] as (input: unknown) => TaskResult<T>)(input);
    }
    if ('error' in result) throw rebuild(result.error);
    return result.value;
  }

  /** Stops the threads; tasks still queued fail. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
