import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { DatabaseModelRevisionStore } from './DatabaseModelRevisionStore';
import {
  DatabaseScorecardStore,
  scorecardRevisionKey,
} from './DatabaseScorecardStore';
import { StoredVerdict } from './ScorecardStore';

const databases = createTestDatabases();

const ref = 'model:default/fraud';
const verdict = (
  checkId: string,
  result: StoredVerdict['result'],
  at: string,
  entityRef = ref,
): StoredVerdict => ({
  entityRef,
  checkId,
  entityKind: 'model',
  ownerRef: 'group:default/risk',
  result,
  severity: 'error',
  reason: `${checkId} ${result}`,
  remedy: result === 'fail' ? `fix ${checkId}` : undefined,
  evaluatedAt: at,
});

describe.each(databases.eachSupportedId())(
  'DatabaseScorecardStore on %s',
  id => {
    it("reads an entity's verdicts and its newest changes in one go", async () => {
      const { knex } = await createTestStores(databases, id);
      const store = new DatabaseScorecardStore(knex);
      const day = (d: number) => `2026-12-0${d}T10:00:00.000Z`;
      const other = 'model:default/other';
      await store.saveVerdicts(
        [ref, other],
        [
          verdict('owner', 'pass', day(1)),
          verdict('card', 'fail', day(1)),
          verdict('card', 'fail', day(1), other),
        ],
      );
      await store.saveVerdicts(
        [ref],
        [verdict('owner', 'pass', day(2)), verdict('card', 'pass', day(2))],
      );
      await store.saveVerdicts(
        [ref],
        [verdict('owner', 'fail', day(3)), verdict('card', 'pass', day(3))],
      );

      const { verdicts, changes } = await store.entityScorecard(ref, 3);

      expect(verdicts).toEqual([
        verdict('card', 'pass', day(3)),
        verdict('owner', 'fail', day(3)),
      ]);
      // Newest first, at most three: the oldest change is left out.
      expect(changes).toEqual([
        {
          checkId: 'owner',
          result: 'fail',
          reason: 'owner fail',
          changedAt: day(3),
        },
        {
          checkId: 'card',
          result: 'pass',
          reason: 'card pass',
          changedAt: day(2),
        },
        expect.objectContaining({ changedAt: day(1) }),
      ]);
      // Saving a model's verdicts raises its revision (kept scorecards are
      // read again); a service has none to raise.
      const revisions = new DatabaseModelRevisionStore(knex);
      const before = await revisions.get(scorecardRevisionKey(ref));
      await store.saveVerdicts(
        [ref, 'component:default/api'],
        [verdict('owner', 'pass', day(4))],
      );
      expect(await revisions.get(scorecardRevisionKey(ref))).not.toBe(before);
      // The model page's other reads keep theirs.
      expect(await revisions.get(ref)).toBe('0');
      expect(
        await revisions.get(scorecardRevisionKey('component:default/api')),
      ).toBe('0');
      expect(await store.entityScorecard('model:default/none', 3)).toEqual({
        verdicts: [],
        changes: [],
      });
    });

    it("raises a removed model's scorecard revision with the removal", async () => {
      const { knex } = await createTestStores(databases, id);
      const store = new DatabaseScorecardStore(knex);
      const revisions = new DatabaseModelRevisionStore(knex);
      const gone = 'model:default/retired';
      await store.saveVerdicts(
        [ref, gone],
        [
          verdict('owner', 'pass', '2026-12-01T10:00:00.000Z'),
          verdict('owner', 'fail', '2026-12-01T10:00:00.000Z', gone),
        ],
      );
      const keptBefore = await revisions.get(scorecardRevisionKey(ref));
      const goneBefore = await revisions.get(scorecardRevisionKey(gone));

      await store.removeOtherEntities([ref]);

      // A scorecard kept for the removed model is read again (and is empty);
      // the model that stays keeps its own.
      expect(await revisions.get(scorecardRevisionKey(gone))).not.toBe(
        goneBefore,
      );
      expect((await store.entityScorecard(gone, 3)).verdicts).toEqual([]);
      expect(await revisions.get(scorecardRevisionKey(ref))).toBe(keptBefore);
    });
  },
);
