import { Knex } from 'knex';
import { ModelRevisionStore } from './ModelRevisionStore';
import { batches } from './util';

const TABLE = 'model_revisions';

export class DatabaseModelRevisionStore implements ModelRevisionStore {
  private pending = new Map<
    string,
    Array<{ resolve: (revision: string) => void; reject: (e: unknown) => void }>
  >();

  constructor(
    private readonly db: Knex,
    /**
     * Outside a transaction: the revisions asked for within one turn of the
     * event loop are read in one query (every read of a model page asks).
     */
    private readonly batched = false,
  ) {}

  async get(modelRef: string): Promise<string> {
    if (!this.batched) {
      const row = await this.db(TABLE)
        .select('revision')
        .where({ model_ref: modelRef })
        .first();
      return row ? String(row.revision) : '0';
    }
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(modelRef);
      if (waiting) {
        waiting.push({ resolve, reject });
        return;
      }
      this.pending.set(modelRef, [{ resolve, reject }]);
      if (this.pending.size === 1) setImmediate(() => this.flush());
    });
  }

  private async flush() {
    const asked = this.pending;
    this.pending = new Map();
    for (const refs of batches([...asked.keys()])) {
      try {
        const rows = await this.db(TABLE)
          .select('model_ref', 'revision')
          .whereIn('model_ref', refs);
        const found = new Map(
          rows.map(row => [row.model_ref as string, String(row.revision)]),
        );
        for (const ref of refs) {
          for (const w of asked.get(ref)!) w.resolve(found.get(ref) ?? '0');
        }
      } catch (error) {
        for (const ref of refs)
          for (const w of asked.get(ref)!) w.reject(error);
      }
    }
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
