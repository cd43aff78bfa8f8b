import { ConfigReader } from '@backstage/config';
import { readDriftWorkerOptions } from './config';

describe('readDriftWorkerOptions', () => {
  it('gives the defaults, and what app-config sets', () => {
    expect(readDriftWorkerOptions(new ConfigReader({}))).toEqual({
      threshold: 100_000,
      threads: 1,
      queue: 16,
      heapMb: 256,
      nice: 10,
    });
    expect(
      readDriftWorkerOptions(
        new ConfigReader({
          modelHub: {
            drift: {
              workerThreshold: 0,
              workerThreads: 2,
              workerQueue: 4,
              workerHeapMb: 512,
              workerNice: 0,
            },
          },
        }),
      ),
    ).toEqual({ threshold: 0, threads: 2, queue: 4, heapMb: 512, nice: 0 });
  });

  it('refuses a queue or heap that is not a positive whole number, naming the key', () => {
    for (const [key, value] of [
      ['workerQueue', 0],
      ['workerHeapMb', 0],
      ['workerHeapMb', 1.5],
    ] as const) {
      expect(() =>
        readDriftWorkerOptions(
          new ConfigReader({ modelHub: { drift: { [key]: value } } }),
        ),
      ).toThrow(
        `Invalid config at modelHub.drift.${key}: ${value} is not a positive whole number`,
      );
    }
    expect(() =>
      readDriftWorkerOptions(
        new ConfigReader({ modelHub: { drift: { workerNice: 20 } } }),
      ),
    ).toThrow(
      'Invalid config at modelHub.drift.workerNice: 20 is not a nice value from 0 to 19',
    );
  });
});
