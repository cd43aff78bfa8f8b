import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EvidenceItem,
  EvidenceKind,
  GovernanceLevelPolicy,
  ModelEntity,
  ModelGovernanceSummary,
  modelHubPolicyOverridePermission,
  modelHubReviewDecidePermission,
  modelHubVersionPublishPermission,
  ReviewDecision,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ApprovalTermsService } from './ApprovalTermsService';
import { ModelHubStores } from '../database/ModelHubStores';
import {
  GoverningReview,
  ModelReview,
  ModelVersion,
  Page,
  PageRequest,
  PolicyOverride,
  ReviewDecisionRecord,
} from '../database/types';
import {
  ApprovalTerms,
  assertAttachedEvidence,
  currentApprovalTerms,
  effectiveGovernanceState,
  evidenceChecklist,
  policyForModel,
  reviewOutcome,
} from './governance';
import {
  assertAboveFloor,
  overrideFloor,
  overrideRefusal,
  OverrideRules,
} from './policyOverrides';
import { ModelAccess, ModelName } from './ModelAccess';
import { ModelHubNotifier } from './ModelHubNotifier';
import { requireVersion } from './requireVersion';
import { VersionedCache } from './versionedCache';
import {
  Reviewer,
  reviewerIneligibility,
  ReviewerRules,
  reviewParties,
} from './separationOfDuties';

/**
 * Whether the caller may decide a review now, and why not: what
 * `POST .../reviews/{reviewId}/decisions` would answer, told in advance.
 */
export type ReviewEligibility = { canDecide: boolean; reason?: string };

/** Versions read per page when looking past the summary's newest versions. */
const OLDER_VERSIONS_PAGE = 200;

/**
 * Reviews and approvals: what evidence a version needs, who may decide
 * (separation of duties, see separationOfDuties.ts), and when an approval
 * expires.
 */
/** What a governance summary is made from (see governanceData). */
type GovernanceData = {
  versions: Page<ModelVersion>;
  reviews: GoverningReview[];
  override?: PolicyOverride;
};

/** Bytes of kept governance data per replica (a few kB a model). */
const KEPT_GOVERNANCE_BYTES = 16 * 1024 * 1024;

export class GovernanceService {
  private readonly keptGovernance = new VersionedCache<GovernanceData>({
    maxBytes: KEPT_GOVERNANCE_BYTES,
    sizeOf: data => JSON.stringify(data).length * 2,
  });

  private readonly keptReviewPages = new VersionedCache<Page<ModelReview>>({
    maxBytes: KEPT_GOVERNANCE_BYTES,
    sizeOf: page => JSON.stringify(page).length * 2,
  });

  constructor(
    private readonly deps: {
      stores: ModelHubStores;
      access: ModelAccess;
      terms: ApprovalTermsService;
      reviewerRules: ReviewerRules;
      /** Who may override a model's policy and how far; default: nobody. */
      overrideRules?: OverrideRules;
      notifier: ModelHubNotifier;
      clock: () => Date;
    },
  ) {}

  private async policyFor(entity: ModelEntity, modelRef: string) {
    return this.deps.terms.policyFor(entity, modelRef);
  }

  /** The governance summary of a model: its policy and each version's state. */
  async summary(
    model: ModelName,
    credentials: BackstageCredentials,
    options: { include?: string[] } = {},
  ) {
    const { entity, modelRef } = await this.deps.access.readableModel(
      model,
      credentials,
    );
    return this.summarize(entity, modelRef, options);
  }

