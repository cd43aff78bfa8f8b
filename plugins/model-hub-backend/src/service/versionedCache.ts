/**
 * Values made from stored content, kept with the version of the content
 * they were made from: a value is reused only while the caller reads the
 * same version from the store. Nothing goes stale: the store is asked for
 * the version every time, by whichever replica wrote last.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();

  constructor(
    /**
     * The keys set longest ago are dropped beyond this (a hit does not
     * reorder: it is the hot path, and content changes seldom).
     */
    private readonly maxEntries: number,
  ) {}

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
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
