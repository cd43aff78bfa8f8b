import { InputError, ServiceUnavailableError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import net from 'node:net';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  mapDatabaseUnavailable,
} from './unavailable';

/*
 * What knex and pg throw when the database cannot be reached, produced for
 * real where a test can: a closed port, a server that never answers, a
 * connection the server terminates.
 */
jest.setTimeout(30_000);

const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const describeWithPostgres = pgUrl ? describe : describe.skip;

/** Rejects with what `fn` rejects with. */
async function failureOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A local TCP port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

// knex reports failed connection attempts itself: not in the test output.
const quiet = { warn() {}, error() {}, debug() {}, deprecate() {} };

const pgClient = (port: number, acquireConnectionTimeout = 5000) =>
  knexFactory({
    client: 'pg',
    connection: { host: '127.0.0.1', port, user: 'postgres' },
    // A connection attempt gives up soon after the acquire, so that
    // destroying the client does not wait for it.
    pool: { min: 0, max: 1, createTimeoutMillis: acquireConnectionTimeout * 2 },
    acquireConnectionTimeout,
    log: quiet,
  });

describe('isDatabaseUnavailable', () => {
  const clients: Knex[] = [];
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map(c => c.destroy()));
    servers.splice(0).forEach(s => s.close());
  });

  it('recognises a refused connection (the server is down)', async () => {
    const knex = pgClient(await closedPort());
    clients.push(knex);
    const error = await failureOf(() => knex.raw('select 1'));
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(error)).toBe(true);

    const mapped = mapDatabaseUnavailable(error);
    expect(mapped).toBeInstanceOf(ServiceUnavailableError);
    expect((mapped as Error).message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    // The driver's message (host and port) stays out of the response, and
    // goes to the log with the stack.
    expect((mapped as ServiceUnavailableError).cause).toBeUndefined();
    expect((mapped as Error).stack).toContain(
      `Caused by: ${(error as Error).stack}`,
    );
  });

  it("recognises knex's timeout acquiring a connection", async () => {
    // Accepts connections and never answers: the pool never gets one.
    const server = net.createServer(() => {});
    servers.push(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const knex = pgClient(port, 300);
    clients.push(knex);
    const error = await failureOf(() => knex.raw('select 1'));
    expect(error).toMatchObject({ name: 'KnexTimeoutError' });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises the SQLSTATEs of a server going away or not there yet', () => {
    // As pg's DatabaseError carries them: the server's severity and code.
    const serverError = (code: string) =>
      Object.assign(new Error(`server says ${code}`), {
        severity: 'FATAL',
        code,
      });
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '08P01']) {
      expect({
        code,
        unavailable: isDatabaseUnavailable(serverError(code)),
      }).toEqual({ code, unavailable: true });
    }
    // pg, when the server closed the connection during a query.
    expect(
      isDatabaseUnavailable(new Error('Connection terminated unexpectedly')),
    ).toBe(true);
    // Node, when every address of the host refused.
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    expect(isDatabaseUnavailable(new AggregateError([refused]))).toBe(true);
  });

  it('leaves other failures alone, including unreachable HTTP services', async () => {
    const other = [
      new InputError('version: bad'),
      Object.assign(new Error('duplicate key value'), {
        severity: 'ERROR',
        code: '23505',
      }),
      // The permission framework or the catalog unreachable: their own
      // errors, not the database's.
      new Error('connect ECONNREFUSED permission-backend'),
      Object.assign(new Error('request to catalog failed'), {
        name: 'FetchError',
        code: 'ECONNREFUSED',
        errno: 'ECONNREFUSED',
        type: 'system',
      }),
      await failureOf(async () =>
        fetch(`http://127.0.0.1:${await closedPort()}/`),
      ),
      undefined,
      'a string',
    ];
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    clients.push(sqlite);
    other.push(await failureOf(() => sqlite.raw('select * from nowhere')));
    for (const error of other) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(mapDatabaseUnavailable(error)).toBe(error);
    }
  });
});

describeWithPostgres('isDatabaseUnavailable on PostgreSQL', () => {
  const clients: Knex[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map(c => c.destroy()));
  });

  it('recognises a connection the server terminates (57P01 admin_shutdown)', async () => {
    const victim = knexFactory({
      client: 'pg',
      connection: pgUrl,
      pool: { min: 0, max: 1 },
      log: quiet,
    });
    const killer = knexFactory({ client: 'pg', connection: pgUrl });
    clients.push(victim, killer);
    const pid = (await victim.raw('select pg_backend_pid() as pid')).rows[0]
      .pid;
    const sleeping = failureOf(() => victim.raw('select pg_sleep(10)'));
    // Terminate once the sleep runs.
    for (let tries = 0; tries < 50; tries++) {
      const { rows } = await killer.raw(
        `select count(*)::int as n from pg_stat_activity where pid = ? and query like 'select pg_sleep%'`,
        [pid],
      );
      if (rows[0].n > 0) break;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await killer.raw('select pg_terminate_backend(?)', [pid]);
    const error = await sleeping;
    expect(error).toMatchObject({ code: '57P01' });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
