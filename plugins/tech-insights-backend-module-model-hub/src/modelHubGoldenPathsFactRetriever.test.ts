import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import type {
  EntityScorecard,
  ModelHubService,
  ScorecardVerdict,
} from '@model-hub/backstage-plugin-model-hub-node';
import { checkIdToFactName, MODEL_HUB_GOLDEN_PATH_CHECKS } from './factNames';
import {
  createModelHubGoldenPathsFactRetriever,
  MODEL_HUB_FACT_RETRIEVER_ID,
} from './modelHubGoldenPathsFactRetriever';

/*
 * The handler runs against the in-memory catalog of catalogServiceMock and
 * the mock auth of backend-test-utils; only Model Hub is replaced, by a fake
 * ModelHubService that answers from the scorecards below.
 */

const entity = (kind: string, name: string, dependsOn: string[] = []) =>
  ({
    apiVersion:
      kind === 'Model' ? 'model-hub.io/v1alpha1' : 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
    relations: dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
  } as Entity);

const entities: Entity[] = [
  entity('Model', 'credit-pd'),
  entity('Model', 'churn'),
  entity('Model', 'not-evaluated'),
  entity('Component', 'loan-api', [
    'model:default/credit-pd',
    'resource:default/db',
  ]),
  entity('Component', 'website', ['resource:default/db']),
  entity('Resource', 'db'),
];

const verdict = (
  checkId: string,
  result: ScorecardVerdict['result'],
): ScorecardVerdict => ({
  checkId,
  title: checkId,
  severity: 'error',
  result,
  reason: `${checkId} ${result}`,
});

function scorecard(
  entityRef: string,
  verdicts: ScorecardVerdict[],
): EntityScorecard {
  const applicable = verdicts.filter(v => v.result !== 'not-applicable');
  const passed = applicable.filter(v => v.result === 'pass').length;
  return {
    entityRef,
    evaluatedAt: '2025-05-01T06:00:00.000Z',
    passed,
    failed: applicable.length - passed,
    passRate: applicable.length ? passed / applicable.length : 1,
    verdicts,
    history: [],
  };
}

const scorecards: Record<string, EntityScorecard | undefined> = {
  'model:default/credit-pd': scorecard('model:default/credit-pd', [
    verdict('model-owner-team-size', 'pass'),
    verdict('model-card-complete', 'fail'),
    verdict('model-high-risk-fallback', 'not-applicable'),
    verdict('acme.model-has-runbook', 'fail'),
  ]),
  'model:default/churn': scorecard('model:default/churn', [
    verdict('model-owner-team-size', 'pass'),
  ]),
  'model:default/not-evaluated': {
    entityRef: 'model:default/not-evaluated',
    passed: 0,
    failed: 0,
    passRate: 1,
    verdicts: [],
    history: [],
  },
  'component:default/loan-api': scorecard('component:default/loan-api', [
    verdict('service-pinned-approved', 'fail'),
    verdict('service-drift-hook', 'pass'),
  ]),
};

function fakeModelHub(
  getScorecard: ModelHubService['getScorecard'] = async ref =>
    scorecards[ref as string],
) {
  const notUsed = async () => {
    throw new Error('not used by the fact retriever');
  };
  return {
    getScorecard: jest.fn(getScorecard),
    listGoldenPathChecks: jest.fn(notUsed),
    evaluateGoldenPaths: jest.fn(notUsed),
    getModelStatuses: jest.fn(notUsed),
    getModelGovernance: jest.fn(notUsed),
    getModelOverview: jest.fn(notUsed),
    listModelVersions: jest.fn(notUsed),
    getModelVersion: jest.fn(notUsed),
  } satisfies ModelHubService;
}

