import type {
  EvidenceItem,
  GovernanceState,
} from '@model-hub/backstage-plugin-model-hub-common';
import { Knex } from 'knex';
import { ReviewStore } from './ReviewStore';
import {
  GoverningReview,
  ModelReview,
  NewReview,
  Page,
  PageRequest,
  ReviewDecisionRecord,
} from './types';
import { fetchPage, insertedId, optionalIso, parseJson, toIso } from './util';
import { governingReview, OPEN_REVIEW_STATES } from '../service/governance';

const REVIEWS = 'model_reviews';
const DECISIONS = 'model_review_decisions';
/** States in which a review can still take decisions or feedback. */
const OPEN_STATES = OPEN_REVIEW_STATES;

/**
 * The governing review row of each version matching `scope` (see
 * `governingReview`): the latest review, or the approval an open or
 * superseded renewal leaves standing. Two grouped lookups and one read.
 */
export async function governingReviewRows(
  db: Knex,
  scope: (query: Knex.QueryBuilder) => void,
  columns: string[] = ['*'],
): Promise<any[]> {
  const latest = db(REVIEWS)
    .max('id')
    .modify(scope)
    .groupBy(['model_ref', 'version']);
  const lastDecided = db(REVIEWS)
    .max('id')
    .modify(scope)
    .whereNotIn('state', [...OPEN_STATES, 'ABANDONED'])
    .groupBy(['model_ref', 'version']);
  const rows = await db(REVIEWS)
    .select(columns)
    // The scope again outside: without it PostgreSQL walks every review of
    // every model by id and filters.
    .modify(scope)
    .where(q => q.whereIn('id', latest).orWhereIn('id', lastDecided))
    .orderBy('id', 'desc');
  // Newest first: the first row of a version is its latest review.
  const byVersion = new Map<string, { latest: any; lastDecided?: any }>();
  for (const row of rows) {
    const key = `${row.model_ref}\u0000${row.version}`;
    const seen = byVersion.get(key);
    if (!seen) {
      byVersion.set(key, {
        latest: row,
        lastDecided:
          OPEN_STATES.includes(row.state) || row.state === 'ABANDONED'
            ? undefined
            : row,
      });
    } else if (!seen.lastDecided) {
      seen.lastDecided = row;
    }
  }
  return [...byVersion.values()]
    .map(({ latest: l, lastDecided: d }) => governingReview(l, d))
    .sort((a, b) => Number(b.id) - Number(a.id));
}

function toReview(row: any, decisions: any[]): ModelReview {
  return {
    ...toGoverningReview(row),
    decisions: decisions
      .filter(d => String(d.review_id) === String(row.id))
      .map(d => ({
        reviewer: d.reviewer,
        decision: d.decision,
        comment: d.comment ?? undefined,
        decidedAt: toIso(d.decided_at),
      })),
  };
}

/** A review without its decisions: what its state and terms need. */
function toGoverningReview(row: any): GoverningReview {
  return {
    id: String(row.id),
    modelRef: row.model_ref,
    version: row.version,
    state: row.state,
    riskLevel: row.risk_level,
    requiredApprovals: Number(row.required_approvals),
    reviewCadenceMonths: Number(row.review_cadence_months),
    requiredEvidence: parseJson(row.required_evidence, []),
    attachedEvidence: parseJson(row.attached_evidence, {}),
    evidenceAtDecision: row.evidence_at_decision
      ? parseJson(row.evidence_at_decision, [])
      : undefined,
    comment: row.comment ?? undefined,
    requestedBy: row.requested_by,
    requestedOnBehalfOf: row.requested_on_behalf_of ?? undefined,
    requestedAt: toIso(row.requested_at),
    decidedAt: optionalIso(row.decided_at),
    expiresAt: optionalIso(row.expires_at),
  };
}

export class DatabaseReviewStore implements ReviewStore {
  constructor(private readonly db: Knex) {}

  /** Loads the decisions of review rows, in the order they were taken. */
  private async withDecisions(rows: any[]): Promise<ModelReview[]> {
    if (rows.length === 0) return [];
    const decisions = await this.db(DECISIONS)
      .whereIn(
        'review_id',
        rows.map(r => r.id),
      )
      .orderBy('id');
    return rows.map(row => toReview(row, decisions));
  }

  async create(review: NewReview): Promise<ModelReview> {
    const inserted = await this.db(REVIEWS)
      .insert({
        model_ref: review.modelRef,
        version: review.version,
        state: 'WAITING_FOR_APPROVAL',
        risk_level: review.riskLevel,
        required_approvals: review.requiredApprovals,
        review_cadence_months: review.reviewCadenceMonths,
        required_evidence: JSON.stringify(review.requiredEvidence),
        attached_evidence: JSON.stringify(review.attachedEvidence),
        comment: review.comment ?? null,
        requested_by: review.requestedBy,
        requested_on_behalf_of: review.requestedOnBehalfOf ?? null,
        requested_at: review.requestedAt,
      })
      .returning('id');
    return (await this.get(review.modelRef, insertedId(inserted)))!;
  }

