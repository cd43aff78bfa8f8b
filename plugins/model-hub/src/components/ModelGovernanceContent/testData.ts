import { ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import type {
  AuditEvent,
  ModelGovernance,
  ModelReview,
} from '../../api/ModelHubApi';

/*
 * Realistic data for the Governance tab's tests: a severe-risk credit model
 * whose version 3.2.0 waits for its second approval, published by Dana.
 */

export const model: Entity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'credit-scoring-pd', namespace: 'default' },
  spec: { type: 'classification', owner: 'group:default/credit-risk' },
};

export const modelRef = 'model:default/credit-scoring-pd';

export const publisher = 'user:default/dana';
export const requester = 'user:default/ravi';
export const reviewer = 'user:default/mia';

export const governance: ModelGovernance = {
  modelRef,
  riskLevel: 'Severe',
  regulatoryCategory: 'high',
  policy: {
    evidence: ['modelCard', 'independentValidation'],
    approvals: 2,
    reviewCadenceMonths: 3,
  },
  status: 'WAITING_FOR_APPROVAL',
  latestApprovedVersion: '3.1.0',
  versions: [
    {
      version: '3.2.0',
      publishedBy: publisher,
      publishedAt: '2026-11-20T10:00:00.000Z',
      deprecated: false,
      state: 'WAITING_FOR_APPROVAL',
      reviewId: '7',
      evidence: {
        complete: false,
        items: [
          {
            kind: 'modelCard',
            title: 'Model card (description, intended use, limitations)',
            source: 'derived',
            complete: true,
            reference: 'catalog entity (description, intended use)',
          },
          {
            kind: 'independentValidation',
            title: 'Independent validation report',
            source: 'attached',
            complete: false,
          },
        ],
      },
    },
    {
      version: '3.1.0',
      publishedBy: publisher,
      publishedAt: '2026-08-01T10:00:00.000Z',
      deprecated: false,
      state: 'APPROVED',
      expiresAt: '2026-12-01T10:00:00.000Z',
      reviewId: '5',
      evidence: {
        complete: true,
        items: [
          {
            kind: 'modelCard',
            title: 'Model card (description, intended use, limitations)',
            source: 'derived',
            complete: true,
            reference: 'catalog entity (description, intended use)',
          },
          {
            kind: 'independentValidation',
            title: 'Independent validation report',
            source: 'attached',
            complete: true,
            reference: 'https://confluence.example.com/validation/pd-3.1.0',
          },
        ],
      },
    },
  ],
};

/** The open review of 3.2.0: one approval of the two it needs. */
export const openReview: ModelReview = {
  id: '7',
  modelRef,
  version: '3.2.0',
  state: 'WAITING_FOR_APPROVAL',
  riskLevel: 'Severe',
  requiredApprovals: 2,
  reviewCadenceMonths: 3,
  requiredEvidence: ['modelCard', 'independentValidation'],
  attachedEvidence: {},
  comment: 'Retrained on Q3 applications',
  requestedBy: requester,
  requestedAt: '2026-11-21T09:00:00.000Z',
  decisions: [
    {
      reviewer: 'user:default/li',
      decision: 'APPROVED',
      comment: 'Backtesting within tolerance',
      decidedAt: '2026-11-22T14:30:00.000Z',
    },
  ],
};

/** The approved review of 3.1.0, after changes were requested once. */
export const approvedReview: ModelReview = {
  id: '5',
  modelRef,
  version: '3.1.0',
  state: 'APPROVED',
  riskLevel: 'Severe',
  requiredApprovals: 2,
  reviewCadenceMonths: 3,
  requiredEvidence: ['modelCard', 'independentValidation'],
  attachedEvidence: {},
  requestedBy: publisher,
  requestedAt: '2026-08-02T08:00:00.000Z',
  decidedAt: '2026-09-01T10:00:00.000Z',
  expiresAt: '2026-12-01T10:00:00.000Z',
  decisions: [
    {
      reviewer: 'user:default/li',
      decision: 'APPROVED',
      comment: 'Validation report reviewed',
      decidedAt: '2026-08-20T11:00:00.000Z',
    },
    {
      reviewer: reviewer,
      decision: 'APPROVED',
      decidedAt: '2026-09-01T10:00:00.000Z',
    },
  ],
};

export const auditEvents: AuditEvent[] = [
  {
    id: '42',
    modelRef,
    action: 'review.decided',
    actor: 'user:default/li',
    occurredAt: '2026-11-22T14:30:00.000Z',
    payload: {
      reviewId: '7',
      version: '3.2.0',
      decision: 'APPROVED',
      comment: 'Backtesting within tolerance',
      resultingState: 'WAITING_FOR_APPROVAL',
    },
  },
  {
    id: '41',
    modelRef,
    action: 'review.requested',
    actor: requester,
    occurredAt: '2026-11-21T09:00:00.000Z',
    payload: {
      reviewId: '7',
      version: '3.2.0',
      riskLevel: 'Severe',
      requiredApprovals: 2,
      requiredEvidence: ['modelCard', 'independentValidation'],
      attachedEvidence: {},
    },
  },
  {
    id: '40',
    modelRef,
    action: 'version.published',
    actor: publisher,
    occurredAt: '2026-11-20T10:00:00.000Z',
    payload: {
      version: '3.2.0',
      artifactUri: 's3://models/credit-scoring-pd/3.2.0',
      contentHash: 'sha256:9f2c',
    },
  },
  {
    id: '39',
    modelRef,
    action: 'deployment.recorded',
    actor: 'user:default/ci-bot',
    occurredAt: '2026-09-02T07:00:00.000Z',
    payload: {
      environment: 'production',
      version: '3.1.0',
      previousVersion: '3.0.2',
    },
  },
  {
    id: '38',
    modelRef,
    action: 'drift.reported',
    actor: 'user:default/drift-monitor',
    occurredAt: '2026-09-01T23:00:00.000Z',
    payload: {
      reportId: '12',
      version: '3.0.2',
      environment: 'production',
      status: 'drift',
      driftedShare: 0.25,
    },
  },
  {
    id: '37',
    modelRef,
    action: 'policy.overridden',
    actor: 'user:default/risk-office',
    occurredAt: '2026-07-15T12:00:00.000Z',
    payload: {
      policy: { approvals: 2, reviewCadenceMonths: 3 },
      reason: 'Model risk committee decision MRC-2026-07',
    },
  },
];

/** A refusal as the backend sends it, e.g. 409 Conflict or 403 Forbidden. */
export function backendError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/decisions' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 409 ? 'Conflict' : 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}
