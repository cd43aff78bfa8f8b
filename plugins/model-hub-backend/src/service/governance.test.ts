import { ModelReview } from '../database/types';
import { effectiveGovernanceState, reviewOutcome } from './governance';

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
