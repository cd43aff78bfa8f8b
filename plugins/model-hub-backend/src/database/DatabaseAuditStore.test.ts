import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';
import { AuditAction } from './types';

const databases = createTestDatabases();

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
});
