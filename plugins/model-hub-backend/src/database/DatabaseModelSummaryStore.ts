import { Knex } from 'knex';
import { ModelSummaryRows, ModelSummaryStore } from './ModelSummaryStore';
import { batches, optionalIso, parseJson, toIso } from './util';
import { governingReviewRows } from './DatabaseReviewStore';

export class DatabaseModelSummaryStore implements ModelSummaryStore {
  constructor(private readonly db: Knex) {}

  async summaryRows(
    modelRefs: string[],
  ): Promise<Map<string, ModelSummaryRows>> {
    const result = new Map<string, ModelSummaryRows>();
    for (const ref of modelRefs) {
      result.set(ref, {
        versions: [],
        latestReviews: [],
        latestDrift: [],
        deployments: [],
      });
    }
    for (const refs of batches([...result.keys()])) {
      await this.fill(refs, result);
    }
    return result;
  }

  private async fill(refs: string[], result: Map<string, ModelSummaryRows>) {
    const [versions, reviews, reports, deployments] = await Promise.all([
      this.db('model_versions')
        .select('model_ref', 'version', 'published_at', 'deprecated_at')
        .whereIn('model_ref', refs)
        .orderBy([
          { column: 'published_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ]),
      governingReviewRows(this.db, q => q.whereIn('model_ref', refs), [
        'id',
        'model_ref',
        'version',
        'state',
        'expires_at',
        'risk_level',
        'required_approvals',
        'required_evidence',
        'review_cadence_months',
      ]),
      // Latest by window end, not by id: a late upload of an old window
      // does not hide the newest one.
      this.db('model_drift_reports as r')
        .select(
          'r.model_ref',
          'r.environment',
          'r.version',
          'r.status',
          'r.drifted_share',
          'r.window_end',
          'r.id',
        )
        .whereIn('r.model_ref', refs)
        .whereNotExists(
          this.db('model_drift_reports as n')
            .select(this.db.raw('1'))
            .whereRaw('n.model_ref = r.model_ref')
            .whereRaw('n.environment = r.environment')
            .where(q =>
              q
                .whereRaw('n.window_end > r.window_end')
                .orWhere(q2 =>
                  q2
                    .whereRaw('n.window_end = r.window_end')
                    .whereRaw('n.id > r.id'),
                ),
            ),
        )
        .orderBy('r.environment'),
      this.db('model_deployments')
        .select('model_ref', 'environment', 'version', 'deployed_at')
        .whereIn('model_ref', refs)
        .orderBy('environment'),
    ]);
    for (const row of versions) {
      result.get(row.model_ref)!.versions.push({
        version: row.version,
        publishedAt: toIso(row.published_at),
        deprecated:
          row.deprecated_at !== null && row.deprecated_at !== undefined,
      });
    }
    for (const row of reviews) {
      result.get(row.model_ref)!.latestReviews.push({
        id: String(row.id),
        version: row.version,
        state: row.state,
        expiresAt: optionalIso(row.expires_at),
        riskLevel: row.risk_level,
        requiredApprovals: Number(row.required_approvals),
        requiredEvidence: parseJson(row.required_evidence, []),
        reviewCadenceMonths: Number(row.review_cadence_months),
      });
    }
    for (const row of reports) {
      result.get(row.model_ref)!.latestDrift.push({
        environment: row.environment,
        version: row.version,
        status: row.status,
        driftedShare: Number(row.drifted_share),
        windowEnd: toIso(row.window_end),
      });
    }
    for (const row of deployments) {
      result.get(row.model_ref)!.deployments.push({
        environment: row.environment,
        version: row.version,
        deployedAt: toIso(row.deployed_at),
      });
    }
  }
}
