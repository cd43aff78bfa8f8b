import {
  DEFAULT_GOVERNANCE_POLICY,
  ModelEntity,
} from '@model-hub/backstage-plugin-model-hub-common';
import { modelEntity } from '../__testUtils__/entities';
import { ModelSummary } from '../service/modelSummary';
import { MODEL_CHECKS, SERVICE_CHECKS } from './builtInChecks';
import { DEFAULT_MODEL_CARD_FIELDS } from './config';
import { GoldenPathThresholds, ModelFacts, ServiceFacts } from './facts';

const now = new Date('2026-12-01T12:00:00Z');
const thresholds: GoldenPathThresholds = {
  minOwnerTeamSize: 2,
  driftReportMaxAgeMs: 48 * 3600_000,
  modelCardFields: DEFAULT_MODEL_CARD_FIELDS,
};
const approved: ModelSummary = {
  governanceStatus: 'APPROVED',
  latestApprovedVersion: '3.2.0',
  approvedVersions: ['3.2.0', '3.1.0'],
  driftStatus: 'ok',
  drift: [
    {
      environment: 'production',
      version: '3.2.0',
      status: 'ok',
      driftedShare: 0,
      windowEnd: '2026-11-30T00:00:00.000Z',
    },
  ],
  deployments: [],
};

function model(
  overrides: Parameters<typeof modelEntity>[1] = {},
  spec: Record<string, unknown> = {},
): ModelEntity {
  const entity = modelEntity('credit-scoring-pd', overrides);
  return { ...entity, spec: { ...entity.spec, ...spec } } as ModelEntity;
}
const high = { wrongPrediction: { likelihood: 4, impact: 4 } };

function facts(overrides: Partial<ModelFacts> = {}): ModelFacts {
  return {
    entity: model(),
    riskLevel: 'Low',
    policy: DEFAULT_GOVERNANCE_POLICY.levels.Low,
    ownerMembers: 3,
    summary: approved,
    latestDriftWindowEnd: '2026-12-01T00:00:00Z',
    now,
    ...overrides,
  };
}

