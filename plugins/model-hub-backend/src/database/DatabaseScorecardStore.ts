import { Knex } from 'knex';
import { ScorecardRun, ScorecardStore, StoredVerdict } from './ScorecardStore';
import { batches, toIso } from './util';
import { DatabaseModelRevisionStore } from './DatabaseModelRevisionStore';

const VERDICTS = 'golden_path_verdicts';
const CHANGES = 'golden_path_verdict_changes';
const RUNS = 'golden_path_runs';

/**
 * The key a model's stored scorecard is kept under in model_revisions,
 * beside the model's own revision.
 */
export const scorecardRevisionKey = (modelRef: string) =>
  `scorecard:${modelRef}`;

function toVerdict(row: any): StoredVerdict {
  return {
    entityRef: row.entity_ref,
    checkId: row.check_id,
    entityKind: row.entity_kind,
    ownerRef: row.owner_ref ?? undefined,
    systemRef: row.system_ref ?? undefined,
    result: row.result,
    severity: row.severity,
    reason: row.reason,
    remedy: row.remedy ?? undefined,
    evaluatedAt: toIso(row.evaluated_at),
  };
}

export class DatabaseScorecardStore implements ScorecardStore {
  constructor(private readonly db: Knex) {}

  async saveVerdicts(
    entityRefs: string[],
    verdicts: StoredVerdict[],
  ): Promise<void> {
    // One transaction per batch of entities: a replica reading meanwhile sees
    // an entity's old or new verdicts, never half of each.
    for (const refs of batches(entityRefs)) {
      const mine = new Set(refs);
      const batch = verdicts.filter(v => mine.has(v.entityRef));
      await this.db.transaction(async trx => {
        const previous = new Map<string, string>(
          (
            await trx(VERDICTS)
              .select('entity_ref', 'check_id', 'result')
              .whereIn('entity_ref', refs)
          ).map(r => [`${r.entity_ref} ${r.check_id}`, r.result]),
        );
        const changes = batch.filter(
          v => previous.get(`${v.entityRef} ${v.checkId}`) !== v.result,
        );
        await trx(VERDICTS).whereIn('entity_ref', refs).delete();
        // A model's kept scorecard is read again (GoldenPathService). Its
        // own revision: every evaluation run saves every verdict, and must
        // not make the model page's other reads read again.
        await new DatabaseModelRevisionStore(trx).raise(
          refs
            .filter(ref => ref.toLocaleLowerCase('en-US').startsWith('model:'))
            .map(scorecardRevisionKey),
        );
        for (let j = 0; j < batch.length; j += 100) {
          await trx(VERDICTS).insert(
            batch.slice(j, j + 100).map(v => ({
              entity_ref: v.entityRef,
              check_id: v.checkId,
              entity_kind: v.entityKind,
              owner_ref: v.ownerRef ?? null,
              system_ref: v.systemRef ?? null,
              result: v.result,
              severity: v.severity,
              reason: v.reason,
              remedy: v.remedy ?? null,
              evaluated_at: v.evaluatedAt,
            })),
          );
        }
        for (let j = 0; j < changes.length; j += 100) {
          await trx(CHANGES).insert(
            changes.slice(j, j + 100).map(v => ({
              entity_ref: v.entityRef,
              check_id: v.checkId,
              result: v.result,
              reason: v.reason,
              changed_at: v.evaluatedAt,
            })),
          );
        }
      });
    }
  }

  async removeOtherEntities(keep: string[]): Promise<void> {
    const stored: string[] = (
      await this.db(VERDICTS).distinct('entity_ref')
    ).map(r => r.entity_ref);
    const keepSet = new Set(keep);
    const gone = stored.filter(ref => !keepSet.has(ref));
    for (const refs of batches(gone)) {
      // A removed model's kept scorecard must not outlive its verdicts.
      await this.db.transaction(async trx => {
        await trx(VERDICTS).whereIn('entity_ref', refs).delete();
        await new DatabaseModelRevisionStore(trx).raise(
          refs
            .filter(ref => ref.toLocaleLowerCase('en-US').startsWith('model:'))
            .map(scorecardRevisionKey),
        );
      });
    }
  }

  async listVerdicts(filter: { entityRefs?: string[] } = {}) {
    if (!filter.entityRefs) {
      return (await this.db(VERDICTS).orderBy(['entity_ref', 'check_id'])).map(
        toVerdict,
      );
    }
    const result: StoredVerdict[] = [];
    for (const refs of batches(filter.entityRefs)) {
      const rows = await this.db(VERDICTS)
        .whereIn('entity_ref', refs)
        .orderBy(['entity_ref', 'check_id']);
      result.push(...rows.map(toVerdict));
    }
    return result;
  }

  async entityScorecard(entityRef: string, changesLimit: number) {
    // One round trip: the verdicts, then the newest changes, as one list.
    const changes = this.db(CHANGES)
      .select(
        this.db.raw('1 as part'),
        'id',
        'check_id',
        this.db.raw('null as entity_kind'),
        this.db.raw('null as owner_ref'),
        this.db.raw('null as system_ref'),
        'result',
        this.db.raw('null as severity'),
        'reason',
        this.db.raw('null as remedy'),
        'changed_at as at',
      )
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(changesLimit);
    const rows = await this.db(VERDICTS)
      .select(
        this.db.raw('0 as part'),
        this.db.raw('0 as id'),
        'check_id',
        'entity_kind',
        'owner_ref',
        'system_ref',
        'result',
        'severity',
        'reason',
        'remedy',
        'evaluated_at as at',
      )
      .where({ entity_ref: entityRef })
      .unionAll(q => q.select('*').from(changes.as('newest_changes')))
      .orderBy([
        { column: 'part', order: 'asc' },
        { column: 'check_id', order: 'asc' },
      ]);
    const verdictRows = rows.filter(r => Number(r.part) === 0);
    // The changes keep the order they were read in: re-sorted newest first.
    const changeRows = rows
      .filter(r => Number(r.part) === 1)
      .sort(
        (a, b) =>
          new Date(b.at).getTime() - new Date(a.at).getTime() ||
          Number(b.id) - Number(a.id),
      );
    return {
      verdicts: verdictRows.map(r =>
        toVerdict({ ...r, entity_ref: entityRef, evaluated_at: r.at }),
      ),
      changes: changeRows.map(r => ({
        checkId: r.check_id,
        result: r.result,
        reason: r.reason,
        changedAt: toIso(r.at),
      })),
    };
  }

  async addRun(run: ScorecardRun): Promise<void> {
    await this.db(RUNS).insert({
      evaluated_at: run.evaluatedAt,
      entities: run.entities,
      passed: run.passed,
      failed: run.failed,
    });
  }

  async listRuns(limit: number): Promise<ScorecardRun[]> {
    const rows = await this.db(RUNS)
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.reverse().map(r => ({
      evaluatedAt: toIso(r.evaluated_at),
      entities: Number(r.entities),
      passed: Number(r.passed),
      failed: Number(r.failed),
    }));
  }
}
