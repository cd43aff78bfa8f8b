import { Knex } from 'knex';
import { ModelRevisionStore } from './ModelRevisionStore';
import { perTickBatch } from './perTickBatch';

const TABLE = 'model_revisions';

export class DatabaseModelRevisionStore implements ModelRevisionStore {
  /** Outside a transaction: reads asked for in one turn, in one query. */
  private readonly batched?: (modelRef: string) => Promise<string>;

  constructor(
    private readonly db: Knex,
    /**
     * Outside a transaction: the revisions asked for within one turn of the
     * event loop are read in one query (every read of a model page asks).
     */
    batched = false,
  ) {
    if (batched) {
      this.batched = perTickBatch({
        readMany: async refs =>
          new Map(
            (
              await this.db(TABLE)
                .select('model_ref', 'revision')
                .whereIn('model_ref', refs)
            ).map(row => [row.model_ref as string, String(row.revision)]),
          ),
        missing: () => '0',
      });
    }
  }

  async get(modelRef: string): Promise<string> {
    if (this.batched) return this.batched(modelRef);
    const row = await this.db(TABLE)
      .select('revision')
      .where({ model_ref: modelRef })
      .first();
    return row ? String(row.revision) : '0';
  }

  async raise(modelRefs: string[]): Promise<void> {
    // In a fixed order, so that two transactions raising the same models
    // take their row locks in the same order.
    for (const modelRef of [...new Set(modelRefs)].sort()) {
      await this.db(TABLE)
        .insert({ model_ref: modelRef, revision: 1 })
        .onConflict('model_ref')
        .merge({ revision: this.db.raw(`${TABLE}.revision + 1`) });
    }
  }
}