const check = (id: string) => {
  const found = [...MODEL_CHECKS, ...SERVICE_CHECKS].find(c => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found as { evaluate(f: any, t: GoldenPathThresholds): any };
};

describe('model checks', () => {
  it('owner team size: the one-person team fails, a team of two passes', () => {
    const size = check('model-owner-team-size');
    expect(size.evaluate(facts({ ownerMembers: 1 }), thresholds)).toMatchObject(
      {
        result: 'fail',
        reason: expect.stringMatching(/1 member\(s\); at least 2/),
        remedy: expect.stringMatching(/second maintainer/),
      },
    );
    expect(size.evaluate(facts({ ownerMembers: 2 }), thresholds).result).toBe(
      'pass',
    );
    expect(
      size.evaluate(facts({ ownerMembers: undefined }), thresholds).result,
    ).toBe('fail');
    // A policy threshold of one lets it pass.
    expect(
      size.evaluate(facts({ ownerMembers: 1 }), {
        ...thresholds,
        minOwnerTeamSize: 1,
      }).result,
    ).toBe('pass');
  });

  it('model card: a High model needs limitations, out-of-scope uses, ethics and data', () => {
    const card = check('model-card-complete');
    expect(card.evaluate(facts(), thresholds).result).toBe('pass');
    const verdict = card.evaluate(facts({ riskLevel: 'High' }), thresholds);
    expect(verdict.result).toBe('fail');
    expect(verdict.reason).toMatch(
      /limitations, metrics, outOfScopeUses, ethicalConsiderations, trainingData/,
    );
    const complete = model(
      {},
      {
        limitations: ['Thin files'],
        metrics: [{ name: 'auc', value: 0.8 }],
        outOfScopeUses: ['Mortgages'],
        ethicalConsiderations: [{ name: 'Age', mitigation: 'Excluded' }],
        trainingData: [{ dataset: 'loans' }],
      },
    );
    expect(
      card.evaluate(facts({ riskLevel: 'High', entity: complete }), thresholds)
        .result,
    ).toBe('pass');
  });

  it('risk assessment: missing or older than the cadence fails', () => {
    const current = check('model-risk-assessment-current');
    expect(current.evaluate(facts(), thresholds).result).toBe('fail');
    const assessed = (date: string) =>
      model({}, { risk: { ...model().spec.risk, assessedAt: date } });
    const policy = {
      ...DEFAULT_GOVERNANCE_POLICY.levels.High,
      reviewCadenceMonths: 6,
    };
    expect(
      current.evaluate(
        facts({ entity: assessed('2026-09-01'), policy }),
        thresholds,
      ).result,
    ).toBe('pass');
    expect(
      current.evaluate(
        facts({ entity: assessed('2026-01-01'), policy }),
        thresholds,
      ),
    ).toMatchObject({
      result: 'fail',
      reason: expect.stringMatching(/every 6 months \(due 2026-07-01\)/),
    });
  });

  it('High and Severe need a fallback and fresh drift reports; Low ones do not', () => {
    const fallback = check('model-high-risk-fallback');
    const drift = check('model-high-risk-drift-monitoring');
    expect(fallback.evaluate(facts(), thresholds).result).toBe(
      'not-applicable',
    );
    expect(drift.evaluate(facts(), thresholds).result).toBe('not-applicable');
    const highFacts = facts({ riskLevel: 'High', entity: model(high) });
    expect(fallback.evaluate(highFacts, thresholds).result).toBe('fail');
    expect(
      fallback.evaluate(
        facts({
          riskLevel: 'High',
          entity: model({ ...high, fallbackModel: 'scorecard' }),
        }),
        thresholds,
      ).result,
    ).toBe('pass');
    expect(drift.evaluate(highFacts, thresholds).result).toBe('pass');
    expect(
      drift.evaluate(
        { ...highFacts, latestDriftWindowEnd: '2026-11-25T00:00:00Z' },
        thresholds,
      ),
    ).toMatchObject({
      result: 'fail',
      reason: expect.stringMatching(/more than 48 hours ago/),
    });
    expect(
      drift.evaluate(
        { ...highFacts, latestDriftWindowEnd: undefined },
        thresholds,
      ).result,
    ).toBe('fail');
  });

  it('an approved version exists; an unacceptable model is retired', () => {
    const approvedVersion = check('model-approved-version');
    expect(approvedVersion.evaluate(facts(), thresholds).result).toBe('pass');
    expect(
      approvedVersion.evaluate(
        facts({
          summary: {
            ...approved,
            latestApprovedVersion: undefined,
            approvedVersions: [],
            governanceStatus: 'WAITING_FOR_APPROVAL',
          },
        }),
        thresholds,
      ),
    ).toMatchObject({
      result: 'fail',
      reason: expect.stringMatching(/WAITING_FOR_APPROVAL/),
    });
    const retired = check('model-unacceptable-retired');
    const unacceptable = (lifecycle: string) =>
      model(
        { lifecycle },
        { risk: { ...model().spec.risk, regulatoryCategory: 'unacceptable' } },
      );
    expect(retired.evaluate(facts(), thresholds).result).toBe('not-applicable');
    expect(
      retired.evaluate(
        facts({ entity: unacceptable('production') }),
        thresholds,
      ).result,
    ).toBe('fail');
    expect(
      retired.evaluate(facts({ entity: unacceptable('retired') }), thresholds)
        .result,
    ).toBe('pass');
  });
});

describe('service checks', () => {
  const highModel = model({ ...high, fallbackModel: 'credit-scorecard-logit' });
  const service = (
    annotations: Record<string, string> = {},
    extra: Partial<ServiceFacts> = {},
  ): ServiceFacts => ({
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'loan-origination-service', annotations },
      spec: {},
    },
    dependsOn: ['model:default/credit-scoring-pd'],
    models: [
      {
        ref: 'model:default/credit-scoring-pd',
        entity: highModel,
        riskLevel: 'High',
        summary: approved,
        pinnedVersion: '3.2.0',
      },
    ],
    ...extra,
  });

  it('pins: an approved pin passes, a missing or unapproved one fails', () => {
    const pinned = check('service-pinned-approved');
    expect(pinned.evaluate(service(), thresholds).result).toBe('pass');
    const unpinned = service();
    unpinned.models[0].pinnedVersion = '2.0.0';
    expect(pinned.evaluate(unpinned, thresholds).reason).toBe(
      'model:default/credit-scoring-pd@2.0.0 is not approved',
    );
    unpinned.models[0].pinnedVersion = undefined;
    expect(pinned.evaluate(unpinned, thresholds).reason).toMatch(
      /is not pinned/,
    );
  });

  it('no deprecated model; drift hook annotation', () => {
    const deprecated = check('service-no-deprecated-models');
    expect(deprecated.evaluate(service(), thresholds).result).toBe('pass');
    const old = service();
    old.models[0].entity = model({ lifecycle: 'deprecated' });
    expect(deprecated.evaluate(old, thresholds).reason).toMatch(
      /is deprecated/,
    );
    const hook = check('service-drift-hook');
    expect(hook.evaluate(service(), thresholds).result).toBe('fail');
    expect(
      hook.evaluate(
        service({ 'model-hub.io/drift-hook': 'production' }),
        thresholds,
      ).result,
    ).toBe('pass');
  });

  it('fallback wired: a High model needs its fallback in dependsOn', () => {
    const wired = check('service-fallback-wired');
    expect(wired.evaluate(service(), thresholds)).toMatchObject({
      result: 'fail',
      reason: expect.stringMatching(
        /falls back to credit-scorecard-logit, which the service does not use/,
      ),
    });
    expect(
      wired.evaluate(
        service(
          {},
          {
            dependsOn: [
              'model:default/credit-scoring-pd',
              'model:default/credit-scorecard-logit',
            ],
          },
        ),
        thresholds,
      ).result,
    ).toBe('pass');
    const low = service();
    low.models[0].riskLevel = 'Low';
    expect(wired.evaluate(low, thresholds).result).toBe('not-applicable');
  });
});
