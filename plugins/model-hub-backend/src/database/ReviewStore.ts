import type {
  EvidenceItem,
  GovernanceState,
} from '@model-hub/backstage-plugin-model-hub-common';
import {
  GoverningReview,
  ModelReview,
  NewReview,
  Page,
  PageRequest,
  ReviewDecisionRecord,
} from './types';

/** Reviews of model versions and the decisions reviewers took on them. */
export interface ReviewStore {
  /** Stores a review waiting for approval and returns it. */
  create(review: NewReview): Promise<ModelReview>;

  /**
   * A review with its decisions. With `forUpdate`, the review row stays
   * locked until the surrounding transaction ends (PostgreSQL; SQLite
   * serializes write transactions anyway), so concurrent decisions on it
   * take turns.
   */
  get(
    modelRef: string,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<ModelReview | undefined>;

  /** A page of a model's reviews, newest first. */
  list(modelRef: string, page: PageRequest): Promise<Page<ModelReview>>;

  /**
   * The review that governs each version of a model (or of one version):
   * its latest review, or the approval an open or superseded renewal
   * leaves standing (`governingReview`). Newest first.
   */
  governingByVersion(
    modelRef: string,
    version?: string,
  ): Promise<GoverningReview[]>;

  /**
   * Everyone recorded as requesting a review of the model that is still
   * open: requesters and the people CI requests named.
   */
  openRequesters(modelRef: string): Promise<string[]>;

  /** Reviews of a version in one of `states`, oldest first. */
  listByState(
    modelRef: string,
    version: string,
    states: GovernanceState[],
  ): Promise<ModelReview[]>;

  /**
   * Abandons the reviews of a version that are still open (waiting for
   * approval or feedback) at the moment of the write, and returns their
   * ids. A review a concurrent decision closed first is left as it is.
   */
  abandonOpen(modelRef: string, version: string, at: string): Promise<string[]>;

  addDecision(reviewId: string, decision: ReviewDecisionRecord): Promise<void>;

  /**
   * Sets a review's state; `decidedAt`, `expiresAt` and
   * `evidenceAtDecision` are cleared when absent.
   */
  updateState(
    reviewId: string,
    update: {
      state: GovernanceState;
      decidedAt?: string;
      expiresAt?: string;
      evidenceAtDecision?: EvidenceItem[];
    },
  ): Promise<void>;

  /**
   * Across all models, the latest review of each version that is open
   * (one of `openStates`), overdue, or approved with an approval expiring
   * by `approvalsExpiringBy`: what reviewers have to act on. Oldest first.
   */
  listActionable(options: {
    openStates: GovernanceState[];
    approvalsExpiringBy: string;
    limit: number;
    /** Only reviews after this id: the next page. */
    afterId?: string;
  }): Promise<ModelReview[]>;

  /** Approved reviews whose approval expired by `now`. */
  listExpiredApprovals(now: string): Promise<ModelReview[]>;

  /**
   * Records that the owners were told an approval no longer counts under
   * stricter terms; false when that was recorded already (by this or
   * another replica), so they are told once.
   */
  markOutdatedNotified(reviewId: string, at: string): Promise<boolean>;

  /** Turns an approved review into REVIEW_OVERDUE; false when it no longer was approved. */
  markOverdue(reviewId: string, at: string): Promise<boolean>;
}
