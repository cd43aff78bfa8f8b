import { serializeError } from '@backstage/errors';
import express from 'express';
import { assertUsableBody } from './requestLimits';

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
 * Routes that take versions (with reference rows) and drift windows: their
 * limit is `modelHub.maxRequestBodySize`.
 */
const LARGE_BODY_ROUTES: Array<{ method: string; path: RegExp }> = [
  { method: 'POST', path: /^\/models\/[^/]+\/[^/]+\/versions$/ },
  {
    method: 'POST',
    path: /^\/models\/[^/]+\/[^/]+\/versions\/[^/]+\/drift-reports$/,
  },
];

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
 * Whether a body is large: declared over LARGE_BODY_BYTES, or compressed
 * or streamed without a length (its size is known only once read).
 */
function isLargeBody(req: express.Request): boolean {
  const declared = Number(req.headers['content-length']);
  const encoding = (req.headers['content-encoding'] ?? 'identity')
    .toString()
    .toLowerCase();
  if (encoding !== 'identity') return true;
  return !Number.isFinite(declared) || declared > LARGE_BODY_BYTES;
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
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > bytes(limit)) {
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
export const usableInput: express.RequestHandler = (req, _res, next) => {
  assertUsableBody(req.query, 'query');
  assertUsableBody(req.body);
  next();
};
