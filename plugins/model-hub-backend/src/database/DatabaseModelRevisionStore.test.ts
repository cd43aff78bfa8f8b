import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';

const databases = createTestDatabases();

const event = (ref = modelRef) => ({
  modelRef: ref,
  action: 'version.published' as const,
  actor: 'user:default/dana',
  occurredAt: '2026-12-05T10:00:00.000Z',
  payload: { version: '1.0.0' },
});

describe.each(databases.eachSupportedId())('model revisions on %s', id => {
  it('are raised by every audited write, when its transaction commits', async () => {
    const { stores } = await createTestStores(databases, id);
    expect(await stores.revisions.get(modelRef)).toBe('0');

    await stores.audit.append(event());
    const afterOne = await stores.revisions.get(modelRef);
    expect(afterOne).not.toBe('0');

    await stores.transaction(async tx => {
      await tx.audit.append(event());
      await tx.audit.append(event());
      // Raised at the end of the transaction, not before.
      expect(await tx.revisions.get(modelRef)).toBe(afterOne);
    });
    const afterTransaction = await stores.revisions.get(modelRef);
    expect(afterTransaction).not.toBe(afterOne);

    await expect(
      stores.transaction(async tx => {
        await tx.audit.append(event());
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await stores.revisions.get(modelRef)).toBe(afterTransaction);
    // Other models keep theirs.
    expect(await stores.revisions.get('model:default/other')).toBe('0');
    // Asked together, answered together (one query), each its own.
    expect(
      await Promise.all([
        stores.revisions.get(modelRef),
        stores.revisions.get('model:default/other'),
        stores.revisions.get(modelRef),
      ]),
    ).toEqual([afterTransaction, '0', afterTransaction]);
  });
});
