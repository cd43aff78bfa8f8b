import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  GovernanceState,
  ReviewDecision,
} from '@model-hub/backstage-plugin-model-hub-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import {
  AuditAction,
  AuditEvent,
  DriftReportRecord,
  ModelAlias,
  ModelDeployment,
  ModelReview,
  ModelVersion,
  Page,
  PageRequest,
  PolicyOverride,
  PublishVersionInput,
  ReviewDecisionRecord,
} from './types';

const migrationsDir = resolvePackagePath(
  '@model-hub/backstage-plugin-model-hub-backend',
  'migrations',
);

/** Timestamps come back as Date (PostgreSQL) or as the stored string (SQLite). */
function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  return new Date(String(value)).toISOString();
}

function optionalIso(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return JSON.parse(String(value)) as T;
}

/** Stable JSON (sorted keys) so equal content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const VERSION_COLUMNS = [
  'id',
  'model_ref',
  'version',
  'content_hash',
  'artifact_uri',
  'format',
  'training_run_url',
  'datasets',
  'metrics',
  'signature',
  'reference_profile',
  'evidence',
  'published_by',
  'published_at',
  'deprecated_at',
  'deprecated_by',
  'deprecation_reason',
];

/** Tables that point a name at a version: aliases and deployments. */
const POINTERS = {
  alias: {
    table: 'model_aliases',
    key: 'alias',
    by: 'updated_by',
    at: 'updated_at',
    action: 'alias.moved',
  },
  deployment: {
    table: 'model_deployments',
    key: 'environment',
    by: 'deployed_by',
    at: 'deployed_at',
    action: 'deployment.recorded',
  },
} as const;

