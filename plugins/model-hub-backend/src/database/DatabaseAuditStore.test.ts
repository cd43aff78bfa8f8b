import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';
import { AuditAction } from './types';

const databases = createTestDatabases();

/**
 * The database's refusal. Matched by message, not with `toThrow`: the native
 * better-sqlite3 addon is loaded once per Jest worker, so its errors may come
 * from another test file's realm and fail `instanceof Error` here.
 */
const appendOnly = {
  message: expect.stringMatching(/model hub audit events are append-only/),
};

const event = (action: AuditAction, minute: number) => ({
  modelRef,
  action,
  actor: 'user:default/a',
  occurredAt: `2026-11-22T10:${String(minute).padStart(2, '0')}:00.000Z`,
  payload: { minute },
});

describe.each(databases.eachSupportedId())('DatabaseAuditStore on %s', id => {
  it('pages a model’s events newest first', async () => {
    const { stores } = await createTestStores(databases, id);
    for (let minute = 1; minute <= 5; minute++) {
      await stores.audit.append(event('version.published', minute));
    }
    await stores.audit.append({ ...event('alias.moved', 9), modelRef: 'x' });

    const page = await stores.audit.list(modelRef, { limit: 2, offset: 1 });
    expect(page.totalItems).toBe(5);
    expect(page.items.map(e => e.payload)).toEqual([
      { minute: 4 },
      { minute: 3 },
    ]);
    expect(page.items[0]).toEqual({
      ...event('version.published', 4),
      id: expect.any(String),
    });
  });

  it('lists the events of some actions oldest first', async () => {
    const { stores } = await createTestStores(databases, id);
    await stores.audit.append(event('drift.reported', 3));
    await stores.audit.append(event('version.published', 1));
    await stores.audit.append(event('deployment.recorded', 2));

    const events = await stores.audit.listByAction(modelRef, [
      'deployment.recorded',
      'drift.reported',
    ]);
    expect(events.map(e => e.action)).toEqual([
      'deployment.recorded',
      'drift.reported',
    ]);
  });

  it('is append-only: the database refuses to change or remove events', async () => {
    const { knex, stores } = await createTestStores(databases, id);
    await stores.audit.append(event('version.published', 1));
    const before = await knex('model_audit_events').select();
    expect(before).toHaveLength(1);

    await expect(
      knex('model_audit_events')
        .where({ id: before[0].id })
        .update({ actor: 'user:default/mallory', payload: '{}' }),
    ).rejects.toMatchObject(appendOnly);
    await expect(
      knex('model_audit_events').where({ id: before[0].id }).delete(),
    ).rejects.toMatchObject(appendOnly);
    await expect(knex('model_audit_events').delete()).rejects.toMatchObject(
      appendOnly,
    );
    await expect(knex('model_audit_events').truncate()).rejects.toMatchObject(
      appendOnly,
    );

    expect(await knex('model_audit_events').select()).toEqual(before);
    // Appending still works.
    await stores.audit.append(event('alias.moved', 2));
    expect(
      (await stores.audit.list(modelRef, { limit: 10, offset: 0 })).totalItems,
    ).toBe(2);
  });
});
