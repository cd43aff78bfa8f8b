import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { EntityScorecard } from '../../api/ModelHubApi';

/** The Severe price model of a one-person team, as the catalog serves it. */
export const priceModel: Entity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'day-ahead-price-forecast',
    namespace: 'default',
    title: 'Day-ahead electricity price forecast',
  },
  spec: {
    type: 'regression',
    owner: 'group:default/energy-trading-analytics',
    system: 'system:default/energy-trading',
  },
};

/** A service that calls the price model. */
export const biddingService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bid-optimizer', namespace: 'default' },
  spec: { type: 'service', owner: 'energy-trading-analytics' },
  relations: [
    { type: 'dependsOn', targetRef: 'model:default/day-ahead-price-forecast' },
  ],
};

const EVALUATED = '2026-12-01T03:44:32.425Z';

/** The price model's scorecard as the backend computes it. */
export const priceScorecard: EntityScorecard = {
  entityRef: 'model:default/day-ahead-price-forecast',
  evaluatedAt: EVALUATED,
  passed: 2,
  failed: 4,
  passRate: 2 / 6,
  verdicts: [
    {
      checkId: 'model-owner-team-size',
      title: 'The owning team has at least two members',
      severity: 'error',
      result: 'fail',
      reason:
        'group:default/energy-trading-analytics has 1 member(s); at least 2 are needed',
      remedy:
        'Add a second maintainer to the owning group, and document the model so they can run it',
    },
    {
      checkId: 'model-approved-version',
      title: 'An approved version exists',
      severity: 'warning',
      result: 'pass',
      reason: 'Version 2.2.0 is approved',
    },
    {
      checkId: 'model-high-risk-fallback',
      title: 'High and Severe models have a fallback model',
      severity: 'error',
      result: 'fail',
      reason: 'A Severe model has no spec.fallbackModel',
      remedy:
        'Name a simpler model (or rules) in spec.fallbackModel and keep it serving',
    },
    {
      checkId: 'model-high-risk-drift-monitoring',
      title: 'High and Severe models have active drift monitoring',
      severity: 'error',
      result: 'pass',
      reason: 'Latest drift window ended 2026-12-01T03:00:00.000Z',
    },
    {
      checkId: 'model-card-complete',
      title: 'The model card is complete for the risk level',
      severity: 'error',
      result: 'fail',
      reason: "A Severe model's card needs tradeoffs, ethicalConsiderations",
      remedy:
        "Add tradeoffs, ethicalConsiderations to the model's catalog-info.yaml",
    },
    {
      checkId: 'model-risk-assessment-current',
      title: 'The risk assessment is present and reviewed within its cadence',
      severity: 'warning',
      result: 'fail',
      reason:
        'Assessed 2024-11-05; a Severe model is reassessed every 3 months (due 2025-02-05)',
      remedy:
        'Reassess the four risks with the model risk team and update spec.risk',
    },
    {
      checkId: 'model-unacceptable-retired',
      title: 'An unacceptable-risk model is retired',
      severity: 'error',
      result: 'not-applicable',
      reason: 'Not in the unacceptable category',
    },
  ],
  history: [
    {
      checkId: 'model-owner-team-size',
      result: 'fail',
      reason:
        'group:default/energy-trading-analytics has 1 member(s); at least 2 are needed',
      changedAt: '2026-11-28T09:12:00.000Z',
    },
    {
      checkId: 'model-owner-team-size',
      result: 'pass',
      reason: 'group:default/energy-trading-analytics has 2 members',
      changedAt: '2026-10-02T08:00:00.000Z',
    },
  ],
};

/** The backend's answer for an entity it has not evaluated. */
export async function notEvaluated(): Promise<never> {
  throw await responseError(
    404,
    'NotFoundError',
    'No scorecard for this entity',
  );
}

export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url: '/scorecards' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
