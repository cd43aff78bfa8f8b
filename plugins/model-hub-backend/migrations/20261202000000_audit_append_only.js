// @ts-check

/*
 * The audit trail is append-only, and the database itself refuses to change
 * it: no code path (nor a bug, nor someone with the plugin's credentials
 * and a SQL prompt) can rewrite or remove who did what.
 *
 * On SQLite, knex rebuilds a table to alter some of its columns and the
 * rebuild drops its triggers: a later migration that alters
 * model_audit_events must install these triggers again.
 */

const TABLE = 'model_audit_events';
const FUNCTION = 'model_hub_audit_events_append_only';
const ROW_TRIGGER = 'model_audit_events_append_only';
const TRUNCATE_TRIGGER = 'model_audit_events_no_truncate';
const SQLITE_UPDATE_TRIGGER = 'model_audit_events_no_update';
const SQLITE_DELETE_TRIGGER = 'model_audit_events_no_delete';
const MESSAGE = 'model hub audit events are append-only';

/**
 * @param {import('knex').Knex} knex
 * @returns {'pg' | 'sqlite' | undefined}
 */
function dialect(knex) {
  const client = String(knex.client.config.client);
  if (client === 'pg') return 'pg';
  if (client === 'better-sqlite3' || client === 'sqlite3') return 'sqlite';
  // Other databases: the application still never updates or deletes events.
  return undefined;
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const db = dialect(knex);
  if (db === 'pg') {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION ${FUNCTION}() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION '${MESSAGE}: % on ${TABLE} is not allowed', TG_OP;
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER ${ROW_TRIGGER}
      BEFORE UPDATE OR DELETE ON ${TABLE}
      FOR EACH ROW EXECUTE FUNCTION ${FUNCTION}()`);
    // Row triggers do not fire on TRUNCATE.
    await knex.raw(`
      CREATE TRIGGER ${TRUNCATE_TRIGGER}
      BEFORE TRUNCATE ON ${TABLE}
      FOR EACH STATEMENT EXECUTE FUNCTION ${FUNCTION}()`);
  } else if (db === 'sqlite') {
    for (const [trigger, operation] of [
      [SQLITE_UPDATE_TRIGGER, 'UPDATE'],
      [SQLITE_DELETE_TRIGGER, 'DELETE'],
    ]) {
      await knex.raw(`
        CREATE TRIGGER ${trigger}
        BEFORE ${operation} ON ${TABLE}
        BEGIN
          SELECT RAISE(ABORT, '${MESSAGE}: ${operation} on ${TABLE} is not allowed');
        END`);
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const db = dialect(knex);
  if (db === 'pg') {
    await knex.raw(`DROP TRIGGER IF EXISTS ${TRUNCATE_TRIGGER} ON ${TABLE}`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${ROW_TRIGGER} ON ${TABLE}`);
    await knex.raw(`DROP FUNCTION IF EXISTS ${FUNCTION}()`);
  } else if (db === 'sqlite') {
    await knex.raw(`DROP TRIGGER IF EXISTS ${SQLITE_DELETE_TRIGGER}`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${SQLITE_UPDATE_TRIGGER}`);
  }
};
