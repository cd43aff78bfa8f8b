import { ServiceUnavailableError } from '@backstage/errors';

/*
 * A database that cannot be reached (stopped, restarting, failing over, its
 * pool exhausted) is a temporary condition: the request may be retried, so
 * it is answered 503 rather than 500.
 */

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The Model Hub database is unavailable; try again shortly';

/** Socket errors of the driver's connection to the server. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL SQLSTATEs of a server that is going away or not there yet:
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
 * Class 08 (connection exceptions) is matched as a class.
 */
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03']);

/** What pg and knex say, without a code, when the connection is gone. */
const CONNECTION_LOST_MESSAGES = [
  // knex: the pool gave no connection in time (KnexTimeoutError)
  /Timeout acquiring a connection/,
  // pg: the server closed the connection during a query
  /Connection terminated/,
  // pg: a client whose connection failed, used again
  /is not queryable/,
];

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  syscall?: unknown;
  severity?: unknown;
  message?: unknown;
  errors?: unknown;
};

/**
 * Whether an error is a failure to reach the database, as knex and pg report
 * it: a socket error of the connection (with its `syscall`, which errors of
 * HTTP clients such as the catalog's do not carry on themselves), a
 * PostgreSQL error of class 08 or a shutting-down server, or a connection
 * lost or never acquired.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as ErrorLike;
  // Node reports a refused connection to every address of a host together.
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) {
    return true;
  }
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code) && typeof e.syscall === 'string') return true;
  // pg's DatabaseError carries the server's severity with the SQLSTATE.
  if (
    typeof e.severity === 'string' &&
    (SERVER_GONE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
  ) {
    return true;
  }
  const message = typeof e.message === 'string' ? e.message : '';
  return CONNECTION_LOST_MESSAGES.some(pattern => pattern.test(message));
}

/**
 * The error to answer with: a 503 ServiceUnavailableError when the database
 * could not be reached, the error itself otherwise. The original is not its
 * `cause`, which would put the driver's message (host, port, SQL) into the
 * response (Backstage keeps database errors out of responses too); it is
 * appended to the stack, which goes to the log and, in production, not
 * into responses.
 */
export function mapDatabaseUnavailable(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  const unavailable = new ServiceUnavailableError(DATABASE_UNAVAILABLE_MESSAGE);
  const original = error as { stack?: unknown };
  unavailable.stack = `${unavailable.stack}\nCaused by: ${
    typeof original.stack === 'string' ? original.stack : String(error)
  }`;
  return unavailable;
}
