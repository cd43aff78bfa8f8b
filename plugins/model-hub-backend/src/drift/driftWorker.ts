import { InputError } from '@backstage/errors';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, threadId, workerData } from 'node:worker_threads';
import { assertUsableBody } from '../requestLimits';
import { judgeWindow, JudgedWindow, JudgeWindowInput } from './judgeWindow';

/*
 * The tasks of the drift worker threads (DriftWorkerPool). Each returns its
 * result or its error as plain data: errors cross the thread boundary as
 * their name and message, and the pool rebuilds them.
 */

/**
 * Lowers the calling thread's CPU priority to `nice` (on Linux a thread is
 * a task with a nice value of its own; elsewhere this does nothing): a
 * drift computation is batch work, and on a backend with few cores it must
 * not take a core from the event loop that answers every plugin's
 * requests, nor from the database. False when the thread could not be
 * lowered.
 */
export function lowerThreadPriority(nice: number): boolean {
  try {
    const taskId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(taskId) || taskId <= 0) return false;
    setPriority(taskId, nice);
    return true;
  } catch {
    return false;
  }
}

// In a drift worker thread (never in the main thread, which imports the
// tasks to run them inline when there are no threads).
if (!isMainThread && typeof workerData?.nice === 'number') {
  lowerThreadPriority(workerData.nice);
}

/** What a task gives back: its value or its error, and the thread it ran on. */
export type TaskResult<T> =
  | { value: T; threadId: number }
  | { error: { name: string; message: string }; threadId: number };

function settle<T>(run: () => T): TaskResult<T> {
  try {
    return { value: run(), threadId };
  } catch (error) {
    const { name, message } =
      error instanceof Error ? error : new Error(String(error));
    return { error: { name, message }, threadId };
  }
}

/** Judges a window (judgeWindow), its rows parsed here when sent as a body. */
export function judge(input: JudgeWindowInput): TaskResult<JudgedWindow> {
  return settle(() => judgeWindow(input));
}

/** A drift window's body, read: what the event loop validates, and the walk's verdict. */
export type ReadWindowBody = {
  /**
   * The body with its rows replaced by stand-ins: the contract states only
   * that rows are objects, and how many there may be (drift windows'
   * `rows` in openapi.yaml), so the validator gives the stand-in the same
   * verdict and messages as the body, without the rows crossing threads.
   * Rows that pass stand in as one empty object (validating 100,000 of
   * them takes 30 ms or more); otherwise each row stands in as a value of
   * its JSON type (one empty object for every object row), for the
   * validator to name the wrong ones.
   */
  standIn: unknown;
  /** What assertUsableBody refuses the body for, to be told once validated. */
  unusable?: string;
};

/** JSON's whitespace, before a body's first character (as body-parser reads it). */
const FIRST_CHAR = /^[ \t\n\r]*([^ \t\n\r])/;

/**
 * Parses a drift window's JSON body as express.json would (UTF-8, a BOM
 * dropped, an empty body read as `{}`, only an object or array at the top),
 * walks it for what the contract cannot state, and gives back its stand-in.
 * A body that is not JSON throws a SyntaxError.
 */
export function readWindowBodyNow(
  body: SharedArrayBuffer,
  maxRows = Infinity,
): ReadWindowBody {
  let text = Buffer.from(body).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return { standIn: {} };
  const first = FIRST_CHAR.exec(text)?.[1];
  if (first !== '{' && first !== '[') {
    throw new SyntaxError(
      `Unexpected token ${first ?? 'end'} in JSON at position ${text.indexOf(
        first ?? '',
      )}`,
    );
  }
  const parsed = JSON.parse(text);
  let unusable: string | undefined;
  try {
    assertUsableBody(parsed);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    unusable = error.message;
  }
  return { standIn: standInOf(parsed, maxRows), unusable };
}

/** See ReadWindowBody.standIn. */
function standInOf(body: unknown, maxRows: number): unknown {
  if (Array.isArray(body)) return [];
  if (typeof body !== 'object' || body === null) return body;
  const { rows } = body as { rows?: unknown };
  if (!Array.isArray(rows)) return body;
  const isRow = (r: unknown) =>
    typeof r === 'object' && r !== null && !Array.isArray(r);
  const row = {};
  if (rows.length >= 1 && rows.length <= maxRows && rows.every(isRow)) {
    return { ...body, rows: [row] };
  }
  return {
    ...body,
    rows: rows.map(r => {
      if (Array.isArray(r)) return [];
      return isRow(r) ? row : r;
    }),
  };
}

/** Reads a drift window's body (readWindowBodyNow). */
export function readWindowBody(input: {
  body: SharedArrayBuffer;
  maxRows: number;
}): TaskResult<ReadWindowBody> {
  return settle(() => readWindowBodyNow(input.body, input.maxRows));
}