  /**
   * Same as `summary`, for callers that already resolved the model. The
   * newest 50 versions are listed, and besides them the latest approved
   * version and those in `include` (such as the version a template pins),
   * however old: a caller never reads an older version as missing.
   */
  async summarize(
    entity: ModelEntity,
    modelRef: string,
    options: { include?: string[] } = {},
  ): Promise<ModelGovernanceSummary & { policyOverride?: PolicyOverride }> {
    const now = this.deps.clock();
    const [providerPolicy, { versions, reviews, override }] = await Promise.all(
      [this.deps.terms.providerPolicy(entity), this.governanceData(modelRef)],
    );
    const { riskLevel, policy } = policyForModel(
      providerPolicy,
      entity,
      override,
    );
    const terms = currentApprovalTerms({ riskLevel, policy });
    const reviewByVersion = new Map(reviews.map(r => [r.version, r]));
    const stateOf = (version: ModelVersion) => {
      const review = reviewByVersion.get(version.version);
      return {
        version: version.version,
        publishedBy: version.publishedBy,
        publishedAt: version.publishedAt,
        deprecated: Boolean(version.deprecation),
        state: effectiveGovernanceState(review, now, terms),
        expiresAt: review?.expiresAt,
        reviewId: review?.id,
        evidence: evidenceChecklist(
          policy.evidence,
          entity,
          version,
          review?.attachedEvidence,
        ),
      };
    };
    const versionStates = versions.items.map(stateOf);
    const latestApproved =
      versionStates.find(v => v.state === 'APPROVED' && !v.deprecated)
        ?.version ??
      (await this.olderApprovedVersion(
        modelRef,
        versions,
        reviews,
        now,
        terms,
      ));
    const listed = new Set(versionStates.map(v => v.version));
    const beyond = [
      ...new Set([
        ...(latestApproved ? [latestApproved] : []),
        ...(options.include ?? []),
      ]),
    ].filter(v => !listed.has(v));
    if (beyond.length > 0) {
      const older = await this.deps.stores.versions.getSummaries(
        modelRef,
        beyond,
      );
      versionStates.push(...[...older.values()].map(stateOf));
    }
    return {
      modelRef,
      riskLevel,
      regulatoryCategory: entity.spec.risk.regulatoryCategory,
      policy,
      policyOverride: override,
      // The model's status is that of its most recently published version.
      status: versionStates[0]?.state ?? 'NOT_STARTED',
      latestApprovedVersion: latestApproved,
      versions: versionStates,
    };
  }

  /** A page of a model's reviews, kept as governance data is. */
  private async reviewPage(
    modelRef: string,
    page: PageRequest,
  ): Promise<Page<ModelReview>> {
    const revision = await this.deps.stores.revisions.get(modelRef);
    const key = `${modelRef}\u0000${page.limit}\u0000${page.offset}`;
    const kept = this.keptReviewPages.get(key, revision);
    if (kept) return kept;
    const reviews = await this.deps.stores.reviews.list(modelRef, page);
    this.keptReviewPages.set(key, revision, reviews);
    return reviews;
  }

  /**
   * What a governance summary is made from: the newest versions, the review
   * governing each, the policy override. Kept per model while its revision
   * (raised by every write to it, on any replica) stays the same; states
   * are judged from it at read time, with the clock and the entity of now.
   * The revision is read first: data read after it is never older than it.
   */
  private async governanceData(modelRef: string): Promise<GovernanceData> {
    const revision = await this.deps.stores.revisions.get(modelRef);
    const kept = this.keptGovernance.get(modelRef, revision);
    if (kept) return kept;
    const [versions, reviews, override] = await Promise.all([
      this.deps.stores.versions.listSummaries(modelRef, {
        limit: 50,
        offset: 0,
      }),
      this.deps.stores.reviews.governingByVersion(modelRef),
      this.deps.stores.policyOverrides.get(modelRef),
    ]);
    const data = { versions, reviews, override };
    this.keptGovernance.set(modelRef, revision, data);
    return data;
  }

