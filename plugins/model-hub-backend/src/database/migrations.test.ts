import fs from 'node:fs';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testStores';
import { migrationsDir } from './DatabaseModelHubStores';

const databases = createTestDatabases();

/**
 * The database's refusal. Matched by message, not with `toThrow`: the native
 * better-sqlite3 addon is loaded once per Jest worker, so its errors may come
 * from another test file's realm and fail `instanceof Error` here.
 */
const appendOnly = {
  message: expect.stringMatching(/model hub audit events are append-only/),
};

const TABLES = [
  'model_versions',
  'model_aliases',
  'model_deployments',
  'model_reviews',
  'model_review_decisions',
  'model_drift_reports',
  'model_audit_events',
  'model_policy_overrides',
];

async function existingTables(knex: Knex) {
  const found = await Promise.all(
    TABLES.map(async table => [table, await knex.schema.hasTable(table)]),
  );
  return found.filter(([, exists]) => exists).map(([table]) => table);
}

describe.each(databases.eachSupportedId())('migrations on %s', id => {
  it('runs every migration up and down again, one at a time', async () => {
    const knex = await databases.init(id);
    const config = { directory: migrationsDir };
    const count = fs
      .readdirSync(migrationsDir)
      .filter(file => file.endsWith('.js')).length;
    expect(count).toBeGreaterThan(0);

    for (let i = 0; i < count; i++) {
      await knex.migrate.up(config);
    }
    expect(await knex.migrate.currentVersion(config)).not.toBe('none');
    expect(await existingTables(knex)).toEqual(TABLES);

    for (let i = 0; i < count; i++) {
      await knex.migrate.down(config);
    }
    expect(await knex.migrate.currentVersion(config)).toBe('none');
    expect(await existingTables(knex)).toEqual([]);

    // Up again after down: down left nothing behind that would be in the way.
    await knex.migrate.latest(config);
    expect(await existingTables(knex)).toEqual(TABLES);
  });

  it('makes the audit trail append-only, and down lifts that again', async () => {
    const knex = await databases.init(id);
    const config = { directory: migrationsDir };
    await knex.migrate.latest(config);
    await knex('model_audit_events').insert({
      model_ref: 'model:default/fraud',
      action: 'version.published',
      actor: 'user:default/a',
      occurred_at: new Date('2026-12-02T10:00:00Z'),
      payload: '{}',
    });
    await expect(
      knex('model_audit_events').update({ actor: 'user:default/b' }),
    ).rejects.toMatchObject(appendOnly);

    await knex.migrate.down({
      ...config,
      name: '20261202000000_audit_append_only.js',
    });
    expect(
      await knex('model_audit_events').update({ actor: 'user:default/b' }),
    ).toBe(1);
    expect(await knex('model_audit_events').delete()).toBe(1);
  });
});
