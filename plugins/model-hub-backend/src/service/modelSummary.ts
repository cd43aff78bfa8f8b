import {
  DriftStatus,
  GovernanceState,
  ModelReadinessFacts,
  readinessFor,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelSummaryRows } from '../database/ModelSummaryStore';
import { driftStatusOf, worstDriftStatus } from './DriftService';
import { effectiveGovernanceState } from './governance';

/** A model's status in a list: computed from its rows, without I/O. */
export type ModelSummary = {
  governanceStatus: GovernanceState;
  latestApprovedVersion?: string;
  /** Every approved, not deprecated version, newest first. */
  approvedVersions: string[];
  driftStatus: DriftStatus;
  /** Drift status per environment, from its latest report (by window end). */
  drift: Array<{
    environment: string;
    version: string;
    status: DriftStatus;
    driftedShare: number;
    windowEnd: string;
  }>;
  /** Each deployment with the governance state of the version it runs. */
  deployments: Array<{
    environment: string;
    version: string;
    deployedAt: string;
    governanceStatus: GovernanceState;
    approved: boolean;
  }>;
};

export function summarizeModel(
  rows: ModelSummaryRows,
  now: Date,
  staleAfterMs: number,
): ModelSummary {
  const reviewOf = new Map(rows.latestReviews.map(r => [r.version, r]));
  // Approvals are held to the terms that apply now (rows.currentTerms).
  const stateOf = (version: string) =>
    effectiveGovernanceState(reviewOf.get(version), now, rows.currentTerms);
  // Every version counts, not only the newest few: an old approved version
  // can still be the one that serves.
  const approved = rows.versions.filter(
    v => !v.deprecated && stateOf(v.version) === 'APPROVED',
  );
  const latestApproved = approved[0];
  const drift = rows.latestDrift.map(report => ({
    environment: report.environment,
    version: report.version,
    status: driftStatusOf(report, now, staleAfterMs),
    driftedShare: report.driftedShare,
    windowEnd: report.windowEnd,
  }));
  return {
    // The model's status is that of its most recently published version.
    governanceStatus: rows.versions[0]
      ? stateOf(rows.versions[0].version)
      : 'NOT_STARTED',
    latestApprovedVersion: latestApproved?.version,
    approvedVersions: approved.map(v => v.version),
    driftStatus: worstDriftStatus(drift.map(d => d.status)),
    drift,
    deployments: rows.deployments.map(deployment => {
      const state = stateOf(deployment.version);
      return {
        ...deployment,
        governanceStatus: state,
        approved: state === 'APPROVED',
      };
    }),
  };
}

/** What readiness is decided from: a model's summary and entity fields. */
export function readinessFactsOf(
  summary: ModelSummary,
  model: { lifecycle?: string; regulatoryCategory?: string },
): ModelReadinessFacts {
  return {
    lifecycle: model.lifecycle,
    regulatoryCategory: model.regulatoryCategory,
    latestApprovedVersion: summary.latestApprovedVersion,
    driftStatus: summary.driftStatus,
    drift: summary.drift,
  };
}

/**
 * Ready for an environment, by Model Hub's one readiness rule
 * (`readinessFor` in model-hub-common).
 */
export function isReadyFor(
  environment: string,
  summary: ModelSummary,
  model: { lifecycle?: string; regulatoryCategory?: string },
): boolean {
  return readinessFor(readinessFactsOf(summary, model), environment).ready;
}

/**
 * Reviews approved in the record whose approval no longer counts, as the
 * terms that apply now (`rows.currentTerms`) are stricter.
 */
export function outdatedApprovals(
  rows: ModelSummaryRows,
  now: Date,
): Array<{ version: string; reviewId: string }> {
  return rows.latestReviews
    .filter(
      (r): r is typeof r & { id: string } =>
        r.state === 'APPROVED' &&
        r.id !== undefined &&
        effectiveGovernanceState(r, now, rows.currentTerms) ===
          'REAPPROVAL_REQUIRED',
    )
    .map(r => ({ version: r.version, reviewId: r.id }));
}
