import { InputError } from '@backstage/errors';
import {
  EVIDENCE_DEFINITIONS,
  addMonths,
  assessModelRisk,
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
  return { ...derived, ...version.evidence };
}

export function evidenceChecklist(
  required: EvidenceKind[],
  model: ModelEntity,
  version: ModelVersion,
) {
  return evaluateEvidence(required, presentEvidence(model, version));
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

/**
 * The governance state a version shows: its latest review's, with an
 * approval past its expiry shown as overdue even before the scheduled job
 * has marked it.
 */
export function effectiveGovernanceState(
  review: Pick<ModelReview, 'state' | 'expiresAt'> | undefined,
  now: Date,
): GovernanceState {
  if (!review) return 'NOT_STARTED';
  if (
    review.state === 'APPROVED' &&
    review.expiresAt &&
    new Date(review.expiresAt).getTime() <= now.getTime()
  ) {
    return 'REVIEW_OVERDUE';
  }
  return review.state;
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

/** A drift reference must hold rows or a profile with columns. */
export function assertUsableReference(
  reference: { rows?: unknown[]; profile?: { columns?: object } } | undefined,
): void {
  if (reference === undefined) return;
  const rows = reference.rows?.length ?? 0;
  const columns = Object.keys(reference.profile?.columns ?? {}).length;
  if (rows === 0 && columns === 0) {
    throw new InputError(
      'referenceProfile: needs rows (a sample of reference records) or a profile with columns; leave it out to publish without a drift reference',
    );
  }
}