  /**
   * The newest approved, not deprecated version beyond the first page of
   * versions the summary lists: an old approval still counts when many newer
   * versions wait. Pages through older versions only while an approved one
   * may be among them.
   */
  private async olderApprovedVersion(
    modelRef: string,
    firstPage: Page<ModelVersion>,
    latestReviews: GoverningReview[],
    now: Date,
    terms: ApprovalTerms,
  ): Promise<string | undefined> {
    const unseen = new Set(
      latestReviews
        .filter(
          review => effectiveGovernanceState(review, now, terms) === 'APPROVED',
        )
        .map(review => review.version),
    );
    for (const version of firstPage.items) unseen.delete(version.version);
    let offset = firstPage.items.length;
    while (unseen.size > 0 && offset < firstPage.totalItems) {
      const page = await this.deps.stores.versions.listSummaries(modelRef, {
        limit: OLDER_VERSIONS_PAGE,
        offset,
      });
      if (page.items.length === 0) break;
      for (const version of page.items) {
        if (unseen.has(version.version) && !version.deprecation) {
          return version.version;
        }
        unseen.delete(version.version);
      }
      offset += page.items.length;
    }
    return undefined;
  }

  async requestReview(
    model: ModelName,
    version: string,
    request: {
      evidence: Partial<Record<EvidenceKind, string>>;
      comment?: string;
      /** For CI (service) requests: the person the pipeline acts for. */
      onBehalfOf?: string;
      onBehalfOfGithubLogin?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<ModelReview> {
    assertAttachedEvidence(request.evidence as Record<string, string>);
    const onBehalfOf = await this.deps.access.onBehalfOf(credentials, request);
    const { entity, modelRef, actor } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubVersionPublishPermission,
    );
    const { riskLevel, policy } = await this.policyFor(entity, modelRef);
    const at = this.deps.clock().toISOString();
    const attachedEvidence = request.evidence as Record<string, string>;
    const terms = currentApprovalTerms({ riskLevel, policy });
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
      // A request on an approved version is a renewal: the approval keeps
      // counting until the renewal is decided (governingReview), so a
      // request cannot take production away from the services pinned to it.
      const [governing] = await tx.reviews.governingByVersion(
        modelRef,
        version,
      );
      const renews =
        effectiveGovernanceState(governing, this.deps.clock(), terms) ===
        'APPROVED'
          ? governing!.id
          : undefined;
      // A new request supersedes the open requests for the same version, so
      // a version has at most one review that can still take decisions. Only
      // reviews still open are touched: one approved by a concurrent
      // decision stays approved.
      const superseded = await tx.reviews.abandonOpen(modelRef, version, at);
      // Evidence links belong to this review: an earlier decision keeps the
      // evidence it was given on.
      const review = await tx.reviews.create({
        modelRef,
        version,
        riskLevel,
        requiredApprovals: policy.approvals,
        reviewCadenceMonths: policy.reviewCadenceMonths,
        requiredEvidence: policy.evidence,
        attachedEvidence,
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
          ...(renews ? { renews } : {}),
        },
      });
      return review;
    });
  }

  /**
   * A page of a model's reviews, each with `yourEligibility`: whether the
   * caller may decide it, by the checks `decide` applies, so that a UI can
   * say why before anyone submits.
   */
  async listReviews(
    model: ModelName,
    page: PageRequest,
    credentials: BackstageCredentials,
  ): Promise<Page<ModelReview & { yourEligibility: ReviewEligibility }>> {
    const { entity, modelRef } = await this.deps.access.readableModel(
      model,
      credentials,
    );
    const reviews = await this.reviewPage(modelRef, page);
    const eligibility = await this.eligibility(
      entity,
      modelRef,
      reviews.items,
      credentials,
    );
    return {
      ...reviews,
      items: reviews.items.map((review, i) => ({
        ...review,
        yourEligibility: eligibility[i],
      })),
    };
  }

  /**
   * Whether the caller may decide each review, by the checks of `decide`:
   * the decide permission, a signed-in person (not a service token),
   * separation of duties (`decisionRefusal`), and a review that still takes
   * decisions; a closed review is refused for that alone, without reading
   * its version. The caller's identity and groups come from their
   * credentials through ModelAccess, as for `decide`.
   */
  private async eligibility(
    entity: ModelEntity,
    modelRef: string,
    reviews: ModelReview[],
    credentials: BackstageCredentials,
  ): Promise<ReviewEligibility[]> {
    const refused = (error: Error) => ({
      canDecide: false,
      reason: error.message,
    });
    const open = (review: ModelReview) =>
      review.state === 'WAITING_FOR_APPROVAL';
    // Who the caller is matters only when a review is open.
    let caller: Reviewer | Error | undefined;
    if (reviews.some(open)) {
      caller = await refusalOf(async () => {
        await this.deps.access.authorize(
          modelHubReviewDecidePermission,
          modelRef,
          credentials,
        );
        return this.deps.access.reviewer(credentials);
      });
    }
    // The versions of the open reviews, in one read for the page.
    const versions =
      caller && !(caller instanceof Error)
        ? await this.deps.stores.versions.getSummaries(
            modelRef,
            reviews.filter(open).map(review => review.version),
          )
        : new Map<string, ModelVersion>();
    return reviews.map(review => {
      if (!open(review) || !caller) {
        return refused(notTakingDecisions(review));
      }
      if (caller instanceof Error) return refused(caller);
      const version = versions.get(review.version);
      if (!version) {
        throw new NotFoundError(`${modelRef} has no version ${review.version}`);
      }
      const refusal = this.decisionRefusal(caller, entity, review, version);
      return refusal ? refused(refusal) : { canDecide: true };
    });
  }

  /**
   * Why `reviewer` may not decide `review` now (the error `decide` refuses
   * with), or undefined when they may. Shared by `decide` and
   * `yourEligibility`, so that both apply the same rules.
   */
  private decisionRefusal(
    reviewer: Reviewer,
    entity: ModelEntity,
    review: ModelReview,
    version: ModelVersion,
  ): Error | undefined {
    // Separation of duties: independent validation is the core control.
    const ineligible = reviewerIneligibility(
      reviewer,
      reviewParties(review, version, entity.spec.owner),
      this.deps.reviewerRules,
    );
    if (ineligible) return new NotAllowedError(ineligible);
    if (review.state !== 'WAITING_FOR_APPROVAL') {
      return notTakingDecisions(review);
    }
    return undefined;
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
    const refusal = this.decisionRefusal(
      await this.deps.access.reviewer(credentials),
      entity,
      review,
      version,
    );
    if (refusal) throw refusal;
    const checklist = evidenceChecklist(
      review.requiredEvidence,
      entity,
      version,
      review.attachedEvidence,
    );
    if (decision.decision === 'APPROVED') {
      assertEvidenceComplete(checklist, version);
    }
    const now = this.deps.clock();
    const updated = await this.recordDecision(
      review,
      { reviewer, ...decision, decidedAt: now.toISOString() },
      checklist.items,
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

  /**
   * Stores a decision and the state it leads to. The state is computed from
   * the decisions read inside the transaction, after locking the review row
   * (PostgreSQL; SQLite runs one write transaction at a time), so concurrent
   * decisions cannot both miss the final approval.
   */
  private async recordDecision(
    review: ModelReview,
    decision: ReviewDecisionRecord,
    evidence: EvidenceItem[],
  ): Promise<ModelReview> {
    const { modelRef, id } = review;
    return this.deps.stores.transaction(async tx => {
      // The version lock orders this decision with production deployments
      // and alias moves, which check the version's approval under it.
      await tx.versions.lock(modelRef, review.version);
      const current = await tx.reviews.get(modelRef, id, { forUpdate: true });
      // A concurrent decision may have closed the review meanwhile.
      assertTakesDecisions(current!);
      await tx.reviews.addDecision(id, decision);
      const outcome = reviewOutcome(
        { ...current!, decisions: [...current!.decisions, decision] },
        new Date(decision.decidedAt),
      );
      const final = outcome.state !== 'WAITING_FOR_APPROVAL';
      // The checklist the decision was taken on is frozen with it.
      await tx.reviews.updateState(id, {
        state: outcome.state,
        decidedAt: final ? decision.decidedAt : undefined,
        expiresAt: outcome.expiresAt,
        evidenceAtDecision: final ? evidence : undefined,
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

  /**
   * Overrides one model's policy. An act of governance: only a governance
   * admin (checked here, on top of the permission, so that it also holds
   * under an allow-all policy) who is independent of the model (not of its
   * owning team, not a publisher of it, not the requester of an open
   * review), and never below the level's floor.
   */
  async overridePolicy(
    model: ModelName,
    override: { policy: Partial<GovernanceLevelPolicy>; reason: string },
    credentials: BackstageCredentials,
  ) {
    const { entity, modelRef, actor } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubPolicyOverridePermission,
    );
    const caller = await this.deps.access.reviewer(credentials);
    const rules = this.deps.overrideRules ?? { admins: [], floors: {} };
    // Who first (403), then how far (400).
    const [publishers, openRequesters] = await Promise.all([
      this.deps.stores.versions.publishers(modelRef),
      this.deps.stores.reviews.openRequesters(modelRef),
    ]);
    const refusal = overrideRefusal(
      caller,
      { modelOwner: entity.spec.owner, publishers, openRequesters },
      rules,
    );
    if (refusal) throw new NotAllowedError(refusal);
    // Only the fields given: an absent field keeps the level's value.
    const policy = Object.fromEntries(
      Object.entries(override.policy).filter(([, v]) => v !== undefined),
    ) as Partial<GovernanceLevelPolicy>;
    const base = await this.deps.terms.policyFor(entity, modelRef);
    const basePolicy = policyForModel(
      await this.deps.terms.providerPolicy(entity),
      entity,
    ).policy;
    assertAboveFloor(
      { ...basePolicy, ...policy },
      overrideFloor(rules, base.riskLevel, basePolicy),
      base.riskLevel,
    );
    const stored: PolicyOverride = {
      policy,
      reason: override.reason,
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
        payload: {
          policy: stored.policy,
          reason: stored.reason,
          previous: base.override ?? null,
        },
      });
    });
    return stored;
  }

  /**
   * Tells the owners, once per review, that approvals no longer count
   * because the terms that apply now are stricter than those they were
   * given under (REAPPROVAL_REQUIRED). The conditional update decides who
   * tells, so replicas computing the same status tell once.
   */
  async notifyOutdatedApprovals(
    modelRef: string,
    approvals: Array<{ version: string; reviewId: string }>,
  ): Promise<void> {
    const at = this.deps.clock().toISOString();
    for (const { version, reviewId } of approvals) {
      const first = await this.deps.stores.transaction(async tx => {
        if (!(await tx.reviews.markOutdatedNotified(reviewId, at))) {
          return false;
        }
        await tx.audit.append({
          modelRef,
          action: 'review.outdated',
          actor: 'model-hub:scheduler',
          occurredAt: at,
          payload: { reviewId, version },
        });
        return true;
      });
      if (first) {
        await this.deps.notifier.notifyModelOwners(modelRef, {
          title: `Reapproval required: ${modelRef} ${version}`,
          description: `Version ${version} was approved under terms less strict than the model's current risk level or policy; its approval no longer counts. Request a new review.`,
          severity: 'high',
          topic: 'model-hub.review-outdated',
        });
      }
    }
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

function assertEvidenceComplete(
  checklist: { items: EvidenceItem[]; complete: boolean },
  version: ModelVersion,
) {
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

function notTakingDecisions(review: ModelReview) {
  return new ConflictError(
    `Review ${review.id} is ${review.state}; only reviews waiting for approval take decisions`,
  );
}

function assertTakesDecisions(review: ModelReview) {
  if (review.state !== 'WAITING_FOR_APPROVAL') {
    throw notTakingDecisions(review);
  }
}

/**
 * The result of `fn`, or the refusal (403) it failed with, as a value;
 * other failures (such as an unreachable permission framework) propagate.
 */
async function refusalOf<T>(fn: () => Promise<T>): Promise<T | Error> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof NotAllowedError) return error;
    throw error;
  }
}
