import { LRUCache } from 'lru-cache';

/** What one kept value costs: its key, version and value, UTF-16 strings. */
function defaultSize(value: unknown): number {
  return typeof value === 'string' ? value.length * 2 : 64;
}

/**
 * Values made from stored content, kept with the version of the content
 * they were made from: a value is reused only while the caller reads the
 * same version from the store. Nothing goes stale: the store is asked for
 * the version every time, by whichever replica wrote last. Bounded by bytes
 * (lru-cache's maxSize): a drift report grows with its columns, so a bound
 * on the number of entries alone bounds nothing.
 */
export class VersionedCache<T extends {}> {
  private readonly entries: LRUCache<string, { version: string; value: T }>;

  constructor(options: {
    /** The least recently used keys are dropped beyond this many bytes. */
    maxBytes: number;
    /** And beyond this many keys, if given. */
    maxEntries?: number;
    /** The bytes of a value (default: a string's UTF-16 size). */
    sizeOf?: (value: T) => number;
  }) {
    const sizeOf = options.sizeOf ?? defaultSize;
    this.entries = new LRUCache({
      maxSize: options.maxBytes,
      ...(options.maxEntries ? { max: options.maxEntries } : {}),
      sizeCalculation: (entry, key) =>
        Math.max(
          1,
          sizeOf(entry.value) + (key.length + entry.version.length) * 2,
        ),
    });
  }

  /** The value made from this version of the key's content, if kept. */
  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    return entry?.version === version ? entry.value : undefined;
  }

  /**
   * The values of these keys, in order: kept ones where their version
   * matches, the others from `make` in one call (it answers with the version
   * each value was made from, which may be newer). Keys `make` does not
   * answer for are left out.
   */
  async getAll(
    wanted: Array<{ key: string; version: string }>,
    make: (
      missing: string[],
    ) => Promise<Array<{ key: string; version: string; value: T }>>,
  ): Promise<T[]> {
    const values = new Map<string, T | undefined>(
      wanted.map(({ key, version }) => [key, this.get(key, version)]),
    );
    const missing = wanted
      .filter(({ key }) => values.get(key) === undefined)
      .map(({ key }) => key);
    if (missing.length > 0) {
      for (const { key, version, value } of await make(missing)) {
        this.set(key, version, value);
        values.set(key, value);
      }
    }
    return wanted.flatMap(({ key }) => {
      const value = values.get(key);
      return value === undefined ? [] : [value];
    });
  }

  set(key: string, version: string, value: T): void {
    this.entries.set(key, { version, value });
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bytes of what is kept, as the bound counts them. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }
}
