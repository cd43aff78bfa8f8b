import { InputError } from '@backstage/errors';
import { DEFAULT_MAX_COLUMNS, tableColumns } from '@model-hub/model-hub-drift';
import {
  EVIDENCE_DEFINITIONS,
  addMonths,
  assessModelRisk,
  compareRiskLevels,
  evaluateEvidence,
  EvidenceKind,
  GovernanceLevelPolicy,
  GovernancePolicy,
  governancePolicyForModel,
  GovernanceState,
  ModelEntity,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelReview, ModelVersion, PolicyOverride } from '../database/types';

/*
 * Pure governance rules: no I/O, so they are tested directly.
 */

/** The risk level and the policy that applies to a model. */
export function policyForModel(
  policy: GovernancePolicy,
  model: ModelEntity,
  override?: PolicyOverride,
): { riskLevel: RiskLevel; policy: GovernanceLevelPolicy } {
  const riskLevel = assessModelRisk(model.spec.risk).level;
  const base = governancePolicyForModel(
    policy,
    riskLevel,
    model.spec.risk.regulatoryCategory,
  );
  return { riskLevel, policy: { ...base, ...override?.policy } };
}

/**
 * Evidence present for a version: derived from the catalog entity and the
 * published version, or attached as links by the publisher.
 */
export function presentEvidence(
  model: ModelEntity,
  version: ModelVersion,
  attached: Partial<Record<EvidenceKind, string>> = {},
): Partial<Record<EvidenceKind, string>> {
  const { spec, metadata } = model;
  const derived: Partial<Record<EvidenceKind, string>> = {};
  if (metadata.description && spec.intendedUse?.useCases?.length) {
    derived.modelCard = 'catalog entity (description, intended use)';
  }
  if (spec.owner) derived.owner = spec.owner;
  if (version.metrics.length > 0) {
    derived.evaluationReport = `${version.metrics.length} metrics published with version ${version.version}`;
  }
  if (version.hasReferenceProfile) {
    derived.driftMonitoring = `reference profile of version ${version.version}`;
  }
  if (spec.fallbackModel) derived.fallbackModel = spec.fallbackModel;
  return { ...derived, ...version.evidence, ...attached };
}

/**
 * The checklist of `required` evidence for a version: what the entity and
 * the version give, plus the links a review request attached (`attached`).
 */
export function evidenceChecklist(
  required: EvidenceKind[],
  model: ModelEntity,
  version: ModelVersion,
  attached?: Partial<Record<EvidenceKind, string>>,
) {
  return evaluateEvidence(required, presentEvidence(model, version, attached));
}

/**
 * The state a review reaches after its decisions: any rejection rejects;
 * a request for changes sends it back to the publisher; otherwise it is
 * approved once enough distinct reviewers approved.
 */
export function reviewOutcome(
  review: ModelReview,
  decidedAt: Date,
): { state: GovernanceState; expiresAt?: string } {
  const decisions = review.decisions;
  if (decisions.some(d => d.decision === 'REJECTED')) {
    return { state: 'REJECTED' };
  }
  if (decisions.some(d => d.decision === 'CHANGES_REQUESTED')) {
    return { state: 'WAITING_FOR_FEEDBACK' };
  }
  const approvers = new Set(
    decisions.filter(d => d.decision === 'APPROVED').map(d => d.reviewer),
  );
  if (approvers.size >= review.requiredApprovals) {
    return {
      state: 'APPROVED',
      expiresAt: addMonths(decidedAt, review.reviewCadenceMonths).toISOString(),
    };
  }
  return { state: 'WAITING_FOR_APPROVAL' };
}

/** States in which a review is still open: it can take decisions or feedback. */
export const OPEN_REVIEW_STATES: GovernanceState[] = [
  'WAITING_FOR_APPROVAL',
  'WAITING_FOR_FEEDBACK',
];

/**
 * The review that decides a version's state: its latest review, except
 * that while a newer request is open (or was superseded) the approval
 * before it keeps counting. A new request on an approved version is a
 * renewal: it cannot undo the approval until it is itself decided.
 * `lastDecided` is the latest review that is neither open nor abandoned.
 */
export function governingReview<R extends Pick<ModelReview, 'state'>>(
  latest: R | undefined,
  lastDecided: R | undefined,
): R | undefined {
  if (
    latest &&
    lastDecided?.state === 'APPROVED' &&
    (OPEN_REVIEW_STATES.includes(latest.state) || latest.state === 'ABANDONED')
  ) {
    return lastDecided;
  }
  return latest;
}

/** What an approval was given under, as its review stored it. */
export type ApprovalTerms = Pick<
  ModelReview,
  'riskLevel' | 'requiredApprovals' | 'requiredEvidence' | 'reviewCadenceMonths'
