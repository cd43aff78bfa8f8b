import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
// The test runs the real Model Hub backend next to Tech Insights; the module
// itself reaches it only through modelHubServiceRef (model-hub-node).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import modelHubPlugin from '@model-hub/backstage-plugin-model-hub-backend';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import jsonRulesEngineModule from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import modelHubFactsModule, {
  MODEL_HUB_FACT_RETRIEVER_ID,
  MODEL_HUB_GOLDEN_PATH_CHECKS,
  checkIdToFactName,
} from './index';

/*
 * The whole path on a real backend: Model Hub's backend plugin evaluates its
 * golden paths over the catalog (catalogServiceMock) and stores them on its
 * database; Tech Insights' backend with this module and the JSON rules
 * engine fact checker runs the fact retriever, which reads the scorecards
 * over HTTP through modelHubServiceRef with the tech-insights plugin's own
 * service token, and stores the facts on its own database.
 */

jest.setTimeout(120_000);

// SQLite, and PostgreSQL when scripts/test.sh gives its server (required in CI).
const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
if (!pg && process.env.CI) {
  throw new Error(
    'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING must point at a PostgreSQL server in CI',
  );
}
const ids: TestDatabaseId[] = pg ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'];
const databases = TestDatabases.create({ ids, disableDocker: true });

const user = (name: string, group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [group] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});

const group = (name: string, members: string[], owns: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [
    ...members.map(m => ({
      type: 'hasMember',
      targetRef: `user:default/${m}`,
    })),
    ...owns.map(ref => ({ type: 'ownerOf', targetRef: ref })),
  ],
});

const model = (
  name: string,
  owner: string,
  wrongPrediction: { likelihood: number; impact: number },
  usedBy: string[],
): Entity => ({
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: { name, namespace: 'default', description: `The ${name} model` },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: `group:default/${owner}`,
    intendedUse: { useCases: ['Credit decision support'] },
    risk: {
      assessments: {
        unavailability: { likelihood: 1, impact: 2 },
        wrongPrediction,
        degradation: { likelihood: 1, impact: 2 },
        skillsLoss: { likelihood: 1, impact: 1 },
      },
      rationale: 'Test model',
      regulatoryCategory: 'limited',
      businessDomain: 'consumer-credit',
    },
  },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...usedBy.map(ref => ({ type: 'dependencyOf', targetRef: ref })),
  ],
});

const component = (name: string, dependsOn: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'credit-risk',
    dependsOn,
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/credit-risk' },
    ...dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
  ],
});

const entities: Entity[] = [
  user('alice', 'credit-risk'),
  user('bob', 'credit-risk'),
  user('carol', 'solo'),
  group('credit-risk', ['alice', 'bob'], ['model:default/credit-pd']),
  group('solo', ['carol'], ['model:default/churn']),
  // Severe (4 x 5): the high-risk checks apply, and it has no fallback.
  model('credit-pd', 'credit-risk', { likelihood: 4, impact: 5 }, [
    'component:default/loan-api',
  ]),
  // Low, owned by a team of one.
  model('churn', 'solo', { likelihood: 1, impact: 2 }, []),
  component('loan-api', ['model:default/credit-pd']),
  component('website', []),
];

