import { LoggerService } from '@backstage/backend-plugin-api';
import { ModelHubStores } from '../database/ModelHubStores';

/**
 * Stores that report which models changed once a transaction commits: every
 * write of Model Hub appends an audit event in the same transaction, so the
 * audit trail tells what to re-evaluate.
 */
export function changeTrackingStores(
  stores: ModelHubStores,
  onCommitted: (modelRefs: string[]) => void | Promise<void>,
): ModelHubStores {
  return {
    versions: stores.versions,
    reviews: stores.reviews,
    driftReports: stores.driftReports,
    policyOverrides: stores.policyOverrides,
    audit: stores.audit,
    revisions: stores.revisions,
    async transaction(fn) {
      const changed = new Set<string>();
      const result = await stores.transaction(tx =>
        fn({
          ...tx,
          transaction: tx.transaction.bind(tx),
          audit: {
            ...tx.audit,
            list: tx.audit.list.bind(tx.audit),
            listByAction: tx.audit.listByAction.bind(tx.audit),
            async append(event) {
              await tx.audit.append(event);
              changed.add(event.modelRef);
            },
          },
        }),
      );
      if (changed.size > 0) await onCommitted([...changed]);
      return result;
    },
  };
}

/**
 * Coalesces changes: many writes to one model within `delayMs` lead to one
 * evaluation, run after the writes, never concurrently with itself. The
 * models that changed meanwhile are evaluated together, `batchSize` at a
 * time (one catalog read per batch), so a bulk import of thousands of models
 * costs a few batches, not a catalog round trip per model.
 */
export function debouncedEvaluator(options: {
  delayMs: number;
  evaluate: (modelRefs: string[]) => Promise<void>;
  batchSize?: number;
  logger: LoggerService;
}): (modelRefs: string[]) => void {
  const batchSize = options.batchSize ?? 100;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const flush = () => {
    timer = undefined;
    running = running.then(async () => {
      // Everything that piled up while the previous evaluation ran.
      const refs = [...pending];
      pending.clear();
      for (let i = 0; i < refs.length; i += batchSize) {
        const batch = refs.slice(i, i + batchSize);
        try {
          await options.evaluate(batch);
        } catch (error) {
          options.logger.warn(
            `Golden-path evaluation of ${batch.length} changed models failed: ${error}`,
          );
        }
      }
    });
  };
  return refs => {
    refs.forEach(ref => pending.add(ref));
    if (!timer) {
      timer = setTimeout(flush, options.delayMs);
      timer.unref?.();
    }
  };
}
