import { InputError, serializeError } from '@backstage/errors';
import express from 'express';
import { assertUsableBody } from './requestLimits';
import type { DriftWorkerPool } from './drift/DriftWorkerPool';

/*
 * Request bodies, parsed only where the contract takes one and only up to
 * the route's limit: Model Hub runs inside the adopter's backend, and a body
 * parsed (and walked) for nothing blocks every plugin's requests.
 */

/** The limit of every route that takes a body, but the large ones. */
export const DEFAULT_BODY_LIMIT = '256kb';

/**
 * Bodies larger than this are large: parsing one blocks the event loop for a
 * noticeable time (JSON.parse of 20 MB takes about a second here), so only
 * a few are taken at once.
 */
export const LARGE_BODY_BYTES = 1024 * 1024;

/**
 * Drift window bodies larger than this are parsed in a worker thread. Size
 * alone does not say how long a parse takes: a window whose rows each have
 * a column of their own parses about ten times slower per byte (a new
 * object shape per row), and 0.9 MB of it held the event loop for 150 ms.
 */
export const WORKER_PARSE_BYTES = 64 * 1024;

/**
 * Routes that take versions (with reference rows) and drift windows: their
 * limit is `modelHub.maxRequestBodySize`.
 */
const DRIFT_WINDOW_ROUTE = {
  method: 'POST',
  path: /^\/models\/[^/]+\/[^/]+\/versions\/[^/]+\/drift-reports$/,
};
const LARGE_BODY_ROUTES: Array<{ method: string; path: RegExp }> = [
  { method: 'POST', path: /^\/models\/[^/]+\/[^/]+\/versions$/ },
  DRIFT_WINDOW_ROUTE,
];

/** What a drift window's body read in a worker thread leaves for the route. */
type WindowBodyRead = {
  /** The body as read, when it has rows: they are parsed only in a worker thread. */
  rowsBody?: SharedArrayBuffer;
  /** What assertUsableBody refused the body for, told once it is validated. */
  unusable?: string;
};

const WINDOW_BODY_READ = 'modelHubWindowBodyRead';

function windowBodyRead(res: express.Response): WindowBodyRead | undefined {
  return res.locals[WINDOW_BODY_READ];
}

/**
 * The body a drift window's rows are in, when it was read in a worker
 * thread: `req.body` then holds stand-ins of the rows (see
 * ReadWindowBody.standIn), and the route hands this on instead.
 */
export function rowsBodyOf(
  res: express.Response,
): SharedArrayBuffer | undefined {
  return windowBodyRead(res)?.rowsBody;
}

/** Whether a body is UTF-8 JSON as express.json reads it (no charset means UTF-8). */
function isUtf8(req: express.Request): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(
    String(req.headers['content-type'] ?? ''),
  )?.[1];
  return !charset || charset.toLowerCase() === 'utf-8';
}

/** A size such as `256kb` or `20mb` in bytes (the units body-parser takes). */
function bytes(size: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i.exec(size.trim());
  if (!match) return Infinity;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[
    match[2].toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'
  ];
  return Math.floor(Number(match[1]) * unit);
}

function sendTooLarge(
  req: express.Request,
  res: express.Response,
  length: number,
  limit: string,
) {
  const message =
    limit === DEFAULT_BODY_LIMIT
      ? `Request body of ${length} bytes exceeds the limit of ${limit} for ${req.method} ${req.path}`
      : `Request body of ${length} bytes exceeds the limit of ${limit}: ` +
        'raise modelHub.maxRequestBodySize in app-config, or send a drift window as a profile ' +
        '(model-hub drift submit --as-profile) instead of raw rows';
  res.status(413).json({
    error: serializeError(
      Object.assign(new Error(message), { name: 'PayloadTooLargeError' }),
    ),
    request: { method: req.method, url: req.url },
    response: { statusCode: 413 },
  });
}

/**
 * Whether a body is large: declared over `largerThan` (LARGE_BODY_BYTES),
 * or compressed or streamed without a length (its size is known only once
 * read).
 */
function isLargeBody(
  req: express.Request,
  largerThan: number = LARGE_BODY_BYTES,
): boolean {
  if (isEncoded(req)) return true;
  const declared = declaredLength(req);
  return declared === undefined || declared > largerThan;
}

