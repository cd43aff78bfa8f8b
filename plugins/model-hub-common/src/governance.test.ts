import {
  addMonths,
  DEFAULT_GOVERNANCE_POLICY,
  evaluateEvidence,
  governancePolicyForModel,
} from './governance';

describe('governancePolicyForModel', () => {
  it('asks more evidence and approvals as the risk level rises', () => {
    const low = governancePolicyForModel(DEFAULT_GOVERNANCE_POLICY, 'Low');
    const medium = governancePolicyForModel(
      DEFAULT_GOVERNANCE_POLICY,
      'Medium',
    );
    const high = governancePolicyForModel(DEFAULT_GOVERNANCE_POLICY, 'High');
    const severe = governancePolicyForModel(
      DEFAULT_GOVERNANCE_POLICY,
      'Severe',
    );
    expect(low.evidence).toEqual(['modelCard', 'owner']);
    expect(medium.evidence).toEqual([
      'modelCard',
      'owner',
      'evaluationReport',
      'driftMonitoring',
    ]);
    expect(high.evidence).toEqual(
      expect.arrayContaining([
        'independentValidation',
        'fairnessEvaluation',
        'fallbackModel',
      ]),
    );
    expect(severe.evidence).toEqual(
      expect.arrayContaining(['humanOversightPlan', 'technicalDocumentation']),
    );
    expect([low, medium, high, severe].map(p => p.approvals)).toEqual([
      1, 1, 1, 2,
    ]);
    expect([low, medium, high, severe].map(p => p.reviewCadenceMonths)).toEqual(
      [24, 12, 6, 3],
    );
  });

  it('applies EU AI Act high-risk demands to a model of any level', () => {
    const policy = governancePolicyForModel(
      DEFAULT_GOVERNANCE_POLICY,
      'Medium',
      'high',
    );
    expect(policy.approvals).toBe(2);
    expect(policy.evidence).toContain('humanOversightPlan');
    expect(policy.evidence).toContain('technicalDocumentation');
    expect(policy.reviewCadenceMonths).toBe(6);
    // limited-risk models keep their level's policy
    expect(
      governancePolicyForModel(DEFAULT_GOVERNANCE_POLICY, 'Medium', 'limited'),
    ).toEqual(DEFAULT_GOVERNANCE_POLICY.levels.Medium);
  });
});

describe('evaluateEvidence', () => {
  it('lists required evidence and is complete only when all is present', () => {
    const partial = evaluateEvidence(['modelCard', 'owner'], {
      owner: 'group:default/credit-risk',
    });
    expect(partial.complete).toBe(false);
    expect(partial.items.map(i => [i.kind, i.complete])).toEqual([
      ['modelCard', false],
      ['owner', true],
    ]);
    expect(
      evaluateEvidence(['owner'], { owner: 'group:default/x', modelCard: 'y' })
        .complete,
    ).toBe(true);
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths(new Date('2026-08-31T10:00:00Z'), 6).toISOString()).toBe(
      '2027-02-28T10:00:00.000Z',
    );
    expect(addMonths(new Date('2026-01-15T00:00:00Z'), 24).toISOString()).toBe(
      '2028-01-15T00:00:00.000Z',
    );
  });
});
