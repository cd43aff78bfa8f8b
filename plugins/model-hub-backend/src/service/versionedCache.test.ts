import { VersionedCache } from './versionedCache';

describe('VersionedCache', () => {
  it('gives a value back only for the version it was made from', () => {
    const cache = new VersionedCache<string>(10);
    cache.set('model:default/a', 'v1', 'made from v1');
    expect(cache.get('model:default/a', 'v1')).toBe('made from v1');
    // The content changed since: the caller makes the value again.
    expect(cache.get('model:default/a', 'v2')).toBeUndefined();
    cache.set('model:default/a', 'v2', 'made from v2');
    expect(cache.get('model:default/a', 'v2')).toBe('made from v2');
    expect(cache.get('model:default/a', 'v1')).toBeUndefined();
    expect(cache.get('model:default/b', 'v1')).toBeUndefined();
  });

  it('drops the keys set longest ago beyond its size', () => {
    const cache = new VersionedCache<number>(2);
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
});