const config = {
  techInsights: {
    factRetrievers: {
      [MODEL_HUB_FACT_RETRIEVER_ID]: {
        cadence: '*/30 * * * *',
        lifecycle: { maxItems: 10 },
      },
    },
    factChecker: {
      checks: {
        modelTeamOfTwo: {
          type: 'json-rules-engine',
          name: 'Model owned by a team of two or more',
          description: "Model Hub's model-owner-team-size check",
          factIds: [MODEL_HUB_FACT_RETRIEVER_ID],
          rule: {
            conditions: {
              all: [
                { fact: 'modelOwnerTeamSize', operator: 'equal', value: true },
              ],
            },
          },
        },
        ownerCheckNotFailing: {
          type: 'json-rules-engine',
          name: 'model-owner-team-size is not failing',
          description: 'The set of failing check ids, as for checks of modules',
          factIds: [MODEL_HUB_FACT_RETRIEVER_ID],
          rule: {
            conditions: {
              all: [
                {
                  fact: 'modelHubFailingCheckIds',
                  operator: 'doesNotContain',
                  value: 'model-owner-team-size',
                },
              ],
            },
          },
        },
        goldenPathPassRate: {
          type: 'json-rules-engine',
          name: 'Golden-path pass rate at least 50%',
          description: 'Half of the Model Hub checks that apply pass',
          factIds: [MODEL_HUB_FACT_RETRIEVER_ID],
          rule: {
            conditions: {
              all: [
                {
                  fact: 'modelHubPassRate',
                  operator: 'greaterThanInclusive',
                  value: 0.5,
                },
              ],
            },
          },
        },
      },
    },
  },
};

