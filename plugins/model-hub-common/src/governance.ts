import type { EuAiActCategory } from './types';
import { RISK_LEVELS, type RiskLevel } from './risk';

/**
 * Sign-off states of a model version, named after Dataiku Govern's workflow,
 * plus `REVIEW_OVERDUE` for an approval whose review cadence has run out,
 * and `REAPPROVAL_REQUIRED` for an approval given under terms (risk level,
 * evidence, approvals, cadence) less strict than those that apply now.
 * @public
 */
export const GOVERNANCE_STATES = [
  'NOT_STARTED',
  'WAITING_FOR_APPROVAL',
  'WAITING_FOR_FEEDBACK',
  'APPROVED',
  'REJECTED',
  'ABANDONED',
  'REVIEW_OVERDUE',
  'REAPPROVAL_REQUIRED',
] as const;
/** @public */
export type GovernanceState = (typeof GOVERNANCE_STATES)[number];

/**
 * What a reviewer can decide on a version.
 * @public
 */
export const REVIEW_DECISIONS = [
  'APPROVED',
  'CHANGES_REQUESTED',
  'REJECTED',
] as const;
/** @public */
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * Evidence a version can be asked for before it is approved.
 * @public
 */
export const EVIDENCE_KINDS = [
  'modelCard',
  'owner',
  'evaluationReport',
  'driftMonitoring',
  'independentValidation',
  'fairnessEvaluation',
  'fallbackModel',
  'humanOversightPlan',
  'technicalDocumentation',
] as const;
/** @public */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Human-readable description of each evidence kind, and whether Model Hub
 * derives it from the catalog entity or the version (`derived`) or a person
 * attaches it to the review request (`attached`).
 * @public
 */
export const EVIDENCE_DEFINITIONS: Record<
  EvidenceKind,
  { title: string; source: 'derived' | 'attached' }
> = {
  modelCard: {
    title: 'Model card (description, intended use, limitations)',
    source: 'derived',
  },
  owner: { title: 'An owning team', source: 'derived' },
  evaluationReport: {
    title: 'Evaluation metrics published with the version',
    source: 'derived',
  },
  driftMonitoring: {
    title: 'Drift reference profile published with the version',
    source: 'derived',
  },
  independentValidation: {
    title: 'Independent validation report',
    source: 'attached',
  },
  fairnessEvaluation: { title: 'Fairness evaluation', source: 'attached' },
  fallbackModel: { title: 'A fallback model', source: 'derived' },
  humanOversightPlan: { title: 'Human oversight plan', source: 'attached' },
  technicalDocumentation: {
    title: 'Technical documentation (EU AI Act Annex IV)',
    source: 'attached',
  },
};

/**
 * What approval of a version demands at one risk level.
 * @public
 */
export type GovernanceLevelPolicy = {
  /** Evidence that must be complete. */
  evidence: EvidenceKind[];
  /** Number of distinct approvers, none of them the publisher. */
  approvals: number;
  /** Months after which an approval expires and the model is due for review. */
  reviewCadenceMonths: number;
};

/**
 * The governance policy: one entry per risk level, and the extra demands of
 * the EU AI Act's high-risk category, which apply whatever the level.
 * @public
 */
export type GovernancePolicy = {
  levels: Record<RiskLevel, GovernanceLevelPolicy>;
  euAiActHighRisk: GovernanceLevelPolicy;
};

const LOW_EVIDENCE: EvidenceKind[] = ['modelCard', 'owner'];
const MEDIUM_EVIDENCE: EvidenceKind[] = [
  ...LOW_EVIDENCE,
  'evaluationReport',
  'driftMonitoring',
];
const HIGH_EVIDENCE: EvidenceKind[] = [
  ...MEDIUM_EVIDENCE,
  'independentValidation',
  'fairnessEvaluation',
  'fallbackModel',
];
const SEVERE_EVIDENCE: EvidenceKind[] = [
  ...HIGH_EVIDENCE,
  'humanOversightPlan',
  'technicalDocumentation',
];

/**
 * Default policy. Review cadences follow banking model-risk practice: the
 * riskier the model, the sooner it is reviewed again.
 * @public
 */
export const DEFAULT_GOVERNANCE_POLICY: GovernancePolicy = {
  levels: {
    Low: { evidence: LOW_EVIDENCE, approvals: 1, reviewCadenceMonths: 24 },
    Medium: {
      evidence: MEDIUM_EVIDENCE,
      approvals: 1,
      reviewCadenceMonths: 12,
    },
    High: { evidence: HIGH_EVIDENCE, approvals: 1, reviewCadenceMonths: 6 },
    Severe: { evidence: SEVERE_EVIDENCE, approvals: 2, reviewCadenceMonths: 3 },
  },
  euAiActHighRisk: {
    evidence: SEVERE_EVIDENCE,
    approvals: 2,
    reviewCadenceMonths: 6,
  },
};

/**
 * The demands that apply to one model: its risk level's, combined with the EU
 * AI Act high-risk demands when its regulatory category is `high` (union of
 * evidence, the larger number of approvals, the shorter cadence).
 * @public
 */
export function governancePolicyForModel(
  policy: GovernancePolicy,
  level: RiskLevel,
  regulatoryCategory?: EuAiActCategory,
): GovernanceLevelPolicy {
  const base = policy.levels[level];
  if (regulatoryCategory !== 'high' && regulatoryCategory !== 'unacceptable') {
    return base;
  }
  const extra = policy.euAiActHighRisk;
  return {
    evidence: EVIDENCE_KINDS.filter(
      kind => base.evidence.includes(kind) || extra.evidence.includes(kind),
    ),
    approvals: Math.max(base.approvals, extra.approvals),
    reviewCadenceMonths: Math.min(
      base.reviewCadenceMonths,
      extra.reviewCadenceMonths,
    ),
  };
}

/**
 * One line of a version's evidence checklist.
 * @public
 */
export type EvidenceItem = {
  kind: EvidenceKind;
  title: string;
  source: 'derived' | 'attached';
  complete: boolean;
  /** Link to the evidence, or what it was derived from. */
  reference?: string;
};

/**
 * Builds the evidence checklist of a version from what is required and what
 * is present. Evidence that is present but not required is not listed.
 * @public
 */
export function evaluateEvidence(
  required: EvidenceKind[],
  present: Partial<Record<EvidenceKind, string | undefined>>,
): { items: EvidenceItem[]; complete: boolean } {
  const items = required.map(kind => ({
    kind,
    title: EVIDENCE_DEFINITIONS[kind].title,
    source: EVIDENCE_DEFINITIONS[kind].source,
    complete: Boolean(present[kind]),
    reference: present[kind] || undefined,
  }));
  return { items, complete: items.every(item => item.complete) };
}

/**
 * Adds whole months to a date, clamping to the last day of the target month
 * (an approval on 31 August with a 6-month cadence expires on 28/29 February).
 * @public
 */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * Drift status of a model in one environment: the verdict of its latest drift
 * report, or `stale` when no report arrived within the expected cadence, or
 * `unknown` when there never was one.
 * @public
 */
export const DRIFT_STATUSES = [
  'ok',
  'warning',
  'drift',
  'stale',
  'unknown',
] as const;
/** @public */
export type DriftStatus = (typeof DRIFT_STATUSES)[number];

/** @public */
export function isRiskLevel(value: unknown): value is RiskLevel {
  return (RISK_LEVELS as readonly unknown[]).includes(value);
}
