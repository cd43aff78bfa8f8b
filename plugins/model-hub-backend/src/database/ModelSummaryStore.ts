import type {
  EvidenceKind,
  GovernanceState,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';

/** What one model's list status is computed from. */
export type ModelSummaryRows = {
  /** Every version, newest first; without content. */
  versions: Array<{
    version: string;
    publishedAt: string;
    deprecated: boolean;
  }>;
  /**
   * The governing review of each version that has one (its latest, or the
   * approval an open renewal leaves standing), with the terms it was
   * requested under.
   */
  latestReviews: Array<{
    /** The review's id (absent in rows stored before it was kept). */
    id?: string;
    version: string;
    state: GovernanceState;
    expiresAt?: string;
    riskLevel: RiskLevel;
    requiredApprovals: number;
    requiredEvidence: EvidenceKind[];
    reviewCadenceMonths: number;
  }>;
  /**
   * The terms approvals are held to now (risk level and policy of the
   * model), where the rows were read with them: stored with the model
   * index's rows so that statuses recomputed from them apply the same terms.
   */
  currentTerms?: {
    riskLevel: RiskLevel;
    requiredApprovals: number;
    requiredEvidence: EvidenceKind[];
    reviewCadenceMonths: number;
  };
  /** The latest drift report of each environment. */
  latestDrift: Array<{
    environment: string;
    version: string;
    status: 'ok' | 'warning' | 'drift';
    driftedShare: number;
    windowEnd: string;
  }>;
  /** Where versions run, per environment. */
  deployments: Array<{
    environment: string;
    version: string;
    deployedAt: string;
  }>;
};

/**
 * Set-based reads over many models at once, for lists: a few queries per
 * batch of models instead of several per model.
 */
export interface ModelSummaryStore {
  /** Rows per model ref; a model without data gets empty rows. */
  summaryRows(modelRefs: string[]): Promise<Map<string, ModelSummaryRows>>;
}
