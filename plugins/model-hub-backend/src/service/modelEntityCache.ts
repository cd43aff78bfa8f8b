import { LRUCache } from 'lru-cache';
import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';

/**
 * How long a Model entity read from the catalog answers reads of its model
 * page without being read again. For as long again it still answers while a
 * fresh copy is read in the background (stale-while-revalidate), so that a
 * busy model page does not wait for the catalog every 30 seconds; older
 * than that, a read waits for the catalog. The catalog itself shows an edit
 * only after its processing loop has run; the model list and status call
 * show it after the next index refresh (a minute). Reads may lag by up to
 * twice this much more, never writes.
 */
export const MODEL_ENTITY_TTL_MS = 30_000;
/** Bytes of kept entities, per replica (an entity is a few kilobytes). */
export const MODEL_ENTITY_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Model entities as Model Hub itself read them from the catalog, kept for a
 * short while: every tab of the model page reads the model, and asking the
 * catalog each time costs as much as the read itself. Only callers who may
 * read every model unconditionally are answered from here (see
 * ModelAccess.readableModel); everyone else goes to the catalog with their
 * own credentials. Concurrent reads of one model share one catalog request.
 */
export class ModelEntityCache {
  private readonly entries: LRUCache<
    string,
    ModelEntity,
    () => Promise<ModelEntity>
  >;

  private readonly ttlMs: number;

  constructor(
    options: {
      ttlMs?: number;
      maxBytes?: number;
      now?: () => number;
    } = {},
  ) {
    this.ttlMs = options.ttlMs ?? MODEL_ENTITY_TTL_MS;
    this.entries = new LRUCache<
      string,
      ModelEntity,
      () => Promise<ModelEntity>
    >({
      ttl: this.ttlMs,
      // A stale entity stays until its fresh copy replaces it.
      noDeleteOnStaleGet: true,
      // Expiry is checked on read; nothing runs in the background.
      ttlAutopurge: false,
      maxSize: options.maxBytes ?? MODEL_ENTITY_CACHE_BYTES,
      // UTF-16 size of its JSON: close enough to the heap it takes.
      sizeCalculation: entity => Math.max(1, JSON.stringify(entity).length * 2),
      // A clock of its own (tests) is read on every check, not every ms.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
      fetchMethod: async (_ref, _stale, { context }) => context(),
    });
  }

  /** The kept entity of `ref`, or the one `read` gives (then kept). */
  async get(
    ref: string,
    read: () => Promise<ModelEntity>,
  ): Promise<ModelEntity> {
    // Negative once stale: by how long it is past its TTL.
    const remaining = this.entries.getRemainingTTL(ref);
    const entity = await this.entries.fetch(ref, {
      context: read,
      allowStale: remaining > -this.ttlMs,
    });
    // fetchMethod never answers undefined: read() throws instead.
    return entity!;
  }

  /** The bytes kept, by the cache's own size calculation. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }
}
