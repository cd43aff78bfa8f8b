import { AggregateCache } from './aggregateCache';

describe('AggregateCache', () => {
  function setUp(maxEntries = 10) {
    let now = 0;
    const cache = new AggregateCache<number>({
      ttlMs: 1000,
      maxEntries,
      now: () => now,
    });
    let calls = 0;
    const count = (value: number) => () => {
      calls++;
      return Promise.resolve(value);
    };
    return {
      cache,
      count,
      calls: () => calls,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('reuses an answer for its time to live, and asks again after', async () => {
    const { cache, count, calls, advance } = setUp();
    await expect(cache.get('a', count(1))).resolves.toBe(1);
    advance(999);
    await expect(cache.get('a', count(2))).resolves.toBe(1);
    expect(calls()).toBe(1);
    advance(1);
    await expect(cache.get('a', count(3))).resolves.toBe(3);
    expect(calls()).toBe(2);
  });

  it('shares one query between concurrent requests for a key', async () => {
    const { cache, count, calls } = setUp();
    const answers = await Promise.all([
      cache.get('a', count(1)),
      cache.get('a', count(1)),
      cache.get('b', count(2)),
    ]);
    expect(answers).toEqual([1, 1, 2]);
    expect(calls()).toBe(2);
  });

  it('asks again after a failure, and after clear()', async () => {
    const { cache, count, calls } = setUp();
    await expect(
      cache.get('a', () => Promise.reject(new Error('connection lost'))),
    ).rejects.toThrow('connection lost');
    await expect(cache.get('a', count(1))).resolves.toBe(1);
    cache.clear();
    await expect(cache.get('a', count(2))).resolves.toBe(2);
    expect(calls()).toBe(2);
  });

  it('drops the least recently asked key beyond its size', async () => {
    const { cache, count, calls } = setUp(2);
    await cache.get('a', count(1));
    await cache.get('b', count(2));
    await cache.get('a', count(1)); // a is now the most recent
    await cache.get('c', count(3)); // drops b
    expect(calls()).toBe(3);
    await expect(cache.get('a', count(10))).resolves.toBe(1);
    await expect(cache.get('b', count(20))).resolves.toBe(20);
    expect(calls()).toBe(4);
  });

  it('does not trust an answer from the future (a clock set back)', async () => {
    const { cache, count, advance } = setUp();
    advance(5000);
    await cache.get('a', count(1));
    advance(-2000);
    await expect(cache.get('a', count(2))).resolves.toBe(2);
  });
});
