import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EvidenceKind,
  GovernanceLevelPolicy,
  ModelEntity,
  ModelGovernanceSummary,
  modelHubPolicyOverridePermission,
  modelHubReadPermission,
  modelHubReviewDecidePermission,
  modelHubVersionPublishPermission,
  ReviewDecision,
} from '@model-hub/backstage-plugin-model-hub-common';
import type { ModelHubGovernancePolicyProvider } from '@model-hub/backstage-plugin-model-hub-node';
import { ModelHubStores } from '../database/ModelHubStores';
import {
  ModelReview,
  ModelVersion,
  PageRequest,
  PolicyOverride,
  ReviewDecisionRecord,
} from '../database/types';
import {
  effectiveGovernanceState,
  evidenceChecklist,
  policyForModel,
  reviewOutcome,
  assertAttachedEvidence,
} from './governance';
import { ModelAccess, ModelName } from './ModelAccess';
import { ModelHubNotifier } from './ModelHubNotifier';
import { requireVersion } from './requireVersion';
import {
  reviewerIneligibility,
  ReviewerRules,
  reviewParties,
} from './separationOfDuties';

/**
 * Reviews and approvals: what evidence a version needs, who may decide
 * (separation of duties, see separationOfDuties.ts), and when an approval
 * expires.
 */
export class GovernanceService {
  constructor(
    private readonly deps: {
      stores: ModelHubStores;
      access: ModelAccess;
      policyProvider: ModelHubGovernancePolicyProvider;
      reviewerRules: ReviewerRules;
      notifier: ModelHubNotifier;
      clock: () => Date;
    },
  ) {}

  private async policyFor(entity: ModelEntity, modelRef: string) {
    const [policy, override] = await Promise.all([
      this.deps.policyProvider.getPolicy(entity),
      this.deps.stores.policyOverrides.get(modelRef),
    ]);
    return { ...policyForModel(policy, entity, override), override };
  }

