import { AuditStore } from './AuditStore';
import { DriftReportStore } from './DriftReportStore';
import { ModelRevisionStore } from './ModelRevisionStore';
import { PolicyOverrideStore } from './PolicyOverrideStore';
import { ReviewStore } from './ReviewStore';
import { VersionStore } from './VersionStore';

/**
 * The stores of Model Hub, one per aggregate, and the unit of work that
 * spans them: a write and its audit event go through `transaction`, so a
 * failed write leaves neither partial data nor a dangling audit entry.
 */
export interface ModelHubStores {
  readonly versions: VersionStore;
  readonly reviews: ReviewStore;
  readonly driftReports: DriftReportStore;
  readonly policyOverrides: PolicyOverrideStore;
  readonly audit: AuditStore;
  /** Raised with every audit event appended for a model. */
  readonly revisions: ModelRevisionStore;

  /**
   * Runs `fn` with stores bound to one transaction: committed when `fn`
   * resolves, rolled back when it throws. Inside `fn`, use only the stores
   * it is given (on SQLite the transaction holds the only connection).
   */
  transaction<T>(fn: (stores: ModelHubStores) => Promise<T>): Promise<T>;
}
