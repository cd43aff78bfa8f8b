import { mockServices } from '@backstage/backend-test-utils';
import { debouncedEvaluator } from './changeTracking';

describe('debouncedEvaluator', () => {
  it('evaluates a burst of changed models in batches, one batch at a time', async () => {
    const batches: string[][] = [];
    let running = 0;
    let maxRunning = 0;
    let release!: () => void;
    const firstBatchHeld = new Promise<void>(resolve => {
      release = resolve;
    });
    const changed = debouncedEvaluator({
      delayMs: 10,
      batchSize: 100,
      logger: mockServices.logger.mock(),
      async evaluate(refs) {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        batches.push(refs);
        if (batches.length === 1) await firstBatchHeld;
        running -= 1;
      },
    });

    // A bulk import: 250 models, most written several times.
    for (let write = 0; write < 3; write++) {
      for (let i = 0; i < 250; i++) changed([`model:default/m${i}`]);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
    // Writes while the first batch runs wait for the next round.
    changed(['model:default/late', 'model:default/m0']);
    release();
    await new Promise(resolve => setTimeout(resolve, 100));

    expect(batches.map(b => b.length)).toEqual([100, 100, 50, 2]);
    expect(new Set(batches.slice(0, 3).flat()).size).toBe(250);
    expect(batches[3]).toEqual(['model:default/late', 'model:default/m0']);
    expect(maxRunning).toBe(1);
  });

  it('goes on after a failing batch', async () => {
    const logger = mockServices.logger.mock();
    const seen: string[] = [];
    const changed = debouncedEvaluator({
      delayMs: 1,
      batchSize: 1,
      logger,
      async evaluate([ref]) {
        seen.push(ref);
        if (ref === 'model:default/a') throw new Error('catalog down');
      },
    });
    changed(['model:default/a', 'model:default/b']);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(seen).toEqual(['model:default/a', 'model:default/b']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/catalog down/),
    );
  });
});