  /** The governance summary of a model: its policy and each version's state. */
  async summary(model: ModelName, credentials: BackstageCredentials) {
    const { entity, modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    return this.summarize(entity, modelRef);
  }

  /** Same as `summary`, for callers that already resolved the model. */
  async summarize(
    entity: ModelEntity,
    modelRef: string,
  ): Promise<ModelGovernanceSummary & { policyOverride?: PolicyOverride }> {
    const now = this.deps.clock();
    const { riskLevel, policy, override } = await this.policyFor(
      entity,
      modelRef,
    );
    const [versions, reviews] = await Promise.all([
      this.deps.stores.versions.listSummaries(modelRef, {
        limit: 50,
        offset: 0,
      }),
      this.deps.stores.reviews.latestByVersion(modelRef),
    ]);
    const reviewByVersion = new Map(reviews.map(r => [r.version, r]));
    const versionStates = versions.items.map(version => {
      const review = reviewByVersion.get(version.version);
      return {
        version: version.version,
        publishedBy: version.publishedBy,
        publishedAt: version.publishedAt,
        deprecated: Boolean(version.deprecation),
        state: effectiveGovernanceState(review, now),
        expiresAt: review?.expiresAt,
        reviewId: review?.id,
        evidence: evidenceChecklist(policy.evidence, entity, version),
      };
    });
    const latestApproved = versionStates.find(
      v => v.state === 'APPROVED' && !v.deprecated,
    );
    return {
      modelRef,
      riskLevel,
      regulatoryCategory: entity.spec.risk.regulatoryCategory,
      policy,
      policyOverride: override,
      // The model's status is that of its most recently published version.
      status: versionStates[0]?.state ?? 'NOT_STARTED',
      latestApprovedVersion: latestApproved?.version,
      versions: versionStates,
    };
  }

  async requestReview(
    model: ModelName,
    version: string,
    request: {
      evidence: Partial<Record<EvidenceKind, string>>;
      comment?: string;
      /** For CI (service) requests: the person the pipeline acts for. */
      onBehalfOf?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<ModelReview> {
    assertAttachedEvidence(request.evidence as Record<string, string>);
    const onBehalfOf = this.deps.access.onBehalfOf(
      credentials,
      request.onBehalfOf,
    );
    const { entity, modelRef, actor } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    const { riskLevel, policy } = await this.policyFor(entity, modelRef);
    const at = this.deps.clock().toISOString();
    const attachedEvidence = request.evidence as Record<string, string>;
    return this.deps.stores.transaction(async tx => {
      // Concurrent requests for one version, and its deprecation, take turns
      // here: exactly one review stays open, and none opens on a version
      // deprecated meanwhile.
      await tx.versions.lock(modelRef, version);
      const locked = await requireVersion(tx.versions, modelRef, version);
      if (locked.deprecation) {
        throw new ConflictError(
          `Version ${version} of ${modelRef} is deprecated and cannot be reviewed`,
        );
      }
      await tx.versions.attachEvidence(modelRef, version, attachedEvidence);
      // A new request supersedes the open requests for the same version, so
      // a version has at most one review that can still take decisions. Only
      // reviews still open are touched: one approved by a concurrent
      // decision stays approved.
      const superseded = await tx.reviews.abandonOpen(modelRef, version, at);
      const review = await tx.reviews.create({
        modelRef,
        version,
        riskLevel,
        requiredApprovals: policy.approvals,
        reviewCadenceMonths: policy.reviewCadenceMonths,
        requiredEvidence: policy.evidence,
        comment: request.comment,
        requestedBy: actor,
        requestedOnBehalfOf: onBehalfOf,
        requestedAt: at,
      });
      await tx.audit.append({
        modelRef,
        action: 'review.requested',
        actor,
        occurredAt: at,
        payload: {
          reviewId: review.id,
          version,
          riskLevel: review.riskLevel,
          requiredApprovals: review.requiredApprovals,
          requiredEvidence: review.requiredEvidence,
          attachedEvidence,
          ...(onBehalfOf ? { onBehalfOf } : {}),
          ...(superseded.length ? { supersededReviews: superseded } : {}),
        },
      });
      return review;
    });
  }

  async listReviews(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ) {
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReadPermission,
    );
    return this.deps.stores.reviews.list(modelRef, page);
  }

  async decide(
    model: ModelName,
    reviewId: string,
    decision: { decision: ReviewDecision; comment?: string },
    credentials: BackstageCredentials,
  ): Promise<ModelReview> {
    const {
      entity,
      modelRef,
      actor: reviewer,
    } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReviewDecidePermission,
    );
    const review = await this.deps.stores.reviews.get(modelRef, reviewId);
    if (!review) {
      throw new NotFoundError(`${modelRef} has no review ${reviewId}`);
    }
    const version = await requireVersion(
      this.deps.stores.versions,
      modelRef,
      review.version,
    );
    // Separation of duties: independent validation is the core control.
    const ineligible = reviewerIneligibility(
      await this.deps.access.reviewer(credentials),
      reviewParties(review, version, entity.spec.owner),
      this.deps.reviewerRules,
    );
    if (ineligible) throw new NotAllowedError(ineligible);
    assertTakesDecisions(review);
    if (decision.decision === 'APPROVED') {
      this.assertEvidenceComplete(review, entity, version);
    }
    const now = this.deps.clock();
    const updated = await this.recordDecision(review, {
      reviewer,
      ...decision,
      decidedAt: now.toISOString(),
    });
    if (updated.state !== 'WAITING_FOR_APPROVAL') {
      await this.deps.notifier.notifyModelOwners(modelRef, {
        title: `${entity.metadata.title ?? entity.metadata.name} ${
          updated.version
        }: review ${updated.state.toLowerCase().replace(/_/g, ' ')}`,
        description: decision.comment ?? `Decision by ${reviewer}`,
        severity: updated.state === 'APPROVED' ? 'normal' : 'high',
        topic: 'model-hub.review',
      });
    }
    return updated;
  }

  /**
   * Stores a decision and the state it leads to. The state is computed from
   * the decisions read inside the transaction, after locking the review row
   * (PostgreSQL; SQLite runs one write transaction at a time), so concurrent
   * decisions cannot both miss the final approval.
   */
  private async recordDecision(
    review: ModelReview,
    decision: ReviewDecisionRecord,
  ): Promise<ModelReview> {
    const { modelRef, id } = review;
    return this.deps.stores.transaction(async tx => {
      const current = await tx.reviews.get(modelRef, id, { forUpdate: true });
      // A concurrent decision may have closed the review meanwhile.
      assertTakesDecisions(current!);
      await tx.reviews.addDecision(id, decision);
      const outcome = reviewOutcome(
        { ...current!, decisions: [...current!.decisions, decision] },
        new Date(decision.decidedAt),
      );
      const final = outcome.state !== 'WAITING_FOR_APPROVAL';
      await tx.reviews.updateState(id, {
        state: outcome.state,
        decidedAt: final ? decision.decidedAt : undefined,
        expiresAt: outcome.expiresAt,
      });
      await tx.audit.append({
        modelRef,
        action: 'review.decided',
        actor: decision.reviewer,
        occurredAt: decision.decidedAt,
        payload: {
          reviewId: id,
          version: current!.version,
          decision: decision.decision,
          comment: decision.comment,
          resultingState: outcome.state,
          expiresAt: outcome.expiresAt,
        },
      });
      return (await tx.reviews.get(modelRef, id))!;
    });
  }

  private assertEvidenceComplete(
    review: ModelReview,
    entity: ModelEntity,
    version: ModelVersion,
  ) {
    const checklist = evidenceChecklist(
      review.requiredEvidence,
      entity,
      version,
    );
    if (!checklist.complete) {
      const missing = checklist.items
        .filter(item => !item.complete)
        .map(item => item.kind);
      throw new ConflictError(
        `Version ${
          version.version
        } cannot be approved: evidence missing: ${missing.join(', ')}`,
      );
    }
  }

  async overridePolicy(
    model: ModelName,
    override: { policy: Partial<GovernanceLevelPolicy>; reason: string },
    credentials: BackstageCredentials,
  ) {
    const { modelRef, actor } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubPolicyOverridePermission,
    );
    const stored: PolicyOverride = {
      ...override,
      updatedBy: actor,
      updatedAt: this.deps.clock().toISOString(),
    };
    await this.deps.stores.transaction(async tx => {
      await tx.policyOverrides.set(modelRef, stored);
      await tx.audit.append({
        modelRef,
        action: 'policy.overridden',
        actor: stored.updatedBy,
        occurredAt: stored.updatedAt,
        payload: { policy: stored.policy, reason: stored.reason },
      });
    });
    return stored;
  }

