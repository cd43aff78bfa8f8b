import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DriftStatus,
  modelHubDriftSubmitPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { DatasetDriftReport } from '@model-hub/model-hub-drift';
import { ModelHubStores } from '../database/ModelHubStores';
import type { DriftShapeLimits } from '../config';
import { DriftReportRecord, Page, PageRequest } from '../database/types';
import { ModelAccess, ModelName } from './ModelAccess';
import { ModelHubNotifier } from './ModelHubNotifier';
import { jsonArrayOf, jsonObjectOf } from './rawJson';
import { VersionedCache } from './versionedCache';
import {
  assertWindowEnded,
  DEFAULT_MAX_CLOCK_SKEW,
  DriftSettings,
} from './driftTerms';
import type { DriftWorkerPool } from '../drift/DriftWorkerPool';
import {
  DriftWindow,
  judgeWindow,
  JudgedWindow,
  JudgeWindowInput,
  valuesOf,
} from '../drift/judgeWindow';

export type DriftSubmission = DriftWindow & {
  environment: string;
  windowStart?: string;
  windowEnd?: string;
};

/**
 * A stored reference of more JSON than this (1 MB) is parsed only in a
 * worker thread: parsing it would hold the event loop.
 */
const LARGE_JSON_BYTES = 1024 * 1024;

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
      /** Worker threads for large windows; without, every window is judged on the event loop. */
      workers?: DriftWorkerPool;
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
    const version = await this.deps.stores.versions.getDriftReference(
      modelRef,
      versionName,
    );
    if (!version) {
      throw new NotFoundError(`${modelRef} has no version ${versionName}`);
    }
    const { report, stricter } = await this.judge({
      reference: version.referenceJson,
      window: submission,
      terms: (version.driftSettings ?? {}) as DriftSettings,
      modelRef,
      versionName,
      shape: this.deps.shape,
    });
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
   * Judges a window on the event loop when it is small; in a worker thread
   * when its rows came in a large body (parsed only there), when its
   * reference is stored as more than LARGE_JSON_BYTES of JSON (parsed only
   * there), or when the reference and the window hold more values than the
   * threshold.
   */
  private async judge(input: JudgeWindowInput): Promise<JudgedWindow> {
    const workers = this.deps.workers;
    if (!workers?.threaded) return judgeWindow(input);
    const referenceJson = input.reference as string | undefined;
    if (
      input.window.rowsBody ||
      (referenceJson?.length ?? 0) > LARGE_JSON_BYTES
    ) {
      return workers.judge(input);
    }
    const reference = referenceJson ? JSON.parse(referenceJson) : undefined;
    const values = valuesOf(reference ?? {}) + valuesOf(input.window);
    return workers.offloads(values)
      ? workers.judge(input)
      : judgeWindow({ ...input, reference });
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
