import type {
  ModelHubApiComponents,
  EvidenceKind,
  GovernanceLevelPolicy,
  EvidenceItem,
  GovernanceState,
  ReviewDecision,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';

/** An evaluation metric published with a version. */
export type VersionMetric = {
  name: string;
  value: number;
  slice?: string;
  dataset?: string;
};

/** What a data scientist publishes for a version. */
export type PublishVersionInput = {
  version: string;
  artifactUri: string;
  format?: string;
  trainingRunUrl?: string;
  datasets: string[];
  metrics: VersionMetric[];
  signature?: Record<string, unknown>;
  referenceProfile?: Record<string, unknown>;
  /** The drift terms windows of the version are judged by. */
  driftSettings?: ModelHubApiComponents['schemas']['DriftSettings'];
  evidence: Partial<Record<EvidenceKind, string>>;
};

export type ModelVersion = PublishVersionInput & {
  modelRef: string;
  /** Whether a drift reference was published (also set when it was not loaded). */
  hasReferenceProfile: boolean;
  publishedBy: string;
  /** The person a CI publish said it acted for. */
  publishedOnBehalfOf?: string;
  publishedAt: string;
  deprecation?: { at: string; by: string; reason: string };
};

/** A stored version with the hash of the content it was published with. */
export type PublishedVersion = { version: ModelVersion; contentHash: string };

export type ModelAlias = {
  alias: string;
  version: string;
  updatedBy: string;
  updatedAt: string;
};

export type ModelDeployment = {
  environment: string;
  version: string;
  deployedBy: string;
  deployedAt: string;
};

export type ReviewDecisionRecord = {
  reviewer: string;
  decision: ReviewDecision;
  comment?: string;
  decidedAt: string;
};

export type ModelReview = {
  id: string;
  modelRef: string;
  version: string;
  state: GovernanceState;
  riskLevel: RiskLevel;
  requiredApprovals: number;
  reviewCadenceMonths: number;
  requiredEvidence: EvidenceKind[];
  /** Evidence links this request attached; never changed afterwards. */
  attachedEvidence: Partial<Record<EvidenceKind, string>>;
  /** The evidence checklist the review was decided on, frozen at decision. */
  evidenceAtDecision?: EvidenceItem[];
  comment?: string;
  requestedBy: string;
  /** The person a CI review request said it acted for. */
  requestedOnBehalfOf?: string;
  requestedAt: string;
  decidedAt?: string;
  expiresAt?: string;
  decisions: ReviewDecisionRecord[];
};

/**
 * A review as far as which one governs a version, its state and its terms
 * go: its decisions left out (they are a second query).
 */
export type GoverningReview = Omit<ModelReview, 'decisions'>;

/** What a review request stores; state, decisions and expiry come later. */
export type NewReview = Omit<
  ModelReview,
  | 'id'
  | 'decisions'
  | 'decidedAt'
  | 'expiresAt'
  | 'state'
  | 'evidenceAtDecision'
>;

export type DriftReportRecord = {
  id: string;
  modelRef: string;
  version: string;
  environment: string;
  windowStart: string;
  windowEnd: string;
  status: 'ok' | 'warning' | 'drift';
  driftedShare: number;
  datasetDrift: boolean;
  report: Record<string, unknown>;
  submittedBy: string;
  createdAt: string;
};

export type AuditEvent = {
  id: string;
  modelRef: string;
  action: AuditAction;
  actor: string;
  occurredAt: string;
  payload: unknown;
};

export type NewAuditEvent = Omit<AuditEvent, 'id'>;

/** What an audit event records, as the contract names it. */
export type AuditAction = ModelHubApiComponents['schemas']['AuditAction'];

export type PolicyOverride = {
  policy: Partial<GovernanceLevelPolicy>;
  reason: string;
  updatedBy: string;
  updatedAt: string;
};

export type Page<T> = { items: T[]; totalItems: number };
export type PageRequest = { limit: number; offset: number };
