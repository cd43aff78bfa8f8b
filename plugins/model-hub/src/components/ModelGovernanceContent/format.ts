import { isError, type ResponseError } from '@backstage/errors';
import {
  EVIDENCE_DEFINITIONS,
  type EvidenceKind,
  type GovernanceState,
} from '@model-hub/backstage-plugin-model-hub-common';
import { governanceLabel } from '../StatusChips';
import type { AuditEvent, ReviewDecision } from '../../api/ModelHubApi';

/*
 * Words for what the backend returns as codes and timestamps, shared by the
 * Governance tab's components.
 */

/** A timestamp as `2026-11-20 10:00 UTC`: the same for every viewer. */
export function formatTime(timestamp: string | undefined): string {
  if (!timestamp) return '—';
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const DECISION_LABELS: Record<ReviewDecision, string> = {
  APPROVED: 'Approved',
  CHANGES_REQUESTED: 'Changes requested',
  REJECTED: 'Rejected',
};

export function evidenceTitle(kind: string): string {
  return EVIDENCE_DEFINITIONS[kind as EvidenceKind]?.title ?? kind;
}

type AuditAction = AuditEvent['action'];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'version.published': 'Version published',
  'version.deprecated': 'Version deprecated',
  'alias.moved': 'Alias moved',
  'deployment.recorded': 'Deployment recorded',
  'review.requested': 'Review requested',
  'review.decided': 'Review decision',
  'review.overdue': 'Review overdue',
  'review.outdated': 'Reapproval required',
  'drift.reported': 'Drift reported',
  'drift.stale': 'Drift reports stale',
  'policy.overridden': 'Policy overridden',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action;
}

const MAX_SUMMARY = 200;

function truncate(text: string): string {
  return text.length > MAX_SUMMARY
    ? `${text.slice(0, MAX_SUMMARY - 1)}…`
    : text;
}

/**
 * One line about what an audit event changed. The payload's fields depend on
 * the action (see the backend's services); unknown shapes fall back to JSON.
 */
export function summarizeAuditEvent(event: AuditEvent): string {
  const payload =
    event.payload && typeof event.payload === 'object'
      ? (event.payload as Record<string, unknown>)
      : {};
  const text = (key: string) => {
    const value = payload[key];
    return value === undefined || value === null || value === ''
      ? undefined
      : String(value);
  };
  const version = text('version');
  switch (event.action) {
    case 'version.published':
      return truncate(
        `Version ${version ?? '?'}${
          text('artifactUri') ? ` (${text('artifactUri')})` : ''
        }`,
      );
    case 'version.deprecated':
      return truncate(
        `Version ${version ?? '?'}${
          text('reason') ? `: ${text('reason')}` : ''
        }`,
      );
    case 'alias.moved':
      return truncate(
        `${text('alias') ?? '?'} → ${version ?? '?'} (was ${
          text('previousVersion') ?? 'unset'
        })`,
      );
    case 'deployment.recorded':
      return truncate(
        `${version ?? '?'} in ${text('environment') ?? '?'} (was ${
          text('previousVersion') ?? 'none'
        })`,
      );
    case 'review.requested': {
      const approvals = text('requiredApprovals');
      return truncate(
        `Review of ${version ?? '?'}${
          approvals
            ? `, ${approvals} approval${approvals === '1' ? '' : 's'} required`
            : ''
        }`,
      );
    }
    case 'review.decided': {
      const decision = text('decision');
      const resulting = text('resultingState');
      const comment = text('comment');
      return truncate(
        `${
          decision
            ? DECISION_LABELS[decision as ReviewDecision] ?? decision
            : 'Decision'
        } on ${version ?? '?'}${
          resulting
            ? ` → ${governanceLabel(
                resulting as GovernanceState,
              ).toLowerCase()}`
            : ''
        }${comment ? `: “${comment}”` : ''}`,
      );
    }
    case 'review.overdue':
      return truncate(
        `Approval of ${version ?? '?'} expired ${formatTime(
          text('expiredAt'),
        )}`,
      );
    case 'review.outdated':
      return truncate(
        `Approval of ${
          version ?? '?'
        } no longer counts: the risk level or policy became stricter`,
      );
    case 'drift.reported': {
      const share = payload.driftedShare;
      return truncate(
        `${text('environment') ?? '?'}: ${text('status') ?? '?'}${
          typeof share === 'number'
            ? ` (${Math.round(share * 100)}% of columns drifted)`
            : ''
        }${version ? `, version ${version}` : ''}`,
      );
    }
    case 'drift.stale':
      return truncate(
        `${text('environment') ?? '?'}: no report since ${formatTime(
          text('lastWindowEnd'),
        )}`,
      );
    case 'policy.overridden': {
      const policy =
        payload.policy && typeof payload.policy === 'object'
          ? (payload.policy as Record<string, unknown>)
          : {};
      const parts = Object.entries(policy).map(([key, value]) =>
        Array.isArray(value)
          ? `${key}: ${value.join(', ')}`
          : `${key}: ${String(value)}`,
      );
      return truncate(
        `${parts.join('; ') || 'Policy changed'}${
          text('reason') ? ` — ${text('reason')}` : ''
        }`,
      );
    }
    default:
      return truncate(JSON.stringify(event.payload ?? {}));
  }
}

/**
 * The message to show for a failed call: the backend's own message from a
 * ResponseError body (e.g. the four-eyes refusal), else the error's message.
 */
export function errorMessage(error: unknown): string {
  if (isError(error)) {
    const body = (error as Partial<ResponseError>).body;
    return body?.error?.message || error.message;
  }
  return String(error);
}
