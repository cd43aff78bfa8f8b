import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { ConflictError, InputError } from '@backstage/errors';
import {
  DriftStatus,
  modelHubDriftSubmitPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import {
  buildDatasetProfile,
  computeDatasetDrift,
  computeDatasetDriftFromProfiles,
  DatasetDriftReport,
  DatasetProfile,
  DriftInputError,
} from '@model-hub/model-hub-drift';
import { ModelHubStores } from '../database/ModelHubStores';
import type { DriftShapeLimits } from '../config';
import { DriftReportRecord, Page, PageRequest } from '../database/types';
import { ModelAccess, ModelName } from './ModelAccess';
import { ModelHubNotifier } from './ModelHubNotifier';
import { jsonArrayOf, jsonObjectOf } from './rawJson';
import { requireVersion } from './requireVersion';
import { VersionedCache } from './versionedCache';
import {
  assertAllSharedColumns,
  assertVersionMethods,
  assertWindowEnded,
  columnsOf,
  DEFAULT_MAX_CLOCK_SKEW,
  DriftSettings,
  stricterThresholds,
} from './driftTerms';

export type DriftSubmission = {
  environment: string;
  windowStart?: string;
  windowEnd?: string;
  rows?: Record<string, unknown>[];
  profile?: DatasetProfile;
  columns?: string[];
  methods?: Record<string, string>;
  thresholds?: Record<string, number>;
};

/** What a version publishes as its drift reference. */
type DriftReference = {
  rows?: Record<string, unknown>[];
  profile?: DatasetProfile;
};

/**
 * Milliseconds since the epoch of a date-time. The contract's format check
 * lets through some that JavaScript cannot read (a leap second, day 00,
 * hour 24): refused here, naming the field, instead of failing later.
 */
function instantOf(field: string, dateTime: string): number {
  const ms = new Date(dateTime).getTime();
  if (Number.isNaN(ms)) {
    throw new InputError(
      `${field}: ${dateTime} is not a date-time that can be read; use e.g. 2026-11-30T09:00:00Z`,
    );
  }
  return ms;
}

/** The verdict a report gives: drift when the data set drifts, warning when some columns do. */
export function driftVerdict(
  report: DatasetDriftReport,
): 'ok' | 'warning' | 'drift' {
  if (report.datasetDrift) return 'drift';
  return report.driftedColumns > 0 ? 'warning' : 'ok';
}

/** Per environment: the latest verdict, or stale when it is older than the expected cadence. */
export function driftStatusOf(
  latest: Pick<DriftReportRecord, 'status' | 'windowEnd'> | undefined,
  now: Date,
  staleAfterMs: number,
): DriftStatus {
  if (!latest) return 'unknown';
  if (now.getTime() - new Date(latest.windowEnd).getTime() > staleAfterMs) {
    return 'stale';
  }
  return latest.status;
}

const DRIFT_STATUS_ORDER: DriftStatus[] = [
  'unknown',
  'ok',
  'stale',
  'warning',
  'drift',
];

/** The worst of several statuses, for a one-word model summary. */
export function worstDriftStatus(statuses: DriftStatus[]): DriftStatus {
  return statuses.reduce<DriftStatus>(
    (worst, s) =>
      DRIFT_STATUS_ORDER.indexOf(s) > DRIFT_STATUS_ORDER.indexOf(worst)
        ? s
        : worst,
    'unknown',
  );
}

/** How many bytes of drift reports' JSON a listing keeps. */
const MAX_CACHED_REPORT_BYTES = 32 * 1024 * 1024;
/** A stored drift report never changes: it has one version. */
const STORED = 'stored';

/**
 * Drift of production windows against a version's reference, computed with
 * the drift engine, stored as reports, and summarised as a status.
 */
export class DriftService {
  constructor(
    private readonly deps: {
      stores: ModelHubStores;
      access: ModelAccess;
      notifier: ModelHubNotifier;
      clock: () => Date;
      staleAfter: HumanDuration;
      /** How far past now a window may end (clock skew); 5 minutes by default. */
      maxClockSkew?: HumanDuration;
      /** Caps on the data's shape (`modelHub.drift.maxColumns`, `.maxCategories`). */
      shape?: DriftShapeLimits;
    },
  ) {}

  /** Drift reports' JSON by id: about 250 bytes a column. */
  private readonly reportJson = new VersionedCache<string>({
    maxBytes: MAX_CACHED_REPORT_BYTES,
  });

  /**
   * Judges a window by the drift terms the version published: a submission
   * may only make them stricter, and its window must have ended.
   */
  async submit(
    model: ModelName,
    versionName: string,
    submission: DriftSubmission,
    credentials: BackstageCredentials,
  ): Promise<DriftReportRecord> {
    const { entity, modelRef, actor } = await this.deps.access.resolve(
      model,
      credentials,
      modelHubDriftSubmitPermission,
    );
    const version = await requireVersion(
      this.deps.stores.versions,
      modelRef,
      versionName,
    );
    const reference = (version.referenceProfile ?? {}) as DriftReference;
    if (!reference.rows?.length && !reference.profile) {
      throw new ConflictError(
        `Version ${versionName} of ${modelRef} has no drift reference (referenceProfile.rows or referenceProfile.profile); publish one with the version`,
      );
    }
    if (!submission.rows && !submission.profile) {
      throw new InputError(
        'rows or profile: a drift submission needs the window as raw rows or as a profile',
      );
    }
    assertAllSharedColumns(
      columnsOf(reference),
      columnsOf(submission),
      submission.columns,
    );
    const terms = (version.driftSettings ?? {}) as DriftSettings;
    assertVersionMethods(terms, submission.methods, versionName);
    let report = this.computeReport(reference, submission, terms);
    const stricter = stricterThresholds(report, submission.thresholds);
    if (stricter) {
      report = this.computeReport(reference, submission, {
        ...terms,
        thresholds: { ...terms.thresholds, ...stricter },
      });
    }
    const clock = this.deps.clock();
    const now = clock.toISOString();
    const windowEnd = submission.windowEnd ?? now;
    const windowStart = submission.windowStart ?? windowEnd;
    const windowEndMs = instantOf('windowEnd', windowEnd);
    assertWindowEnded(
      windowEnd,
      windowEndMs,
      clock.getTime(),
      durationToMilliseconds(this.deps.maxClockSkew ?? DEFAULT_MAX_CLOCK_SKEW),
    );
    // Compared as instants: strings with different offsets sort wrongly.
    if (instantOf('windowStart', windowStart) > windowEndMs) {
      throw new InputError(
        `windowStart: ${windowStart} is after windowEnd ${windowEnd}`,
      );
    }
    const stored = await this.deps.stores.transaction(async tx => {
      const inserted = await tx.driftReports.insert({
        modelRef,
        version: versionName,
        environment: submission.environment,
        windowStart: new Date(windowStart).toISOString(),
        windowEnd: new Date(windowEnd).toISOString(),
        status: driftVerdict(report),
        driftedShare: report.driftedShare,
        datasetDrift: report.datasetDrift,
        report: { ...report },
        submittedBy: actor,
        createdAt: now,
      });
      await tx.audit.append({
        modelRef,
        action: 'drift.reported',
        actor: inserted.submittedBy,
        occurredAt: now,
        payload: {
          reportId: inserted.id,
          version: versionName,
          environment: inserted.environment,
          status: inserted.status,
          driftedShare: inserted.driftedShare,
          ...(stricter ? { stricterThresholds: stricter } : {}),
        },
      });
      return inserted;
    });
    if (stored.status === 'drift') {
      const drifted = report.columns.filter(c => c.drifted).map(c => c.column);
      await this.deps.notifier.notifyModelOwners(modelRef, {
        title: `Drift detected: ${
          entity.metadata.title ?? entity.metadata.name
        } ${versionName} in ${submission.environment}`,
        description: `${drifted.length} of ${
          report.columns.length
        } columns drifted (${drifted.join(', ')}).`,
        severity: 'high',
        topic: 'model-hub.drift',
      });
    }
    return stored;
  }

  /**
   * Raw rows against reference rows give exact statistics; as soon as either
   * side is a profile, both are compared as profiles (the current rows are
   * binned on the reference profile's edges). Methods and thresholds are
   * the version's drift terms.
   */
  private computeReport(
    reference: DriftReference,
    submission: DriftSubmission,
    terms: DriftSettings,
  ): DatasetDriftReport {
    const options = {
      columns: submission.columns,
      perColumnMethod: terms.methods,
      perColumnThreshold: terms.thresholds,
      referenceName: 'reference profile',
      currentName: submission.profile ? 'profile' : 'rows',
      maxColumns: this.deps.shape?.maxColumns,
      maxCategories: this.deps.shape?.maxCategories,
    };
    try {
      if (submission.rows && reference.rows?.length) {
        return computeDatasetDrift(reference.rows, submission.rows, options);
      }
      const referenceProfile =
        reference.profile ??
        buildDatasetProfile(reference.rows!, {
          maxColumns: options.maxColumns,
        });
      const currentProfile =
        submission.profile ??
        buildDatasetProfile(submission.rows!, {
          reference: referenceProfile,
          maxColumns: options.maxColumns,
        });
      return computeDatasetDriftFromProfiles(
        referenceProfile,
        currentProfile,
        options,
      );
    } catch (error) {
      if (error instanceof DriftInputError) {
        throw new InputError(error.message);
      }
      // A method of the version's terms that does not fit its column's type:
      // the version is at fault, not the window.
      if (error instanceof RangeError && terms.methods) {
        throw new ConflictError(
          `The drift terms the version publishes (driftSettings.methods) do not fit its data: ${error.message}; publish a version with methods that apply`,
        );
      }
      throw error;
    }
  }

  /**
   * A page of a model's drift reports, as the JSON of a drift report page.
   * Each report's JSON is made once: a report never changes once stored.
   */
  async listReportsJson(
    model: ModelName,
    filter: { environment?: string; from?: string; to?: string },
    page: PageRequest,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const modelRef = await this.deps.access.readableModelRef(
      model,
      credentials,
    );
    const ids = await this.deps.stores.driftReports.pageIds(
      modelRef,
      {
        environment: filter.environment,
        from:
          filter.from && new Date(instantOf('from', filter.from)).toISOString(),
        to: filter.to && new Date(instantOf('to', filter.to)).toISOString(),
      },
      page,
    );
    // A report removed (by retention) between the two reads is left out.
    const reports = await this.reportJson.getAll(
      ids.items.map(id => ({ key: id, version: STORED })),
      async missing =>
        (
          await this.deps.stores.driftReports.get(missing)
        ).map(report => ({
          key: report.id,
          version: STORED,
          value: JSON.stringify(report),
        })),
    );
    return jsonObjectOf<Page<DriftReportRecord>>({
      totalItems: JSON.stringify(ids.totalItems),
      items: jsonArrayOf(reports),
    });
  }

  /** Drift status of each environment of a model, and the worst of them. */
  async statusOf(modelRef: string) {
    const now = this.deps.clock();
    const staleAfterMs = durationToMilliseconds(this.deps.staleAfter);
    const latest = await this.deps.stores.driftReports.latestPerEnvironment(
      modelRef,
    );
    const environments = latest.map(report => ({
      environment: report.environment,
      version: report.version,
      status: driftStatusOf(report, now, staleAfterMs),
      driftedShare: report.driftedShare,
      windowEnd: report.windowEnd,
    }));
    return {
      status: worstDriftStatus(environments.map(e => e.status)),
      environments,
    };
  }

  /** Scheduled: flags environments whose last report is older than the cadence, once, and tells the owners. */
  async markStaleDrift(): Promise<number> {
    const now = this.deps.clock();
    const before = new Date(
      now.getTime() - durationToMilliseconds(this.deps.staleAfter),
    ).toISOString();
    const candidates = await this.deps.stores.driftReports.listStaleCandidates(
      before,
    );
    let marked = 0;
    for (const report of candidates) {
      if (await this.markStale(report, now.toISOString())) {
        marked++;
        await this.deps.notifier.notifyModelOwners(report.modelRef, {
          title: `Drift monitoring stale: ${report.modelRef} in ${report.environment}`,
          description: `No drift report since the window ending ${report.windowEnd}.`,
          severity: 'normal',
          topic: 'model-hub.drift-stale',
        });
      }
    }
    return marked;
  }

  /** Flags one report stale, with its audit event; false when another run did. */
  private async markStale(report: DriftReportRecord, at: string) {
    return this.deps.stores.transaction(async tx => {
      if (!(await tx.driftReports.markStale(report.id, at))) return false;
      await tx.audit.append({
        modelRef: report.modelRef,
        action: 'drift.stale',
        actor: 'model-hub:scheduler',
        occurredAt: at,
        payload: {
          environment: report.environment,
          lastWindowEnd: report.windowEnd,
        },
      });
      return true;
    });
  }
}