/** Runs a filtered query for one page, newest first, and counts all matches. */
async function fetchPage(
  query: Knex.QueryBuilder,
  newestFirst: string,
  page: PageRequest,
): Promise<{ rows: any[]; totalItems: number }> {
  const [{ count }] = await query
    .clone()
    .clearSelect()
    .count({ count: '*' });
  const rows = await query
    .clone()
    .orderBy([
      { column: newestFirst, order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(page.limit)
    .offset(page.offset);
  return { rows, totalItems: Number(count) };
}

function toAuditEvent(row: any): AuditEvent {
  return {
    id: String(row.id),
    modelRef: row.model_ref,
    action: row.action,
    actor: row.actor,
    occurredAt: toIso(row.occurred_at),
    payload: parseJson(row.payload, {}),
  };
}

function mapReviews(rows: any[], decisions: any[]): ModelReview[] {
  return rows.map(row => ({
    id: String(row.id),
    modelRef: row.model_ref,
    version: row.version,
    state: row.state,
    riskLevel: row.risk_level,
    requiredApprovals: Number(row.required_approvals),
    reviewCadenceMonths: Number(row.review_cadence_months),
    requiredEvidence: parseJson(row.required_evidence, []),
    comment: row.comment ?? undefined,
    requestedBy: row.requested_by,
    requestedAt: toIso(row.requested_at),
    decidedAt: optionalIso(row.decided_at),
    expiresAt: optionalIso(row.expires_at),
    decisions: decisions
      .filter(d => String(d.review_id) === String(row.id))
      .map(d => ({
        reviewer: d.reviewer,
        decision: d.decision,
        comment: d.comment ?? undefined,
        decidedAt: toIso(d.decided_at),
      })),
  }));
}

function insertedId(rows: unknown[]): string {
  const row = rows[0] as { id: unknown } | number | string;
  return String(typeof row === 'object' ? row.id : row);
}

/**
 * The store of Model Hub: owns the knex client and its migrations. Every write
 * runs in one transaction together with its audit event, so a failed write
 * leaves neither partial data nor a dangling audit entry.
 */
export class DatabaseModelHubStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseModelHubStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseModelHubStore(client);
  }

  private constructor(private readonly db: Knex) {}

  // ---------------------------------------------------------------- audit

  private async audit(
    trx: Knex.Transaction,
    event: { modelRef: string; action: AuditAction; actor: string; at: string },
    payload: unknown,
  ) {
    await trx('model_audit_events').insert({
      model_ref: event.modelRef,
      action: event.action,
      actor: event.actor,
      occurred_at: event.at,
      payload: JSON.stringify(payload ?? {}),
    });
  }

  async listAuditEvents(
    modelRef: string,
    page: PageRequest,
  ): Promise<Page<AuditEvent>> {
    const { rows, totalItems } = await fetchPage(
      this.db('model_audit_events').where({ model_ref: modelRef }),
      'occurred_at',
      page,
    );
    return { totalItems, items: rows.map(toAuditEvent) };
  }

  /** All audit events of some actions, oldest first (for operations metrics). */
  async listAuditEventsByAction(
    modelRef: string,
    actions: AuditAction[],
  ): Promise<AuditEvent[]> {
    const rows = await this.db('model_audit_events')
      .where({ model_ref: modelRef })
      .whereIn('action', actions)
      .orderBy([
        { column: 'occurred_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toAuditEvent);
  }

  // ------------------------------------------------------------- versions

  private static toVersion(row: any): ModelVersion {
    return {
      modelRef: row.model_ref,
      version: row.version,
      artifactUri: row.artifact_uri,
      format: row.format ?? undefined,
      trainingRunUrl: row.training_run_url ?? undefined,
      datasets: parseJson(row.datasets, []),
      metrics: parseJson(row.metrics, []),
      signature: parseJson(row.signature, undefined),
      referenceProfile: parseJson(row.reference_profile, undefined),
      hasReferenceProfile:
        row.has_reference_profile === undefined
          ? row.reference_profile !== null
          : Boolean(Number(row.has_reference_profile)),
      evidence: parseJson(row.evidence, {}),
      publishedBy: row.published_by,
      publishedAt: toIso(row.published_at),
      deprecation: row.deprecated_at
        ? {
            at: toIso(row.deprecated_at),
            by: row.deprecated_by,
            reason: row.deprecation_reason ?? '',
          }
        : undefined,
    };
  }

  /**
   * Publishes a version. Publishing the same content again returns the stored
   * version (`created: false`); different content under the same version
   * string is a conflict.
   */
  async publishVersion(
    modelRef: string,
    input: PublishVersionInput,
    actor: string,
    at: string,
  ): Promise<{ version: ModelVersion; created: boolean }> {
    const contentHash = createHash('sha256')
      .update(canonicalJson(input))
      .digest('hex');
    return this.db.transaction(async trx => {
      const existing = await trx('model_versions')
        .where({ model_ref: modelRef, version: input.version })
        .first();
      if (existing) {
        if (existing.content_hash !== contentHash) {
          throw new ConflictError(
            `Version ${input.version} of ${modelRef} was already published with different content; publish a new version instead`,
          );
        }
        return {
          version: DatabaseModelHubStore.toVersion(existing),
          created: false,
        };
      }
      await trx('model_versions').insert({
        model_ref: modelRef,
        version: input.version,
        content_hash: contentHash,
        artifact_uri: input.artifactUri,
        format: input.format ?? null,
        training_run_url: input.trainingRunUrl ?? null,
        datasets: JSON.stringify(input.datasets),
        metrics: JSON.stringify(input.metrics),
        signature:
          input.signature === undefined
            ? null
            : JSON.stringify(input.signature),
        reference_profile:
          input.referenceProfile === undefined
            ? null
            : JSON.stringify(input.referenceProfile),
        evidence: JSON.stringify(input.evidence),
        published_by: actor,
        published_at: at,
      });
      await this.audit(
        trx,
        { modelRef, action: 'version.published', actor, at },
        {
          version: input.version,
          artifactUri: input.artifactUri,
          contentHash,
        },
      );
      const row = await trx('model_versions')
        .where({ model_ref: modelRef, version: input.version })
        .first();
      return { version: DatabaseModelHubStore.toVersion(row), created: true };
    });
  }

  async getVersion(
    modelRef: string,
    version: string,
  ): Promise<ModelVersion | undefined> {
    const row = await this.db('model_versions')
      .where({ model_ref: modelRef, version })
      .first();
    return row ? DatabaseModelHubStore.toVersion(row) : undefined;
  }

  async requireVersion(modelRef: string, version: string) {
    const found = await this.getVersion(modelRef, version);
    if (!found) {
      throw new NotFoundError(`${modelRef} has no version ${version}`);
    }
    return found;
  }

  async listVersions(
    modelRef: string,
    page: PageRequest,
  ): Promise<Page<ModelVersion>> {
    const { rows, totalItems } = await fetchPage(
      this.db('model_versions').where({ model_ref: modelRef }),
      'published_at',
      page,
    );
    return { totalItems, items: rows.map(DatabaseModelHubStore.toVersion) };
  }

  /**
   * Versions without their drift reference, which can be large: for
   * summaries over many versions that only need to know one exists.
   */
  async listVersionSummaries(
    modelRef: string,
    page: PageRequest,
  ): Promise<Page<ModelVersion>> {
    const columns = VERSION_COLUMNS.filter(c => c !== 'reference_profile');
    const { rows, totalItems } = await fetchPage(
      this.db('model_versions')
        .select(
          ...columns,
          this.db.raw(
            'case when reference_profile is null then 0 else 1 end as has_reference_profile',
          ),
        )
        .where({ model_ref: modelRef }),
      'published_at',
      page,
    );
    return { totalItems, items: rows.map(DatabaseModelHubStore.toVersion) };
  }

  async deprecateVersion(
    modelRef: string,
    version: string,
    reason: string,
    actor: string,
    at: string,
  ): Promise<ModelVersion> {
    return this.db.transaction(async trx => {
      const updated = await trx('model_versions')
        .where({ model_ref: modelRef, version })
        .update({
          deprecated_at: at,
          deprecated_by: actor,
          deprecation_reason: reason,
        });
      if (!updated) {
        throw new NotFoundError(`${modelRef} has no version ${version}`);
      }
      await this.audit(
        trx,
        { modelRef, action: 'version.deprecated', actor, at },
        { version, reason },
      );
      const row = await trx('model_versions')
        .where({ model_ref: modelRef, version })
        .first();
      return DatabaseModelHubStore.toVersion(row);
    });
  }

  /** Attaches evidence links to a version (merged with what it has). */
  private async attachEvidence(
    trx: Knex.Transaction,
    modelRef: string,
    version: string,
    evidence: Record<string, string>,
  ) {
    if (Object.keys(evidence).length === 0) return;
    const row = await trx('model_versions')
      .where({ model_ref: modelRef, version })
      .first();
    const merged = { ...parseJson(row.evidence, {}), ...evidence };
    await trx('model_versions')
      .where({ model_ref: modelRef, version })
      .update({ evidence: JSON.stringify(merged) });
  }

  // ---------------------------------------------- aliases and deployments

  /**
   * Points a name (an alias, or an environment) at a version and audits the
   * move with the version it pointed at before.
   */
  private async movePointer(
    pointer: (typeof POINTERS)[keyof typeof POINTERS],
    modelRef: string,
    name: string,
    version: string,
    actor: string,
    at: string,
  ) {
    await this.db.transaction(async trx => {
      const previous = await trx(pointer.table)
        .where({ model_ref: modelRef, [pointer.key]: name })
        .first();
      await trx(pointer.table)
        .insert({
          model_ref: modelRef,
          [pointer.key]: name,
          version,
          [pointer.by]: actor,
          [pointer.at]: at,
        })
        .onConflict(['model_ref', pointer.key])
        .merge();
      await this.audit(
        trx,
        { modelRef, action: pointer.action, actor, at },
        {
          [pointer.key]: name,
          version,
          previousVersion: previous?.version ?? null,
        },
      );
    });
  }

  async setAlias(
    modelRef: string,
    alias: string,
    version: string,
    actor: string,
    at: string,
  ): Promise<ModelAlias> {
    await this.movePointer(POINTERS.alias, modelRef, alias, version, actor, at);
    return { alias, version, updatedBy: actor, updatedAt: at };
  }

  async listAliases(modelRef: string): Promise<ModelAlias[]> {
    const rows = await this.db('model_aliases')
      .where({ model_ref: modelRef })
      .orderBy('alias');
    return rows.map(row => ({
      alias: row.alias,
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: toIso(row.updated_at),
    }));
  }

  async setDeployment(
    modelRef: string,
    environment: string,
    version: string,
    actor: string,
    at: string,
  ): Promise<ModelDeployment> {
    await this.movePointer(
      POINTERS.deployment,
      modelRef,
      environment,
      version,
      actor,
      at,
    );
    return { environment, version, deployedBy: actor, deployedAt: at };
  }

  async listDeployments(modelRef: string): Promise<ModelDeployment[]> {
    const rows = await this.db('model_deployments')
      .where({ model_ref: modelRef })
      .orderBy('environment');
    return rows.map(row => ({
      environment: row.environment,
      version: row.version,
      deployedBy: row.deployed_by,
      deployedAt: toIso(row.deployed_at),
    }));
  }

  // -------------------------------------------------------------- reviews

  private async loadReviews(rows: any[]): Promise<ModelReview[]> {
    if (rows.length === 0) return [];
    const decisions = await this.db('model_review_decisions')
      .whereIn(
        'review_id',
        rows.map(r => r.id),
      )
      .orderBy('id');
    return mapReviews(rows, decisions);
  }

  async createReview(
    review: Omit<
      ModelReview,
      'id' | 'decisions' | 'decidedAt' | 'expiresAt' | 'state'
    >,
    attachedEvidence: Record<string, string>,
  ): Promise<ModelReview> {
    const { modelRef, requestedBy: actor, requestedAt: at } = review;
    const id = await this.db.transaction(async trx => {
      await this.attachEvidence(
        trx,
        modelRef,
        review.version,
        attachedEvidence,
      );
      // A new request supersedes open requests for the same version.
      await trx('model_reviews')
        .where({ model_ref: modelRef, version: review.version })
        .whereIn('state', ['WAITING_FOR_APPROVAL', 'WAITING_FOR_FEEDBACK'])
        .update({ state: 'ABANDONED', decided_at: at });
      const inserted = await trx('model_reviews')
        .insert({
          model_ref: modelRef,
          version: review.version,
          state: 'WAITING_FOR_APPROVAL',
          risk_level: review.riskLevel,
          required_approvals: review.requiredApprovals,
          review_cadence_months: review.reviewCadenceMonths,
          required_evidence: JSON.stringify(review.requiredEvidence),
          comment: review.comment ?? null,
          requested_by: actor,
          requested_at: at,
        })
        .returning('id');
      const reviewId = insertedId(inserted);
      await this.audit(
        trx,
        { modelRef, action: 'review.requested', actor, at },
        {
          reviewId,
          version: review.version,
          riskLevel: review.riskLevel,
          requiredApprovals: review.requiredApprovals,
          requiredEvidence: review.requiredEvidence,
          attachedEvidence,
        },
      );
      return reviewId;
    });
    return (await this.getReview(modelRef, id))!;
  }

  async getReview(
    modelRef: string,
    id: string,
  ): Promise<ModelReview | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    const rows = await this.db('model_reviews').where({
      model_ref: modelRef,
      id: Number(id),
    });
    return (await this.loadReviews(rows))[0];
  }

  async listReviews(
    modelRef: string,
    page: PageRequest,
  ): Promise<Page<ModelReview>> {
    const { rows, totalItems } = await fetchPage(
      this.db('model_reviews').where({ model_ref: modelRef }),
      'id',
      page,
    );
    return { totalItems, items: await this.loadReviews(rows) };
  }

  /** The latest review of each version of a model, newest version first. */
  async latestReviewsByVersion(modelRef: string): Promise<ModelReview[]> {
    const rows = await this.db('model_reviews')
      .where({ model_ref: modelRef })
      .whereIn(
        'id',
        this.db('model_reviews')
          .max('id')
          .where({ model_ref: modelRef })
          .groupBy('version'),
      )
      .orderBy('id', 'desc');
    return this.loadReviews(rows);
  }

  /**
   * Records a decision and the review's resulting state in one transaction.
   * `decide` computes the new state from the decisions so far, inside the
   * transaction, so concurrent decisions cannot both miss the final approval.
   */
  async addReviewDecision(
    modelRef: string,
    reviewId: string,
    decision: ReviewDecisionRecord,
    decide: (review: ModelReview) => {
      state: GovernanceState;
      expiresAt?: string;
    },
  ): Promise<ModelReview> {
    await this.db.transaction(async trx => {
      await trx('model_review_decisions').insert({
        review_id: Number(reviewId),
        reviewer: decision.reviewer,
        decision: decision.decision,
        comment: decision.comment ?? null,
        decided_at: decision.decidedAt,
      });
      const rows = await trx('model_reviews').where({ id: Number(reviewId) });
      const decisions = await trx('model_review_decisions')
        .where({ review_id: Number(reviewId) })
        .orderBy('id');
      const [current] = mapReviews(rows, decisions);
      const outcome = decide(current);
      const final = outcome.state !== 'WAITING_FOR_APPROVAL';
      await trx('model_reviews')
        .where({ id: Number(reviewId) })
        .update({
          state: outcome.state,
          decided_at: final ? decision.decidedAt : null,
          expires_at: outcome.expiresAt ?? null,
        });
      await this.audit(
        trx,
        {
          modelRef,
          action: 'review.decided',
          actor: decision.reviewer,
          at: decision.decidedAt,
        },
        {
          reviewId,
          version: current.version,
          decision: decision.decision as ReviewDecision,
          comment: decision.comment,
          resultingState: outcome.state,
          expiresAt: outcome.expiresAt,
        },
      );
    });
    return (await this.getReview(modelRef, reviewId))!;
  }

  /** Approved reviews whose approval has expired by `now`. */
  async listExpiredApprovals(now: string): Promise<ModelReview[]> {
    const rows = await this.db('model_reviews')
      .where({ state: 'APPROVED' })
      .where('expires_at', '<=', now);
    return this.loadReviews(rows);
  }

  /** Turns an expired approval into REVIEW_OVERDUE, once. */
  async markReviewOverdue(
    review: ModelReview,
    actor: string,
    at: string,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const updated = await trx('model_reviews')
        .where({ id: Number(review.id), state: 'APPROVED' })
        .update({ state: 'REVIEW_OVERDUE', overdue_notified_at: at });
      if (updated) {
        await this.audit(
          trx,
          { modelRef: review.modelRef, action: 'review.overdue', actor, at },
          {
            reviewId: review.id,
            version: review.version,
            expiredAt: review.expiresAt,
          },
        );
      }
      return updated > 0;
    });
  }

  // ---------------------------------------------------------------- drift

  private static toDriftReport(row: any): DriftReportRecord {
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

  async insertDriftReport(
    report: Omit<DriftReportRecord, 'id'>,
  ): Promise<DriftReportRecord> {
    const id = await this.db.transaction(async trx => {
      const inserted = await trx('model_drift_reports')
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
      const reportId = insertedId(inserted);
      await this.audit(
        trx,
        {
          modelRef: report.modelRef,
          action: 'drift.reported',
          actor: report.submittedBy,
          at: report.createdAt,
        },
        {
          reportId,
          version: report.version,
          environment: report.environment,
          status: report.status,
          driftedShare: report.driftedShare,
        },
      );
      return reportId;
    });
    const row = await this.db('model_drift_reports')
      .where({ id: Number(id) })
      .first();
    return DatabaseModelHubStore.toDriftReport(row);
  }

  async listDriftReports(
    modelRef: string,
    filter: { environment?: string; from?: string; to?: string },
    page: PageRequest,
  ): Promise<Page<DriftReportRecord>> {
    let base = this.db('model_drift_reports').where({ model_ref: modelRef });
    if (filter.environment) {
      base = base.where({ environment: filter.environment });
    }
    if (filter.from) base = base.where('window_end', '>=', filter.from);
    if (filter.to) base = base.where('window_end', '<=', filter.to);
    const { rows, totalItems } = await fetchPage(base, 'window_end', page);
    return {
      totalItems,
      items: rows.map(DatabaseModelHubStore.toDriftReport),
    };
  }

  /** The latest report of each environment a model reported from. */
  async latestDriftReports(modelRef: string): Promise<DriftReportRecord[]> {
    const rows = await this.db('model_drift_reports')
      .where({ model_ref: modelRef })
      .whereIn(
        'id',
        this.db('model_drift_reports')
          .max('id')
          .where({ model_ref: modelRef })
          .groupBy('environment'),
      )
      .orderBy('environment');
    return rows.map(DatabaseModelHubStore.toDriftReport);
  }

  /** Latest reports (one per model and environment) older than `before`, not yet flagged stale. */
  async listStaleDriftCandidates(before: string): Promise<DriftReportRecord[]> {
    const latestIds = this.db('model_drift_reports')
      .max('id')
      .groupBy(['model_ref', 'environment']);
    const rows = await this.db('model_drift_reports')
      .whereIn('id', latestIds)
      .where('window_end', '<', before)
      .whereNull('stale_notified_at');
    return rows.map(DatabaseModelHubStore.toDriftReport);
  }

  async markDriftStale(
    report: DriftReportRecord,
    actor: string,
    at: string,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const updated = await trx('model_drift_reports')
        .where({ id: Number(report.id) })
        .whereNull('stale_notified_at')
        .update({ stale_notified_at: at });
      if (updated) {
        await this.audit(
          trx,
          { modelRef: report.modelRef, action: 'drift.stale', actor, at },
          {
            environment: report.environment,
            lastWindowEnd: report.windowEnd,
          },
        );
      }
      return updated > 0;
    });
  }

  // ------------------------------------------------------ policy override

  async getPolicyOverride(
    modelRef: string,
  ): Promise<PolicyOverride | undefined> {
    const row = await this.db('model_policy_overrides')
      .where({ model_ref: modelRef })
      .first();
    if (!row) return undefined;
    return {
      policy: parseJson(row.policy, {}),
      reason: row.reason,
      updatedBy: row.updated_by,
      updatedAt: toIso(row.updated_at),
    };
  }

  async setPolicyOverride(
    modelRef: string,
    override: PolicyOverride,
  ): Promise<PolicyOverride> {
    await this.db.transaction(async trx => {
      await trx('model_policy_overrides')
        .insert({
          model_ref: modelRef,
          policy: JSON.stringify(override.policy),
          reason: override.reason,
          updated_by: override.updatedBy,
          updated_at: override.updatedAt,
        })
        .onConflict('model_ref')
        .merge();
      await this.audit(
        trx,
        {
          modelRef,
          action: 'policy.overridden',
          actor: override.updatedBy,
          at: override.updatedAt,
        },
        { policy: override.policy, reason: override.reason },
      );
    });
    return override;
  }
}
