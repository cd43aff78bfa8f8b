import { NotFoundError } from '@backstage/errors';
import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';

type Waiting = {
  resolve: (entity: ModelEntity) => void;
  reject: (error: unknown) => void;
};

/**
 * Reads of single models asked for within one turn of the event loop, made
 * as one catalog request per `maxBatch` models: when many model pages are
 * opened at once (after a restart, or under load), their entities come in a
 * few requests instead of one each.
 */
export class BatchedModelReader {
  private pending = new Map<string, Waiting[]>();

  constructor(
    private readonly readMany: (
      refs: string[],
    ) => Promise<Map<string, ModelEntity>>,
    private readonly maxBatch = 100,
  ) {}

  /** The model's entity; NotFoundError when the catalog has no such model. */
  read(ref: string): Promise<ModelEntity> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(ref);
      if (waiting) {
        waiting.push({ resolve, reject });
        return;
      }
      this.pending.set(ref, [{ resolve, reject }]);
      if (this.pending.size === 1) setImmediate(() => this.flush());
    });
  }

  private async flush() {
    const batch = this.pending;
    this.pending = new Map();
    const refs = [...batch.keys()];
    const slices: string[][] = [];
    for (let i = 0; i < refs.length; i += this.maxBatch) {
      slices.push(refs.slice(i, i + this.maxBatch));
    }
    await Promise.all(
      slices.map(async slice => {
        let found: Map<string, ModelEntity>;
        try {
          found = await this.readMany(slice);
        } catch (error) {
          for (const ref of slice)
            batch.get(ref)!.forEach(w => w.reject(error));
          return;
        }
        for (const ref of slice) {
          const entity = found.get(ref);
          for (const waiting of batch.get(ref)!) {
            if (entity) waiting.resolve(entity);
            else
              waiting.reject(
                new NotFoundError(`No model ${ref} in the catalog`),
              );
          }
        }
      }),
    );
  }
}
