import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EvidenceKind,
  GovernanceLevelPolicy,
  GovernancePolicy,
  ModelEntity,
  ModelGovernanceSummary,
  modelHubPolicyOverridePermission,
  modelHubReadPermission,
  modelHubReviewDecidePermission,
  modelHubVersionPublishPermission,
  ReviewDecision,
} from '@model-hub/backstage-plugin-model-hub-common';
import { DatabaseModelHubStore } from '../database/DatabaseModelHubStore';
import {
  ModelReview,
  ModelVersion,
  PageRequest,
  PolicyOverride,
} from '../database/types';
import { actorOf } from './actor';
import {
  effectiveGovernanceState,
  evidenceChecklist,
  policyForModel,
  reviewOutcome,
} from './governance';
import { ModelAccess, ModelName } from './ModelAccess';
import { ModelHubNotifier } from './ModelHubNotifier';

/**
 * Reviews and approvals: what evidence a version needs, who may approve it
 * (never its publisher), and when an approval expires.
 */
export class GovernanceService {
  constructor(
    private readonly deps: {
      store: DatabaseModelHubStore;
      access: ModelAccess;
      policy: GovernancePolicy;
      notifier: ModelHubNotifier;
      clock: () => Date;
    },
  ) {}

  private async policyFor(entity: ModelEntity, modelRef: string) {
    const override = await this.deps.store.getPolicyOverride(modelRef);
    return { ...policyForModel(this.deps.policy, entity, override), override };
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
      this.deps.store.listVersionSummaries(modelRef, { limit: 50, offset: 0 }),
      this.deps.store.latestReviewsByVersion(modelRef),
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
    },
    credentials: BackstageCredentials,
  ): Promise<ModelReview> {
    const { entity, modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    const found = await this.deps.store.requireVersion(modelRef, version);
    if (found.deprecation) {
      throw new ConflictError(
        `Version ${version} of ${modelRef} is deprecated and cannot be reviewed`,
      );
    }
    const { riskLevel, policy } = await this.policyFor(entity, modelRef);
    const review = await this.deps.store.createReview(
      {
        modelRef,
        version,
        riskLevel,
        requiredApprovals: policy.approvals,
        reviewCadenceMonths: policy.reviewCadenceMonths,
        requiredEvidence: policy.evidence,
        comment: request.comment,
        requestedBy: actorOf(credentials),
        requestedAt: this.deps.clock().toISOString(),
      },
      request.evidence as Record<string, string>,
    );
    return review;
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
    return this.deps.store.listReviews(modelRef, page);
  }

  async decide(
    model: ModelName,
    reviewId: string,
    decision: { decision: ReviewDecision; comment?: string },
    credentials: BackstageCredentials,
  ): Promise<ModelReview> {
    const { entity, modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubReviewDecidePermission,
    );
    const review = await this.deps.store.getReview(modelRef, reviewId);
    if (!review) {
      throw new NotFoundError(`${modelRef} has no review ${reviewId}`);
    }
    const version = await this.deps.store.requireVersion(
      modelRef,
      review.version,
    );
    const reviewer = actorOf(credentials);
    if (reviewer === version.publishedBy) {
      // Four eyes: independent validation is the core control.
      throw new NotAllowedError(
        `${reviewer} published version ${version.version} of ${modelRef} and cannot review it`,
      );
    }
    if (review.state !== 'WAITING_FOR_APPROVAL') {
      throw new ConflictError(
        `Review ${reviewId} is ${review.state}; only reviews waiting for approval take decisions`,
      );
    }
    if (decision.decision === 'APPROVED') {
      this.assertEvidenceComplete(review, entity, version);
    }
    const now = this.deps.clock();
    const updated = await this.deps.store.addReviewDecision(
      modelRef,
      reviewId,
      { reviewer, ...decision, decidedAt: now.toISOString() },
      current => reviewOutcome(current, now),
    );
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
    const { modelRef } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubPolicyOverridePermission,
    );
    return this.deps.store.setPolicyOverride(modelRef, {
      ...override,
      updatedBy: actorOf(credentials),
      updatedAt: this.deps.clock().toISOString(),
    });
  }

  /** Scheduled: turns expired approvals into REVIEW_OVERDUE and tells the owners. */
  async markOverdueReviews(): Promise<number> {
    const now = this.deps.clock().toISOString();
    const expired = await this.deps.store.listExpiredApprovals(now);
    let marked = 0;
    for (const review of expired) {
      if (
        await this.deps.store.markReviewOverdue(
          review,
          'model-hub:scheduler',
          now,
        )
      ) {
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
}
