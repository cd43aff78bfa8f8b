import { Knex } from 'knex';
import { AuditStore } from './AuditStore';
import {
  AuditAction,
  AuditEvent,
  NewAuditEvent,
  Page,
  PageRequest,
} from './types';
import { fetchPage, parseJson, toIso } from './util';

const TABLE = 'model_audit_events';

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

export class DatabaseAuditStore implements AuditStore {
  constructor(
    private readonly db: Knex,
    /** Told of each appended event's model (its revision is raised). */
    private readonly onAppended?: (modelRef: string) => Promise<void>,
  ) {}

  async append(event: NewAuditEvent): Promise<void> {
    await this.db(TABLE).insert({
      model_ref: event.modelRef,
      action: event.action,
      actor: event.actor,
      occurred_at: event.occurredAt,
      payload: JSON.stringify(event.payload ?? {}),
    });
    await this.onAppended?.(event.modelRef);
  }

  async list(modelRef: string, page: PageRequest): Promise<Page<AuditEvent>> {
    // Newest first in the order the database recorded them: writes to one
    // model take turns under row locks, so this is the order they took
    // effect in, whatever the clocks of the replicas that made them say.
    const { rows, totalItems } = await fetchPage(
      this.db(TABLE).select('*').where({ model_ref: modelRef }),
      'id',
      page,
    );
    return { totalItems, items: rows.map(toAuditEvent) };
  }

  async listByAction(
    modelRef: string,
    actions: AuditAction[],
  ): Promise<AuditEvent[]> {
    const rows = await this.db(TABLE)
      .where({ model_ref: modelRef })
      .whereIn('action', actions)
      .orderBy([
        { column: 'occurred_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toAuditEvent);
  }
}
