import type { RiskLevel } from './risk';
import type {
  DriftStatus,
  EvidenceItem,
  GovernanceLevelPolicy,
  GovernanceState,
} from './governance';

/**
 * One model's status as `POST /api/model-hub/status` returns it: what the
 * service "Models" tab and model lists show side by side.
 *
 * @public
 */
export type ModelStatus =
  | { entityRef: string; found: false }
  | {
      entityRef: string;
      found: true;
      title: string;
      riskLevel: RiskLevel;
      regulatoryCategory: string;
      governanceStatus: GovernanceState;
      latestApprovedVersion?: string;
      driftStatus: DriftStatus;
      drift: Array<{
        environment: string;
        version: string;
        status: DriftStatus;
        driftedShare: number;
        windowEnd: string;
      }>;
      deployments: Array<{
        environment: string;
        version: string;
        deployedAt: string;
        governanceStatus: GovernanceState;
        approved: boolean;
      }>;
    };

/**
 * A model's governance summary as `GET .../governance` returns it: the
 * policy that applies and each version's sign-off state.
 *
 * @public
 */
export type ModelGovernanceSummary = {
  modelRef: string;
  riskLevel: RiskLevel;
  regulatoryCategory: string;
  policy: GovernanceLevelPolicy;
  status: GovernanceState;
  latestApprovedVersion?: string;
  versions: Array<{
    version: string;
    publishedBy: string;
    publishedAt: string;
    deprecated: boolean;
    state: GovernanceState;
    expiresAt?: string;
    reviewId?: string;
    evidence: { items: EvidenceItem[]; complete: boolean };
  }>;
};
