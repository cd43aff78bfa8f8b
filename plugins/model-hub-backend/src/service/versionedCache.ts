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
