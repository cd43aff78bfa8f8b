import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { ModelEntityCache } from './modelEntityCache';

const entityOf = (title: string) =>
  ({
    kind: 'Model',
    metadata: { name: 'fraud', namespace: 'default', title },
  } as ModelEntity);

describe('ModelEntityCache', () => {
  it('answers from what it read until the entry is older than its TTL', async () => {
    let now = 1_000;
    const cache = new ModelEntityCache({ ttlMs: 30_000, now: () => now });
    const read = jest
      .fn()
      .mockResolvedValueOnce(entityOf('first'))
      .mockResolvedValueOnce(entityOf('edited'));

    await expect(cache.get('model:default/fraud', read)).resolves.toEqual(
      entityOf('first'),
    );
    now += 29_000;
    await expect(cache.get('model:default/fraud', read)).resolves.toEqual(
      entityOf('first'),
    );
    expect(read).toHaveBeenCalledTimes(1);

    // Past its TTL, the kept entity answers once more while the catalog is
    // read in the background; the edit shows on the next read.
    now += 2_000;
    await expect(cache.get('model:default/fraud', read)).resolves.toEqual(
      entityOf('first'),
    );
    expect(read).toHaveBeenCalledTimes(2);
    await new Promise(resolve => setImmediate(resolve));
    await expect(cache.get('model:default/fraud', read)).resolves.toEqual(
      entityOf('edited'),
    );
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('waits for the catalog once an entity is stale for longer than its TTL', async () => {
    let now = 1_000;
    const cache = new ModelEntityCache({ ttlMs: 30_000, now: () => now });
    const read = jest
      .fn()
      .mockResolvedValueOnce(entityOf('first'))
      .mockResolvedValueOnce(entityOf('edited'));
    await cache.get('model:default/fraud', read);

    now += 61_000;

    await expect(cache.get('model:default/fraud', read)).resolves.toEqual(
      entityOf('edited'),
    );
  });

  it('makes one catalog read for concurrent reads of one model', async () => {
    const cache = new ModelEntityCache();
    let resolveRead: (entity: ModelEntity) => void = () => {};
    const read = jest.fn(
      () => new Promise<ModelEntity>(resolve => (resolveRead = resolve)),
    );

    const reads = Array.from({ length: 5 }, () =>
      cache.get('model:default/fraud', read),
    );
    resolveRead(entityOf('first'));

    await expect(Promise.all(reads)).resolves.toEqual(
      Array(5).fill(entityOf('first')),
    );
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps no failed read: a missing model is asked for again', async () => {
    const cache = new ModelEntityCache();
    const read = jest
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('No model'), { name: 'NotFoundError' }),
      )
      .mockResolvedValueOnce(entityOf('registered'));

    await expect(cache.get('model:default/fraud', read)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(cache.get('model:default/fraud', read)).resolves.toEqual(
      entityOf('registered'),
    );
  });

  it('stays within its bytes, dropping the least recently read models', async () => {
    const cache = new ModelEntityCache({ maxBytes: 64 * 1024 });
    const big = (i: number) =>
      ({
        ...entityOf(`model ${i}`),
        metadata: {
          name: `m${i}`,
          namespace: 'default',
          description: 'x'.repeat(4_000),
        },
      } as ModelEntity);
    for (let i = 0; i < 100; i++) {
      await cache.get(`model:default/m${i}`, async () => big(i));
    }
    expect(cache.bytes).toBeLessThanOrEqual(64 * 1024);
    const reread = jest.fn(async () => big(0));
    await cache.get('model:default/m0', reread);
    expect(reread).toHaveBeenCalledTimes(1);
    const kept = jest.fn(async () => big(99));
    await cache.get('model:default/m99', kept);
    expect(kept).not.toHaveBeenCalled();
  });
});
