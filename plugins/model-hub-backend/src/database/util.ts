import { Knex } from 'knex';
import { PageRequest } from './types';

/*
 * Row mapping and query helpers shared by the Database*Store classes.
 */

/** Timestamps come back as Date (PostgreSQL) or as the stored string (SQLite). */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  return new Date(String(value)).toISOString();
}

export function optionalIso(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

export function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return JSON.parse(String(value)) as T;
}

/** The id of an inserted row: `returning` gives objects on PostgreSQL, numbers on SQLite. */
export function insertedId(rows: unknown[]): string {
  const row = rows[0] as { id: unknown } | number | string;
  return String(typeof row === 'object' ? row.id : row);
}

/**
 * Runs a filtered query for one page, newest first, with the count of all
 * matches in the same round trip. The query must select its columns.
 */
export async function fetchPage(
  query: Knex.QueryBuilder,
  newestFirst: string,
  page: PageRequest,
): Promise<{ rows: any[]; totalItems: number }> {
  const counted = () =>
    query.clone().clearSelect().clearOrder().count({ count: '*' });
  const rows = await query
    .clone()
    // An uncorrelated subquery: the database counts once per query.
    .select(counted().as('total_items'))
    .orderBy([
      { column: newestFirst, order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(page.limit)
    .offset(page.offset);
  if (rows.length > 0) {
    return { rows, totalItems: Number(rows[0].total_items) };
  }
  // Past the last page (or nothing at all): the count alone.
  const [{ count }] = await counted();
  return { rows, totalItems: Number(count) };
}

/**
 * A list in slices for `whereIn` lookups: bound parameters per query stay far
 * below SQLite's and PostgreSQL's limits.
 */
export function* batches<T>(items: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Whether a database error is a unique (or primary key) violation. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  return (
    code === '23505' || // PostgreSQL
    code === 'SQLITE_CONSTRAINT_UNIQUE' || // better-sqlite3
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    // sqlite3 only has the generic constraint code
    (code === 'SQLITE_CONSTRAINT' &&
      /UNIQUE constraint failed/.test(String(message))) ||
    code === 'ER_DUP_ENTRY' // MySQL
  );
}
