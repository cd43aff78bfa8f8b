import { NotFoundError } from '@backstage/errors';
import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { perTickBatch } from '../database/perTickBatch';

/**
 * Reads of single models asked for within one turn of the event loop, made
 * as one catalog request per `maxBatch` models: when many model pages are
 * opened at once (after a restart, or under load), their entities come in a
 * few requests instead of one each.
 */
export class BatchedModelReader {
  private readonly batched: (ref: string) => Promise<ModelEntity>;

  constructor(
    readMany: (refs: string[]) => Promise<Map<string, ModelEntity>>,
    maxBatch = 100,
  ) {
    this.batched = perTickBatch({
      readMany,
      missing: ref => new NotFoundError(`No model ${ref} in the catalog`),
      maxBatch,
    });
  }

  /** The model's entity; NotFoundError when the catalog has no such model. */
  read(ref: string): Promise<ModelEntity> {
    return this.batched(ref);
  }
}
