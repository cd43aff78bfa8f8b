import {
  AuditAction,
  AuditEvent,
  NewAuditEvent,
  Page,
  PageRequest,
} from './types';

/** The append-only audit trail of models. */
export interface AuditStore {
  append(event: NewAuditEvent): Promise<void>;

  /** A page of a model's events, newest first. */
  list(modelRef: string, page: PageRequest): Promise<Page<AuditEvent>>;

  /** All events of some actions, oldest first (for operations metrics). */
  listByAction(modelRef: string, actions: AuditAction[]): Promise<AuditEvent[]>;
}