>;

/** The terms a model's versions are approved under now. */
export function currentApprovalTerms(current: {
  riskLevel: RiskLevel;
  policy: GovernanceLevelPolicy;
}): ApprovalTerms {
  return {
    riskLevel: current.riskLevel,
    requiredApprovals: current.policy.approvals,
    requiredEvidence: current.policy.evidence,
    reviewCadenceMonths: current.policy.reviewCadenceMonths,
  };
}

/**
 * Why the terms that apply now are stricter than those an approval was
 * given under, or undefined when they are not: a higher risk level, more
 * approvals, evidence not asked for then, or a shorter review cadence.
 * Lowering the bar, getting approved and raising it back must not leave an
 * approval standing.
 */
export function tightenedTerms(
  approvedUnder: ApprovalTerms,
  now: ApprovalTerms,
): string | undefined {
  if (compareRiskLevels(now.riskLevel, approvedUnder.riskLevel) > 0) {
    return `the risk level is ${now.riskLevel}; it was approved as ${approvedUnder.riskLevel}`;
  }
  if (now.requiredApprovals > approvedUnder.requiredApprovals) {
    return `${now.requiredApprovals} approvals are required; it was approved with ${approvedUnder.requiredApprovals} required`;
  }
  const missing = now.requiredEvidence.filter(
    kind => !approvedUnder.requiredEvidence.includes(kind),
  );
  if (missing.length > 0) {
    return `evidence now required was not required then: ${missing.join(', ')}`;
  }
  if (now.reviewCadenceMonths < approvedUnder.reviewCadenceMonths) {
    return `the review cadence is ${now.reviewCadenceMonths} months; it was approved for ${approvedUnder.reviewCadenceMonths}`;
  }
  return undefined;
}

/**
 * The governance state a version shows: its governing review's (see
 * {@link governingReview}), with an approval past its expiry shown as
 * overdue even before the scheduled job has marked it, and an approval given
 * under terms less strict than `terms` (those that apply now) shown as
 * REAPPROVAL_REQUIRED. Without `terms` (not known to the caller) an
 * approval is not checked against them.
 */
export function effectiveGovernanceState(
  review:
    | (Pick<ModelReview, 'state' | 'expiresAt'> & Partial<ApprovalTerms>)
    | undefined,
  now: Date,
  terms?: ApprovalTerms,
): GovernanceState {
  if (!review) return 'NOT_STARTED';
  if (review.state !== 'APPROVED') return review.state;
  if (
    terms &&
    review.riskLevel &&
    tightenedTerms(review as ApprovalTerms, terms)
  ) {
    return 'REAPPROVAL_REQUIRED';
  }
  if (
    review.expiresAt &&
    new Date(review.expiresAt).getTime() <= now.getTime()
  ) {
    return 'REVIEW_OVERDUE';
  }
  return 'APPROVED';
}

/**
 * Evidence links may only be given for attached kinds: derived evidence
 * (model card, owner, metrics, drift reference, fallback) comes from the
 * entity and the version, so a link cannot claim it.
 */
export function assertAttachedEvidence(
  evidence: Record<string, string> | undefined,
): void {
  for (const kind of Object.keys(evidence ?? {})) {
    const definition = (
      EVIDENCE_DEFINITIONS as Record<string, { source: string }>
    )[kind];
    if (!definition) {
      throw new InputError(`evidence.${kind}: not an evidence kind`);
    }
    if (definition.source !== 'attached') {
      throw new InputError(
        `evidence.${kind}: derived from the catalog entity and the published version; it cannot be attached as a link`,
      );
    }
  }
}

/**
 * A drift reference must hold rows or a profile with columns, and no more
 * columns than `maxColumns` (`modelHub.drift.maxColumns`): every report of
 * the version is as wide as its reference.
 */
export function assertUsableReference(
  reference: { rows?: unknown[]; profile?: { columns?: object } } | undefined,
  maxColumns = DEFAULT_MAX_COLUMNS,
): void {
  if (reference === undefined) return;
  const rows = reference.rows?.length ?? 0;
  const columns = Object.keys(reference.profile?.columns ?? {});
  if (rows === 0 && columns.length === 0) {
    throw new InputError(
      'referenceProfile: needs rows (a sample of reference records) or a profile with columns; leave it out to publish without a drift reference',
    );
  }
  try {
    if (rows > 0) {
      tableColumns(reference.rows as Array<Record<string, unknown>>, {
        maxColumns,
        source: 'the reference',
      });
    } else {
      tableColumns(reference.profile!.columns as Record<string, unknown[]>, {
        maxColumns,
        source: 'the reference',
      });
    }
  } catch (error) {
    throw new InputError(`referenceProfile: ${(error as Error).message}`);
  }
}
