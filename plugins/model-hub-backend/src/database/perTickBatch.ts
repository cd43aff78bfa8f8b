type Waiting<V> = {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
};

/**
 * A reader of single keys whose reads asked for within one turn of the
 * event loop are made together: `readMany` gets up to `maxBatch` distinct
 * keys at a time and answers the values it found; a key it did not find
 * resolves with what `missing` gives, or rejects when that is an Error. A
 * failed `readMany` rejects the reads of its keys.
 */
export function perTickBatch<V>(options: {
  readMany: (keys: string[]) => Promise<Map<string, V>>;
  missing: (key: string) => V | Error;
  maxBatch?: number;
}): (key: string) => Promise<V> {
  const maxBatch = options.maxBatch ?? 500;
  let pending = new Map<string, Waiting<V>[]>();

  async function flush() {
    const asked = pending;
    pending = new Map();
    const keys = [...asked.keys()];
    const slices: string[][] = [];
    for (let i = 0; i < keys.length; i += maxBatch) {
      slices.push(keys.slice(i, i + maxBatch));
    }
    await Promise.all(
      slices.map(async slice => {
        let found: Map<string, V>;
        try {
          found = await options.readMany(slice);
        } catch (error) {
          for (const key of slice)
            asked.get(key)!.forEach(w => w.reject(error));
          return;
        }
        for (const key of slice) {
          const value = found.has(key) ? found.get(key)! : options.missing(key);
          for (const waiting of asked.get(key)!) {
            if (value instanceof Error) waiting.reject(value);
            else waiting.resolve(value);
          }
        }
      }),
    );
  }

  return key =>
    new Promise<V>((resolve, reject) => {
      const waiting = pending.get(key);
      if (waiting) {
        waiting.push({ resolve, reject });
        return;
      }
      pending.set(key, [{ resolve, reject }]);
      if (pending.size === 1) setImmediate(flush);
    });
}