  /** Scheduled: turns expired approvals into REVIEW_OVERDUE and tells the owners. */
  async markOverdueReviews(): Promise<number> {
    const now = this.deps.clock().toISOString();
    const expired = await this.deps.stores.reviews.listExpiredApprovals(now);
    let marked = 0;
    for (const review of expired) {
      if (await this.markOverdue(review, now)) {
        marked++;
        await this.deps.notifier.notifyModelOwners(review.modelRef, {
          title: `Review overdue: ${review.modelRef} ${review.version}`,
          description: `The approval of version ${review.version} expired on ${review.expiresAt}; request a new review.`,
          severity: 'high',
          topic: 'model-hub.review-overdue',
        });
      }
    }
    return marked;
  }

  /** Marks one expired approval overdue, with its audit event; false when another run did. */
  private async markOverdue(review: ModelReview, at: string) {
    return this.deps.stores.transaction(async tx => {
      if (!(await tx.reviews.markOverdue(review.id, at))) return false;
      await tx.audit.append({
        modelRef: review.modelRef,
        action: 'review.overdue',
        actor: 'model-hub:scheduler',
        occurredAt: at,
        payload: {
          reviewId: review.id,
          version: review.version,
          expiredAt: review.expiresAt,
        },
      });
      return true;
    });
  }
}

function assertTakesDecisions(review: ModelReview) {
  if (review.state !== 'WAITING_FOR_APPROVAL') {
    throw new ConflictError(
      `Review ${review.id} is ${review.state}; only reviews waiting for approval take decisions`,
    );
  }
}
