import { VersionedCache } from './versionedCache';

describe('VersionedCache', () => {
  it('gives a value back only for the version it was made from', () => {
    const cache = new VersionedCache<string>({
      maxBytes: 1 << 20,
      maxEntries: 10,
    });
    cache.set('model:default/a', 'v1', 'made from v1');
    expect(cache.get('model:default/a', 'v1')).toBe('made from v1');
    // The content changed since: the caller makes the value again.
    expect(cache.get('model:default/a', 'v2')).toBeUndefined();
    cache.set('model:default/a', 'v2', 'made from v2');
    expect(cache.get('model:default/a', 'v2')).toBe('made from v2');
    expect(cache.get('model:default/a', 'v1')).toBeUndefined();
    expect(cache.get('model:default/b', 'v1')).toBeUndefined();
  });

  it('drops the keys used longest ago beyond its size', () => {
    const cache = new VersionedCache<number>({
      maxBytes: 1 << 20,
      maxEntries: 2,
    });
    cache.set('a', 'v', 1);
    cache.set('b', 'v', 2);
    cache.set('c', 'v', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 'v')).toBeUndefined();
    expect(cache.get('b', 'v')).toBe(2);
    expect(cache.get('c', 'v')).toBe(3);
    // Setting a key again makes it the newest.
    cache.set('b', 'v2', 4);
    cache.set('d', 'v', 5);
    expect(cache.get('c', 'v')).toBeUndefined();
    expect(cache.get('b', 'v2')).toBe(4);
  });

  it('makes the values it lacks in one call, in order, leaving out what cannot be made', async () => {
    const cache = new VersionedCache<string>({
      maxBytes: 1 << 20,
      maxEntries: 10,
    });
    cache.set('a', 'v1', 'a@v1');
    cache.set('b', 'v1', 'b@v1');
    const make = jest.fn(async (keys: string[]) =>
      keys
        .filter(key => key !== 'gone')
        .map(key => ({ key, version: 'v2', value: `${key}@v2` })),
    );
    await expect(
      cache.getAll(
        [
          { key: 'b', version: 'v2' },
          { key: 'gone', version: 'v1' },
          { key: 'a', version: 'v1' },
          { key: 'c', version: 'v2' },
        ],
        make,
      ),
    ).resolves.toEqual(['b@v2', 'a@v1', 'c@v2']);
    expect(make).toHaveBeenCalledTimes(1);
    expect(make).toHaveBeenCalledWith(['b', 'gone', 'c']);
    // What was made is kept under the version it was made from.
    expect(cache.get('b', 'v2')).toBe('b@v2');
    expect(cache.get('c', 'v2')).toBe('c@v2');
    // Nothing missing: no call.
    await cache.getAll([{ key: 'a', version: 'v1' }], make);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('keeps its bytes under the bound, whatever the size of the values', () => {
    const cache = new VersionedCache<string>({ maxBytes: 1_000_000 });
    // Reports of 1,000 columns, about 250 kB of JSON each.
    const report = JSON.stringify(
      Array.from({ length: 1000 }, (_, i) => ({
        column: `column_${i}`,
        method: 'jensenshannon',
        statistic: 0.123456789,
        score: 0.123456789,
        threshold: 0.1,
        drifted: true,
        rows: { reference: 50000, current: 50000 },
        missing: { reference: 0, current: 0 },
      })),
    );
    expect(report.length).toBeGreaterThan(200_000);
    for (let i = 0; i < 20; i++) cache.set(`report-${i}`, 'v', report);
    expect(cache.bytes).toBeLessThanOrEqual(1_000_000);
    expect(cache.size).toBeLessThan(20);
    // The newest are kept.
    expect(cache.get('report-19', 'v')).toBe(report);
  });
});
