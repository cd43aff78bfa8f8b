import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabasePolicyOverrideStore on %s',
  id => {
    it('creates and replaces the override of a model', async () => {
      const { stores } = await createTestStores(databases, id);
      expect(await stores.policyOverrides.get(modelRef)).toBeUndefined();

      const first = {
        policy: { approvals: 3 },
        reason: 'board decision',
        updatedBy: 'user:default/a',
        updatedAt: '2026-11-22T10:00:00.000Z',
      };
      await stores.policyOverrides.set(modelRef, first);
      expect(await stores.policyOverrides.get(modelRef)).toEqual(first);

      const second = {
        ...first,
        policy: { reviewCadenceMonths: 6 },
        updatedAt: '2026-11-23T10:00:00.000Z',
      };
      await stores.policyOverrides.set(modelRef, second);
      expect(await stores.policyOverrides.get(modelRef)).toEqual(second);
      expect(await stores.policyOverrides.get('model:default/x')).toBe(
        undefined,
      );
    });
  },
);
