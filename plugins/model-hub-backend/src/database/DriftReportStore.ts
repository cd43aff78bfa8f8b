import { DriftReportRecord, Page, PageRequest } from './types';

export type DriftReportFilter = {
  environment?: string;
  /** Reports whose window ends at or after this ISO time. */
  from?: string;
  /** Reports whose window ends at or before this ISO time. */
  to?: string;
};

/** Drift reports of model versions in their environments. */
export interface DriftReportStore {
  insert(report: Omit<DriftReportRecord, 'id'>): Promise<DriftReportRecord>;

  /**
   * A page of a model's reports, latest window first, as ids: a report never
   * changes once stored, so a listing reuses what it made of one before and
   * reads the others with `get`.
   */
  pageIds(
    modelRef: string,
    filter: DriftReportFilter,
    page: PageRequest,
  ): Promise<Page<string>>;

  /** Reports by id; ids no longer stored are left out. */
  get(ids: string[]): Promise<DriftReportRecord[]>;

  /** The latest report of each environment a model reported from. */
  latestPerEnvironment(modelRef: string): Promise<DriftReportRecord[]>;

  /**
   * Latest reports (one per model and environment) whose window ended before
   * `before` and that were not flagged stale yet.
   */
  listStaleCandidates(before: string): Promise<DriftReportRecord[]>;

  /** Flags a report stale; false when it already was. */
  markStale(reportId: string, at: string): Promise<boolean>;
}
