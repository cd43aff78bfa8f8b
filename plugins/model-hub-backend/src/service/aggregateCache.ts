/**
 * Reuses the answer of an aggregate query (a count, facet counts) for a
 * while: at 10,000 models they cost more than the page they come with, and
 * a list's pages and its concurrent readers ask the same question. Requests
 * for a key while its query runs share that query; a failed query is asked
 * again by the next request.
 */
export class AggregateCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<T> }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      /** The least recently asked keys are dropped beyond this. */
      maxEntries: number;
      now: () => number;
    },
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.options.now();
    const cached = this.entries.get(key);
    this.entries.delete(key);
    if (cached && now >= cached.at && now - cached.at < this.options.ttlMs) {
      this.entries.set(key, cached);
      return cached.value;
    }
    const value = load();
    this.entries.set(key, { at: now, value });
    if (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets every answer: the data they were computed from changed. */
  clear(): void {
    this.entries.clear();
  }
}