/** The body's declared length, if it declares one. */
function declaredLength(req: express.Request): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const declared = Number(header);
  return Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
}

/** Whether the body is compressed (its size is known only once inflated). */
function isEncoded(req: express.Request): boolean {
  const encoding = (req.headers['content-encoding'] ?? 'identity')
    .toString()
    .toLowerCase();
  return encoding !== 'identity';
}

/** Whether the body is JSON, as express.json's `type` option judges it. */
function isJson(req: express.Request): boolean {
  return Boolean(req.is('application/json'));
}

/**
 * A body of a declared length (within the route's limit, checked before),
 * read into a SharedArrayBuffer of that length as it arrives. A body that
 * ends short of its length fails as body-parser fails it (400), and one
 * the client abandons fails without an answer.
 */
async function readDeclaredBody(
  req: express.Request,
  length: number,
): Promise<SharedArrayBuffer> {
  const read = new SharedArrayBuffer(length);
  const into = new Uint8Array(read);
  let received = 0;
  const sizeMismatch = () =>
    Object.assign(new Error('request size did not match content length'), {
      status: 400,
      statusCode: 400,
      expose: true,
      expected: length,
      received,
      type: 'request.size.invalid',
    });
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      // HTTP/1.1 framing stops at the declared length; kept as a guard.
      if (received + chunk.length > length) {
        received += chunk.length;
        throw sizeMismatch();
      }
      into.set(chunk, received);
      received += chunk.length;
    }
  } catch (error) {
    if ((error as { type?: string }).type === 'request.size.invalid') {
      throw error;
    }
    // Closed before its end: the client went away.
    throw Object.assign(new Error('request aborted'), {
      status: 400,
      statusCode: 400,
      expose: true,
      type: 'request.aborted',
    });
  }
  if (received !== length) throw sizeMismatch();
  return read;
}