  async get(
    modelRef: string,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<ModelReview | undefined> {
    // Ids come from URLs; anything but a number is simply not found.
    if (!/^\d+$/.test(id)) return undefined;
    let query = this.db(REVIEWS).where({ model_ref: modelRef, id: Number(id) });
    // A no-op on SQLite, where knex leaves the lock clause out.
    if (options?.forUpdate) query = query.forUpdate();
    return (await this.withDecisions(await query))[0];
  }

  async list(modelRef: string, page: PageRequest): Promise<Page<ModelReview>> {
    const { rows, totalItems } = await fetchPage(
      this.db(REVIEWS).select('*').where({ model_ref: modelRef }),
      'id',
      page,
    );
    return { totalItems, items: await this.withDecisions(rows) };
  }

  async governingByVersion(
    modelRef: string,
    version?: string,
  ): Promise<GoverningReview[]> {
    const rows = await governingReviewRows(this.db, q => {
      q.where({ model_ref: modelRef });
      if (version !== undefined) q.where({ version });
    });
    // Which review governs, its state and terms: its decisions are not read.
    return rows.map(toGoverningReview);
  }

  async openRequesters(modelRef: string): Promise<string[]> {
    const rows = await this.db(REVIEWS)
      .distinct('requested_by', 'requested_on_behalf_of')
      .where({ model_ref: modelRef })
      .whereIn('state', OPEN_STATES);
    return [
      ...new Set(
        rows.flatMap(r =>
          [r.requested_by, r.requested_on_behalf_of].filter(Boolean),
        ),
      ),
    ];
  }

  async listByState(
    modelRef: string,
    version: string,
    states: GovernanceState[],
  ): Promise<ModelReview[]> {
    const rows = await this.db(REVIEWS)
      .where({ model_ref: modelRef, version })
      .whereIn('state', states)
      .orderBy('id');
    return this.withDecisions(rows);
  }

  async abandonOpen(
    modelRef: string,
    version: string,
    at: string,
  ): Promise<string[]> {
    const open = () =>
      this.db(REVIEWS)
        .where({ model_ref: modelRef, version })
        .whereIn('state', OPEN_STATES);
    // FOR UPDATE waits for a concurrent decision on these rows and then
    // re-checks the state (PostgreSQL), so a review it closed is skipped.
    const ids = (await open().select('id').forUpdate()).map(row => row.id);
    if (ids.length === 0) return [];
    await open()
      .whereIn('id', ids)
      .update({ state: 'ABANDONED', decided_at: at, expires_at: null });
    return ids.map(String);
  }

  async addDecision(
    reviewId: string,
    decision: ReviewDecisionRecord,
  ): Promise<void> {
    await this.db(DECISIONS).insert({
      review_id: Number(reviewId),
      reviewer: decision.reviewer,
      decision: decision.decision,
      comment: decision.comment ?? null,
      decided_at: decision.decidedAt,
    });
  }

  async updateState(
    reviewId: string,
    update: {
      state: GovernanceState;
      decidedAt?: string;
      expiresAt?: string;
      evidenceAtDecision?: EvidenceItem[];
    },
  ): Promise<void> {
    await this.db(REVIEWS)
      .where({ id: Number(reviewId) })
      .update({
        state: update.state,
        decided_at: update.decidedAt ?? null,
        expires_at: update.expiresAt ?? null,
        evidence_at_decision: update.evidenceAtDecision
          ? JSON.stringify(update.evidenceAtDecision)
          : null,
      });
  }

  async listActionable(options: {
    openStates: GovernanceState[];
    approvalsExpiringBy: string;
    limit: number;
    afterId?: string;
  }): Promise<ModelReview[]> {
    const rows = await this.db(REVIEWS)
      .modify(q => {
        if (options.afterId) q.where('id', '>', Number(options.afterId));
      })
      .whereIn(
        'id',
        this.db(REVIEWS).max('id').groupBy(['model_ref', 'version']),
      )
      .where(q =>
        q
          .whereIn('state', [...options.openStates, 'REVIEW_OVERDUE'])
          .orWhere(approved =>
            approved
              .where({ state: 'APPROVED' })
              .where('expires_at', '<=', options.approvalsExpiringBy),
          ),
      )
      .orderBy('id')
      .limit(options.limit);
    return this.withDecisions(rows);
  }

  async listExpiredApprovals(now: string): Promise<ModelReview[]> {
    const rows = await this.db(REVIEWS)
      .where({ state: 'APPROVED' })
      .where('expires_at', '<=', now);
    return this.withDecisions(rows);
  }

  async markOutdatedNotified(reviewId: string, at: string): Promise<boolean> {
    const updated = await this.db(REVIEWS)
      .where({ id: Number(reviewId), state: 'APPROVED' })
      .whereNull('outdated_notified_at')
      .update({ outdated_notified_at: at });
    return updated > 0;
  }

  async markOverdue(reviewId: string, at: string): Promise<boolean> {
    // The state check makes concurrent schedulers mark (and notify) once.
    const updated = await this.db(REVIEWS)
      .where({ id: Number(reviewId), state: 'APPROVED' })
      .update({ state: 'REVIEW_OVERDUE', overdue_notified_at: at });
    return updated > 0;
  }
}
