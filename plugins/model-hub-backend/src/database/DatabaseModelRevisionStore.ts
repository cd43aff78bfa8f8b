import { Knex } from 'knex';
import { ModelRevisionStore } from './ModelRevisionStore';

const TABLE = 'model_revisions';

export class DatabaseModelRevisionStore implements ModelRevisionStore {
  constructor(private readonly db: Knex) {}

  async get(modelRef: string): Promise<string> {
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