/** `/models/{namespace}/{name}` as a matcher of request paths. */
function pathMatcher(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

/**
 * The JSON body parser, handed to the OpenAPI router so that it replaces the
 * router's own (100 kB) parser. Only operations of the contract that take a
 * body have it parsed (a GET's body, or one sent to an unknown path, is not
 * read); each route has its limit, and a body over it gets 413 from its
 * Content-Length before it is read (body-parser checks the declared length
 * first), with what to do instead of the validator's generic 400. Gzip and
 * deflate bodies are inflated, their limit counting the inflated bytes.
 */
export function jsonBodyParser(
  spec: { paths: Record<string, Record<string, { requestBody?: unknown }>> },
  largeLimit: string,
  /**
   * Large bodies taken at once (`modelHub.maxConcurrentLargeBodies`); the
   * others get 503 with Retry-After, unread.
   */
  maxConcurrentLarge = 2,
  /**
   * Worker threads: a large drift window body is read as bytes here, and
   * parsed and walked in a worker thread (parseInWorker below).
   */
  workers?: DriftWorkerPool,
): express.RequestHandler[] {
  let largeInFlight = 0;
  const withBody = Object.entries(spec.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op && typeof op === 'object' && op.requestBody)
      .map(([method]) => ({
        method: method.toUpperCase(),
        path: pathMatcher(template),
      })),
  );
  const matches = (
    routes: Array<{ method: string; path: RegExp }>,
    req: express.Request,
  ) => routes.some(r => r.method === req.method && r.path.test(req.path));
  const small = express.json({ limit: DEFAULT_BODY_LIMIT });
  const large = express.json({ limit: largeLimit });
  const largeRaw = express.raw({ limit: largeLimit, type: 'application/json' });
  // The most rows a window may have, as the contract states it.
  const maxRows: number =
    (spec as any).components?.schemas?.DriftSubmission?.properties?.rows
      ?.maxItems ?? Infinity;

  /**
   * A large drift window's body, read with the same limit and inflation as
   * express.json, parsed and walked in a worker thread: the event loop gets
   * the body with its rows as stand-ins (for the validator), and the route
   * the bytes, whose rows are parsed again only in the worker thread that
   * judges the window. JSON.parse of a 20 MB window holds the event loop
   * for 150 ms or more, and handing the parsed rows back would take longer.
   */
  const parseInWorker: express.RequestHandler = (req, res, next) => {
    const readBody = (then: (read: SharedArrayBuffer) => void) => {
      const length = declaredLength(req);
      if (isJson(req) && !isEncoded(req) && length !== undefined) {
        // Its length is known: read straight into the buffer the worker
        // thread reads, with no chunks kept and joined on the way.
        readDeclaredBody(req, length).then(then, next);
        return;
      }
      largeRaw(req, res, error => {
        if (error) {
          next(error);
          return;
        }
        // Not JSON: left as express.json leaves it, for the validator.
        if (!Buffer.isBuffer(req.body)) {
          next();
          return;
        }
        const read = new SharedArrayBuffer(req.body.length);
        new Uint8Array(read).set(req.body);
        req.body = undefined;
        then(read);
      });
    };
    readBody(read => {
      workers!.readWindowBody(read, maxRows).then(
        ({ standIn, unusable }) => {
          req.body = standIn;
          const hasRows = Array.isArray((standIn as any)?.rows);
          res.locals[WINDOW_BODY_READ] = {
            rowsBody: hasRows ? read : undefined,
            unusable,
          } satisfies WindowBodyRead;
          next();
        },
        failure => {
          if (failure?.name === 'ServiceUnavailableError') {
            res.setHeader('Retry-After', '5');
          }
          next(
            // As body-parser fails on a body that is not JSON.
            failure instanceof SyntaxError
              ? Object.assign(failure, {
                  status: 400,
                  statusCode: 400,
                  expose: true,
                  type: 'entity.parse.failed',
                })
              : failure,
          );
        },
      );
    });
  };

  const parse: express.RequestHandler = (req, res, next) => {
    if (!matches(withBody, req)) {
      next();
      return;
    }
    const isLarge = matches(LARGE_BODY_ROUTES, req);
    const limit = isLarge ? largeLimit : DEFAULT_BODY_LIMIT;
    res.locals.bodyLimit = limit;
    // body-parser reads a body over the limit to its end before it fails:
    // one that declares its length over the limit is refused unread, and
    // the connection closed.
    const declared = declaredLength(req);
    if (declared !== undefined && declared > bytes(limit)) {
      res.setHeader('Connection', 'close');
      sendTooLarge(req, res, declared, limit);
      return;
    }
    if (isLarge && isLargeBody(req)) {
      if (largeInFlight >= maxConcurrentLarge) {
        res.setHeader('Connection', 'close');
        res.setHeader('Retry-After', '5');
        res.status(503).json({
          error: serializeError(
            Object.assign(
              new Error(
                `${maxConcurrentLarge} large request bodies are being processed; try again in a few seconds (Retry-After)`,
              ),
              { name: 'ServiceUnavailableError' },
            ),
          ),
          request: { method: req.method, url: req.url },
          response: { statusCode: 503 },
        });
        return;
      }
      largeInFlight++;
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          largeInFlight--;
        }
      };
      res.on('finish', release);
      res.on('close', release);
    }
    if (
      workers?.threaded &&
      matches([DRIFT_WINDOW_ROUTE], req) &&
      isLargeBody(req, WORKER_PARSE_BYTES) &&
      isUtf8(req)
    ) {
      parseInWorker(req, res, next);
      return;
    }
    (isLarge ? large : small)(req, res, next);
  };
  const tooLarge: express.ErrorRequestHandler = (error, req, res, next) => {
    if (error?.type !== 'entity.too.large') {
      next(error);
      return;
    }
    sendTooLarge(req, res, error.length, res.locals.bodyLimit);
  };
  return [parse, tooLarge as unknown as express.RequestHandler];
}

/**
 * What the contract cannot state about a request (assertUsableBody), checked
 * after the contract's validation: a router installs it after its
 * validator, so a body the contract refuses is never walked. The query too:
 * a NUL in a search term fails in PostgreSQL as in a body.
 */
export const usableInput: express.RequestHandler = (req, res, next) => {
  assertUsableBody(req.query, 'query');
  const read = windowBodyRead(res);
  if (read) {
    // Walked in the worker thread that parsed it.
    if (read.unusable) throw new InputError(read.unusable);
  } else {
    assertUsableBody(req.body);
  }
  next();
};
