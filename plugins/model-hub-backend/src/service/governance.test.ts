import type { GovernanceState } from '@model-hub/backstage-plugin-model-hub-common';
import { ModelReview } from '../database/types';
import {
  effectiveGovernanceState,
  governingReview,
  reviewOutcome,
  tightenedTerms,
} from './governance';

function review(overrides: Partial<ModelReview>): ModelReview {
  return {
    id: '1',
    modelRef: 'model:default/m',
    version: '1.0.0',
    state: 'WAITING_FOR_APPROVAL',
    riskLevel: 'Severe',
    requiredApprovals: 2,
    reviewCadenceMonths: 3,
    requiredEvidence: [],
    attachedEvidence: {},
    requestedBy: 'user:default/dana',
    requestedAt: '2026-01-01T00:00:00.000Z',
    decisions: [],
    ...overrides,
  };
}

const at = new Date('2026-05-31T12:00:00.000Z');
const approve = (reviewer: string) => ({
  reviewer,
  decision: 'APPROVED' as const,
  decidedAt: at.toISOString(),
});

describe('reviewOutcome', () => {
  it('waits until the policy number of distinct approvers approved', () => {
    expect(reviewOutcome(review({ decisions: [approve('a')] }), at)).toEqual({
      state: 'WAITING_FOR_APPROVAL',
    });
    // The same reviewer approving twice still counts once.
    expect(
      reviewOutcome(review({ decisions: [approve('a'), approve('a')] }), at)
        .state,
    ).toBe('WAITING_FOR_APPROVAL');
    expect(
      reviewOutcome(review({ decisions: [approve('a'), approve('b')] }), at),
    ).toEqual({
      state: 'APPROVED',
      // 31 May + 3 months clamps to 31 August
      expiresAt: '2026-08-31T12:00:00.000Z',
    });
  });

  it('rejects on any rejection and returns to the publisher on requested changes', () => {
    const reject = { ...approve('b'), decision: 'REJECTED' as const };
    const changes = {
      ...approve('b'),
      decision: 'CHANGES_REQUESTED' as const,
    };
    expect(
      reviewOutcome(review({ decisions: [approve('a'), reject] }), at).state,
    ).toBe('REJECTED');
    expect(
      reviewOutcome(review({ decisions: [approve('a'), changes] }), at).state,
    ).toBe('WAITING_FOR_FEEDBACK');
  });
});

describe('effectiveGovernanceState', () => {
  it('shows an expired approval as overdue', () => {
    const approved = review({
      state: 'APPROVED',
      expiresAt: '2026-08-31T12:00:00.000Z',
    });
    expect(effectiveGovernanceState(undefined, at)).toBe('NOT_STARTED');
    expect(effectiveGovernanceState(approved, at)).toBe('APPROVED');
    expect(
      effectiveGovernanceState(approved, new Date('2026-08-31T12:00:00.000Z')),
    ).toBe('REVIEW_OVERDUE');
  });
});

describe('governingReview', () => {
  type Row = { id: string; state: GovernanceState };
  const approved: Row = { id: '1', state: 'APPROVED' };
  it('keeps an approval counting while its renewal is open or superseded', () => {
    for (const state of [
      'WAITING_FOR_APPROVAL',
      'WAITING_FOR_FEEDBACK',
      'ABANDONED',
    ] as const) {
      expect(governingReview<Row>({ id: '2', state }, approved)).toBe(approved);
    }
  });
  it('lets a decided renewal govern, and an open request after a rejection', () => {
    const rejected: Row = { id: '2', state: 'REJECTED' };
    expect(governingReview<Row>(rejected, rejected)).toBe(rejected);
    const open: Row = { id: '3', state: 'WAITING_FOR_APPROVAL' };
    expect(governingReview<Row>(open, rejected)).toBe(open);
    expect(governingReview<Row>(open, undefined)).toBe(open);
    expect(governingReview<Row>(undefined, undefined)).toBeUndefined();
  });
});

describe('approvals bound to their terms', () => {
  const underLow = review({
    state: 'APPROVED',
    riskLevel: 'Low',
    requiredApprovals: 1,
    requiredEvidence: ['modelCard', 'owner'],
    reviewCadenceMonths: 24,
    expiresAt: '2027-01-01T00:00:00.000Z',
  });
  const terms = {
    riskLevel: 'Low' as const,
    requiredApprovals: 1,
    requiredEvidence: ['modelCard' as const, 'owner' as const],
    reviewCadenceMonths: 24,
  };

  it('keeps an approval while the terms are the same or less strict', () => {
    expect(effectiveGovernanceState(underLow, at, terms)).toBe('APPROVED');
    expect(
      effectiveGovernanceState(underLow, at, {
        ...terms,
        requiredEvidence: ['owner'],
        reviewCadenceMonths: 36,
      }),
    ).toBe('APPROVED');
  });

  it('requires reapproval when the risk level or the policy became stricter', () => {
    const stricter = [
      { ...terms, riskLevel: 'High' as const },
      { ...terms, requiredApprovals: 2 },
      {
        ...terms,
        requiredEvidence: [...terms.requiredEvidence, 'fallbackModel' as const],
      },
      { ...terms, reviewCadenceMonths: 6 },
    ];
    for (const now of stricter) {
      expect(tightenedTerms(underLow, now)).toBeDefined();
      expect(effectiveGovernanceState(underLow, at, now)).toBe(
        'REAPPROVAL_REQUIRED',
      );
    }
    expect(tightenedTerms(underLow, stricter[0])).toMatch(
      /risk level is High; it was approved as Low/,
    );
  });
});