function context(
  retriever: ReturnType<typeof createModelHubGoldenPathsFactRetriever>,
  logger = mockServices.logger.mock(),
): FactRetrieverContext {
  // As Tech Insights' engine calls handlers: its services, the retriever's filter.
  return {
    config: mockServices.rootConfig(),
    discovery: mockServices.discovery(),
    logger,
    auth: mockServices.auth({ pluginId: 'tech-insights' }),
    urlReader: mockServices.urlReader.mock(),
    entityFilter: retriever.entityFilter,
  };
}

const catalog = () => catalogServiceMock({ entities });

describe('modelHubGoldenPathsFactRetriever', () => {
  it('returns one boolean per applicable Model Hub check and the summary facts', async () => {
    const modelHub = fakeModelHub();
    const retriever = createModelHubGoldenPathsFactRetriever({
      modelHub,
      catalog: catalog(),
    });

    const facts = await retriever.handler(context(retriever));

    expect(retriever.id).toBe(MODEL_HUB_FACT_RETRIEVER_ID);
    expect(facts).toEqual([
      {
        entity: { kind: 'Component', namespace: 'default', name: 'loan-api' },
        facts: {
          servicePinnedApproved: false,
          serviceDriftHook: true,
          modelHubPassRate: 0.5,
          modelHubFailedChecks: 1,
          modelHubFailingCheckIds: ['service-pinned-approved'],
          modelHubEvaluatedAt: '2025-05-01T06:00:00.000Z',
        },
      },
      {
        entity: { kind: 'Model', namespace: 'default', name: 'churn' },
        facts: {
          modelOwnerTeamSize: true,
          modelHubPassRate: 1,
          modelHubFailedChecks: 0,
          modelHubFailingCheckIds: [],
          modelHubEvaluatedAt: '2025-05-01T06:00:00.000Z',
        },
      },
      {
        entity: { kind: 'Model', namespace: 'default', name: 'credit-pd' },
        facts: {
          // not-applicable model-high-risk-fallback: no fact. The module's
          // acme check has no boolean of its own, only its id in the set.
          modelOwnerTeamSize: true,
          modelCardComplete: false,
          modelHubPassRate: 1 / 3,
          modelHubFailedChecks: 2,
          modelHubFailingCheckIds: [
            'acme.model-has-runbook',
            'model-card-complete',
          ],
          modelHubEvaluatedAt: '2025-05-01T06:00:00.000Z',
        },
      },
    ]);
  });

  it('asks only for Models and the Components that depend on one, as the tech-insights service', async () => {
    const modelHub = fakeModelHub();
    const retriever = createModelHubGoldenPathsFactRetriever({
      modelHub,
      catalog: catalog(),
    });

    await retriever.handler(context(retriever));

    const asked = modelHub.getScorecard.mock.calls.map(([ref]) => ref).sort();
    expect(asked).toEqual([
      'component:default/loan-api',
      'model:default/churn',
      'model:default/credit-pd',
      'model:default/not-evaluated',
    ]);
    for (const [, options] of modelHub.getScorecard.mock.calls) {
      expect(options.credentials).toEqual(
        mockCredentials.service('plugin:tech-insights'),
      );
    }
  });

  it("follows the context's entity filter", async () => {
    const modelHub = fakeModelHub();
    const retriever = createModelHubGoldenPathsFactRetriever({
      modelHub,
      catalog: catalog(),
    });

    const facts = await retriever.handler({
      ...context(retriever),
      entityFilter: { kind: 'Component' },
    });

    expect(facts.map(f => f.entity.name)).toEqual(['loan-api']);
  });

  it('gives no facts for entities Model Hub cannot see or has not evaluated', async () => {
    const modelHub = fakeModelHub(async ref =>
      ref === 'model:default/churn' ? undefined : scorecards[ref as string],
    );
    const retriever = createModelHubGoldenPathsFactRetriever({
      modelHub,
      catalog: catalog(),
    });

    const facts = await retriever.handler(context(retriever));

    expect(facts.map(f => f.entity.name)).toEqual(['loan-api', 'credit-pd']);
  });

  it('skips a scorecard that cannot be read and logs it; fails when none can', async () => {
    const logger = mockServices.logger.mock();
    const flaky = fakeModelHub(async ref => {
      if (ref === 'model:default/churn') throw new Error('502 Bad Gateway');
      return scorecards[ref as string];
    });
    const retriever = createModelHubGoldenPathsFactRetriever({
      modelHub: flaky,
      catalog: catalog(),
    });

    const facts = await retriever.handler(context(retriever, logger));

    expect(facts.map(f => f.entity.name)).toEqual(['loan-api', 'credit-pd']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('model:default/churn: 502 Bad Gateway'),
    );

    const down = fakeModelHub(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    const failing = createModelHubGoldenPathsFactRetriever({
      modelHub: down,
      catalog: catalog(),
    });
    await expect(failing.handler(context(failing))).rejects.toThrow(
      /Could not read any Model Hub scorecard, first error: .*ECONNREFUSED/,
    );
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const modelHub = fakeModelHub(async ref => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise(resolve => setTimeout(resolve, 5));
      inFlight--;
      return scorecards[ref as string];
    });
    const many = Array.from({ length: 12 }, (_, i) => entity('Model', `m${i}`));
    const retriever = createModelHubGoldenPathsFactRetriever({
      modelHub,
      catalog: catalogServiceMock({ entities: many }),
      concurrency: 3,
    });

    await retriever.handler(context(retriever));

    expect(modelHub.getScorecard).toHaveBeenCalledTimes(12);
    expect(maxInFlight).toBe(3);
  });

  it('declares every fact it returns in its schema, with the right type', async () => {
    const retriever = createModelHubGoldenPathsFactRetriever({
      modelHub: fakeModelHub(),
      catalog: catalog(),
    });

    const facts = await retriever.handler(context(retriever));

    const typeOf = (value: unknown) => {
      if (Array.isArray(value)) return 'set';
      if (typeof value === 'number') {
        return Number.isInteger(value) ? ['integer', 'float'] : ['float'];
      }
      if (typeof value === 'string') return ['datetime', 'string'];
      return typeof value;
    };
    for (const { facts: values } of facts) {
      for (const [name, value] of Object.entries(values)) {
        expect(retriever.schema[name]).toBeDefined();
        expect([typeOf(value)].flat()).toContain(retriever.schema[name].type);
      }
    }
    // One boolean per Model Hub check, named after its id.
    for (const check of MODEL_HUB_GOLDEN_PATH_CHECKS) {
      expect(retriever.schema[checkIdToFactName(check.id)]).toMatchObject({
        type: 'boolean',
        metadata: { modelHubCheckId: check.id },
      });
    }
    expect(retriever.schema).toMatchObject({
      modelHubPassRate: { type: 'float' },
      modelHubFailedChecks: { type: 'integer' },
      modelHubFailingCheckIds: { type: 'set' },
      modelHubEvaluatedAt: { type: 'datetime' },
    });
    expect(retriever.entityFilter).toEqual([{ kind: ['Model', 'Component'] }]);
  });
});

describe('checkIdToFactName', () => {
  it.each([
    ['model-owner-team-size', 'modelOwnerTeamSize'],
    ['service-drift-hook', 'serviceDriftHook'],
    ['acme.model-has-runbook', 'acmeModelHasRunbook'],
    ['Acme_Model AUC', 'acmeModelAUC'],
    ['2fa-enabled', 'check2faEnabled'],
    ['--x--', 'x'],
  ])('%s → %s', (checkId, name) => {
    expect(checkIdToFactName(checkId)).toBe(name);
  });

  it('refuses an id without letters or digits', () => {
    expect(() => checkIdToFactName('--')).toThrow(/no letters or digits/);
  });

  it('gives every Model Hub check a distinct identifier-like name', () => {
    const names = MODEL_HUB_GOLDEN_PATH_CHECKS.map(c =>
      checkIdToFactName(c.id),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(name.startsWith('modelHub')).toBe(false); // no clash with the summary facts
    }
  });
});
