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
 * evaluation, run after the writes, never concurrently with itself.
 */
export function debouncedEvaluator(options: {
  delayMs: number;
  evaluate: (modelRef: string) => Promise<void>;
  logger: LoggerService;
}): (modelRefs: string[]) => void {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const refs = [...pending];
    pending.clear();
    running = running.then(async () => {
      for (const ref of refs) {
        try {
          await options.evaluate(ref);
        } catch (error) {
          options.logger.warn(
            `Golden-path evaluation of ${ref} after a change failed: ${error}`,
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