async function start(databaseId: TestDatabaseId) {
  // The mock scheduler's instance also makes its factory (untyped): tasks run
  // only when the test triggers them, and triggerTask waits for the run.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: {
      skipTaskRunOnStartup?: boolean;
    }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
  };
  // A database of its own for each plugin, as in production.
  const database = createServiceFactory({
    service: coreServices.database,
    deps: {},
    factory: async () =>
      mockServices.database({ knex: await databases.init(databaseId) }),
  });
  const backend = await startTestBackend({
    features: [
      modelHubPlugin,
      techInsightsPlugin,
      jsonRulesEngineModule,
      modelHubFactsModule,
      actionsRegistryServiceFactory,
      catalogServiceMock.factory({ entities }),
      database,
      mockServices.rootConfig.factory({ data: config }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ async send() {} }),
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api`;
  const auth = mockCredentials.user.header('user:default/alice');
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: auth,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return JSON.parse(text);
  };
  return { backend, scheduler, call };
}

describe.each(ids)('Model Hub facts in Tech Insights on %s', databaseId => {
  it('turns the scorecards Model Hub computed into facts and checks', async () => {
    const { backend, scheduler, call } = await start(databaseId);
    try {
      // Model Hub's scheduled evaluation, then Tech Insights' retriever.
      await scheduler.triggerTask('model-hub-golden-paths');
      await scheduler.triggerTask(MODEL_HUB_FACT_RETRIEVER_ID);

      const factsOf = async (ref: string) =>
        (
          await call(
            `/tech-insights/facts/latest?entity=${encodeURIComponent(
              ref,
            )}&ids=${MODEL_HUB_FACT_RETRIEVER_ID}`,
          )
        )[MODEL_HUB_FACT_RETRIEVER_ID]?.facts;

      for (const [kind, name] of [
        ['model', 'credit-pd'],
        ['model', 'churn'],
        ['component', 'loan-api'],
      ]) {
        const card = await call(
          `/model-hub/scorecards/${kind}/default/${name}`,
        );
        const facts = await factsOf(`${kind}:default/${name}`);
        expect(card.verdicts.length).toBeGreaterThan(0);
        // Every verdict that applies is a boolean; not-applicable ones are absent.
        const expected: Record<string, unknown> = {
          modelHubPassRate: card.passRate,
          modelHubFailedChecks: card.failed,
          modelHubFailingCheckIds: card.verdicts
            .filter((v: any) => v.result === 'fail')
            .map((v: any) => v.checkId)
            .sort(),
          modelHubEvaluatedAt: card.evaluatedAt,
        };
        for (const v of card.verdicts) {
          if (v.result !== 'not-applicable') {
            expected[checkIdToFactName(v.checkId)] = v.result === 'pass';
          }
        }
        expect(facts).toEqual(expected);
      }

      const churn = await factsOf('model:default/churn');
      expect(churn.modelOwnerTeamSize).toBe(false); // a team of one
      expect(churn).not.toHaveProperty('modelHighRiskFallback'); // Low risk
      const creditPd = await factsOf('model:default/credit-pd');
      expect(creditPd.modelOwnerTeamSize).toBe(true);
      expect(creditPd.modelHighRiskFallback).toBe(false); // Severe, no fallback
      const loanApi = await factsOf('component:default/loan-api');
      expect(loanApi).toHaveProperty('servicePinnedApproved');
      expect(loanApi).not.toHaveProperty('modelOwnerTeamSize');
      // A component that uses no model has nothing for Model Hub to score.
      expect(await factsOf('component:default/website')).toBeUndefined();

      // The schema Tech Insights stored is the retriever's.
      const [schema] = await call(
        `/tech-insights/fact-schemas?ids[]=${MODEL_HUB_FACT_RETRIEVER_ID}`,
      );
      expect(schema).toMatchObject({
        id: MODEL_HUB_FACT_RETRIEVER_ID,
        version: '1.0.0',
        modelOwnerTeamSize: { type: 'boolean' },
        modelHubPassRate: { type: 'float' },
        modelHubFailedChecks: { type: 'integer' },
      });

      // JSON rules engine checks on the facts: the model check is skipped
      // for the service (its fact is absent), not counted as passed.
      const runs: Array<{ entity: string; results: any[] }> = await call(
        '/tech-insights/checks/run',
        { entities: [] },
      );
      const results = (ref: string) =>
        Object.fromEntries(
          runs
            .find(r => r.entity === ref)!
            .results.map(r => [r.check.id, r.result]),
        );
      expect(results('model:default/churn')).toEqual({
        modelTeamOfTwo: false,
        ownerCheckNotFailing: false,
        goldenPathPassRate: churn.modelHubPassRate >= 0.5,
      });
      expect(results('model:default/credit-pd')).toEqual({
        modelTeamOfTwo: true,
        ownerCheckNotFailing: true,
        goldenPathPassRate: creditPd.modelHubPassRate >= 0.5,
      });
      expect(results('component:default/loan-api')).toEqual({
        ownerCheckNotFailing: true,
        goldenPathPassRate: loanApi.modelHubPassRate >= 0.5,
      });
      expect(runs.map(r => r.entity)).not.toContain(
        'component:default/website',
      );
    } finally {
      await backend.stop();
    }
  });

  it("has a fact for each of Model Hub's own checks", async () => {
    const { backend, call } = await start(databaseId);
    try {
      const { items } = await call('/model-hub/golden-paths/checks');
      const ownChecks = items
        .filter((c: any) => c.source === 'model-hub')
        .map((c: any) => ({
          id: c.id,
          title: c.title,
          appliesTo: c.appliesTo,
        }));
      // Fails when Model Hub adds, renames or retitles a check: add it to
      // MODEL_HUB_GOLDEN_PATH_CHECKS and bump the retriever's version.
      expect(ownChecks).toEqual(MODEL_HUB_GOLDEN_PATH_CHECKS);
    } finally {
      await backend.stop();
    }
  });
});

describe('the module on its own', () => {
  it('adds the retriever under its id, and warns when Tech Insights has no config to run it', async () => {
    const addFactRetrievers = jest.fn();
    const logger = mockServices.logger.mock();
    await startTestBackend({
      extensionPoints: [
        [techInsightsFactRetrieversExtensionPoint, { addFactRetrievers }],
      ],
      features: [
        modelHubFactsModule,
        catalogServiceMock.factory({ entities: [] }),
        logger.factory,
      ],
    });

    expect(addFactRetrievers).toHaveBeenCalledTimes(1);
    const [retrievers] = addFactRetrievers.mock.calls[0];
    expect(Object.keys(retrievers)).toEqual([MODEL_HUB_FACT_RETRIEVER_ID]);
    expect(retrievers[MODEL_HUB_FACT_RETRIEVER_ID]).toMatchObject({
      id: MODEL_HUB_FACT_RETRIEVER_ID,
      version: '1.0.0',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `add techInsights.factRetrievers.${MODEL_HUB_FACT_RETRIEVER_ID}.cadence`,
      ),
    );
  });
});
