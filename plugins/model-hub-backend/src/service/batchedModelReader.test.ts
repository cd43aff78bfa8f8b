import { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { BatchedModelReader } from './batchedModelReader';

const entityOf = (ref: string) =>
  ({
    kind: 'Model',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
  } as ModelEntity);

describe('BatchedModelReader', () => {
  it('reads the models asked for at once in one request per batch', async () => {
    const readMany = jest.fn(async (refs: string[]) => {
      return new Map(
        refs
          .filter(ref => ref !== 'model:default/gone')
          .map(ref => [ref, entityOf(ref)]),
      );
    });
    const reader = new BatchedModelReader(readMany, 3);
    const refs = ['a', 'b', 'c', 'd', 'a'].map(n => `model:default/${n}`);

    const entities = await Promise.all(refs.map(ref => reader.read(ref)));
    const missing = reader.read('model:default/gone');

    expect(entities.map(e => e.metadata.name)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'a',
    ]);
    // Four distinct models in batches of three: two requests.
    expect(readMany.mock.calls.map(([asked]) => asked)).toEqual([
      ['model:default/a', 'model:default/b', 'model:default/c'],
      ['model:default/d'],
    ]);
    await expect(missing).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No model model:default/gone in the catalog',
    });
  });

  it('fails every read of a batch whose request failed, and reads again afterwards', async () => {
    const readMany = jest
      .fn()
      .mockRejectedValueOnce(new Error('catalog unavailable'))
      .mockImplementation(
        async (refs: string[]) =>
          new Map(refs.map(ref => [ref, entityOf(ref)])),
      );
    const reader = new BatchedModelReader(readMany);

    const failed = await Promise.allSettled([
      reader.read('model:default/a'),
      reader.read('model:default/b'),
    ]);
    expect(failed.map(r => r.status)).toEqual(['rejected', 'rejected']);
    await expect(reader.read('model:default/a')).resolves.toEqual(
      entityOf('model:default/a'),
    );
  });
});
