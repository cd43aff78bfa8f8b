import { Knex } from 'knex';
import { DriftReportFilter, DriftReportStore } from './DriftReportStore';
import { DriftReportRecord, Page, PageRequest } from './types';
import { batches, fetchPage, insertedId, parseJson, toIso } from './util';

const TABLE = 'model_drift_reports';

function toDriftReport(row: any): DriftReportRecord {
  return {
    id: String(row.id),
    modelRef: row.model_ref,
    version: row.version,
    environment: row.environment,
    windowStart: toIso(row.window_start),
    windowEnd: toIso(row.window_end),
    status: row.status,
    driftedShare: Number(row.drifted_share),
    datasetDrift: Boolean(row.dataset_drift),
    report: parseJson(row.report, {}),
    submittedBy: row.submitted_by,
    createdAt: toIso(row.created_at),
  };
}

export class DatabaseDriftReportStore implements DriftReportStore {
  constructor(private readonly db: Knex) {}

  async insert(
    report: Omit<DriftReportRecord, 'id'>,
  ): Promise<DriftReportRecord> {
    const inserted = await this.db(TABLE)
      .insert({
        model_ref: report.modelRef,
        version: report.version,
        environment: report.environment,
        window_start: report.windowStart,
        window_end: report.windowEnd,
        status: report.status,
        drifted_share: report.driftedShare,
        dataset_drift: report.datasetDrift,
        report: JSON.stringify(report.report),
        submitted_by: report.submittedBy,
        created_at: report.createdAt,
      })
      .returning('id');
    const row = await this.db(TABLE)
      .where({ id: Number(insertedId(inserted)) })
      .first();
    return toDriftReport(row);
  }

  async pageIds(
    modelRef: string,
    filter: DriftReportFilter,
    page: PageRequest,
  ): Promise<Page<string>> {
    let query = this.db(TABLE).select('id').where({ model_ref: modelRef });
    if (filter.environment) {
      query = query.where({ environment: filter.environment });
    }
    if (filter.from) query = query.where('window_end', '>=', filter.from);
    if (filter.to) query = query.where('window_end', '<=', filter.to);
    const { rows, totalItems } = await fetchPage(query, 'window_end', page);
    return { totalItems, items: rows.map(row => String(row.id)) };
  }

  async get(ids: string[]): Promise<DriftReportRecord[]> {
    const reports: DriftReportRecord[] = [];
    for (const batch of batches(ids)) {
      const rows = await this.db(TABLE).whereIn('id', batch.map(Number));
      reports.push(...rows.map(toDriftReport));
    }
    return reports;
  }

  /**
   * Reports that are the latest of their model and environment by window
   * end (then id): a late upload of an old window does not hide the newest.
   */
  private latestWindows() {
    return this.db(`${TABLE} as r`)
      .select('r.*')
      .whereNotExists(
        this.db(`${TABLE} as n`)
          .select(this.db.raw('1'))
          .whereRaw('n.model_ref = r.model_ref')
          .whereRaw('n.environment = r.environment')
          .where(newer =>
            newer
              .whereRaw('n.window_end > r.window_end')
              .orWhere(tie =>
                tie
                  .whereRaw('n.window_end = r.window_end')
                  .whereRaw('n.id > r.id'),
              ),
          ),
      );
  }

  async latestPerEnvironment(modelRef: string): Promise<DriftReportRecord[]> {
    const rows = await this.latestWindows()
      .where('r.model_ref', modelRef)
      .orderBy('r.environment');
    return rows.map(toDriftReport);
  }

  async listStaleCandidates(before: string): Promise<DriftReportRecord[]> {
    const rows = await this.latestWindows()
      .where('r.window_end', '<', before)
      .whereNull('r.stale_notified_at');
    return rows.map(toDriftReport);
  }

  async markStale(reportId: string, at: string): Promise<boolean> {
    // The null check makes concurrent schedulers flag (and notify) once.
    const updated = await this.db(TABLE)
      .where({ id: Number(reportId) })
      .whereNull('stale_notified_at')
      .update({ stale_notified_at: at });
    return updated > 0;
  }
}
