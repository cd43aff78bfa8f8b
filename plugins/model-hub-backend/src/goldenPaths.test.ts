import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { modelHubGoldenPathsExtensionPoint } from '@model-hub/backstage-plugin-model-hub-node';
import { exampleEntities } from './__testUtils__/exampleEntities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

jest.setTimeout(120_000);

const { databases, ids } = modelHubTestDatabases();
const guest = mockCredentials.user.header('user:default/guest');
const entities = exampleEntities();
const oneManModel = 'model:default/day-ahead-price-forecast';
const oneManTeam = 'group:default/energy-trading-analytics';

/** An adopter's module adding a check through model-hub-node's extension point. */
const runbookModule = createBackendModule({
  pluginId: 'model-hub',
  moduleId: 'acme-runbooks',
  register(reg) {
    reg.registerInit({
      deps: { goldenPaths: modelHubGoldenPathsExtensionPoint },
      async init({ goldenPaths }) {
        goldenPaths.addChecks({
          id: 'acme.model-has-runbook',
          title: 'Models link a runbook',
          severity: 'warning',
          appliesTo: entity => entity.kind === 'Model',
          async evaluate(entity) {
            const runbook = entity.metadata.links?.find(l =>
              /runbook/i.test(l.title ?? ''),
            );
            return runbook
              ? { result: 'pass', reason: `Runbook: ${runbook.url}` }
              : {
                  result: 'fail',
                  reason: 'No link titled "Runbook"',
                  remedy: 'Add the runbook to metadata.links',
                };
          },
        });
      },
    });
  },
});

async function start(databaseId: (typeof ids)[number], config = {}) {
  const started = await startModelHubMockBackend({
    databases,
    databaseId,
    entities,
    config,
    extraFeatures: [runbookModule],
    skipTaskRunOnStartup: true,
  });
  await started.runScheduledTask('model-hub-golden-paths');
  const get = async (path: string) => {
    const res = await callJson(`${started.base}${path}`, { auth: guest });
    expect(res.status).toBe(200);
    return res.body;
  };
  return { ...started, get };
}

describe.each(ids)('golden paths on %s', databaseId => {
  it("shows a model's newest evaluation, though its scorecard is kept between reads", async () => {
    const { backend, get, runScheduledTask } = await start(databaseId);
    try {
      const path = '/scorecards/model/default/day-ahead-price-forecast';
      const first = await get(path);
      expect(await get(path)).toEqual(first);

      await new Promise(resolve => setTimeout(resolve, 5));
      await runScheduledTask('model-hub-golden-paths');

      const again = await get(path);
      expect(new Date(again.evaluatedAt).getTime()).toBeGreaterThan(
        new Date(first.evaluatedAt).getTime(),
      );
    } finally {
      await backend.stop();
    }
  });

  it('scores the example models and services, with the one-person team failing', async () => {
    const { backend, get } = await start(databaseId);
    try {
      const card = await get(
        '/scorecards/model/default/day-ahead-price-forecast',
      );
      const verdict = (id: string) =>
        card.verdicts.find((v: any) => v.checkId === id);
      expect(verdict('model-owner-team-size')).toMatchObject({
        result: 'fail',
        severity: 'error',
        reason: `${'energy-trading-analytics'} has 1 member(s); at least 2 are needed`,
      });
      // Severe without approved versions or drift reports (no demo data here).
      expect(verdict('model-high-risk-drift-monitoring').result).toBe('fail');
      expect(verdict('model-approved-version').result).toBe('fail');
      // The adopter's check runs next to Model Hub's own.
      expect(verdict('acme.model-has-runbook')).toMatchObject({
        result: 'fail',
        severity: 'warning',
      });

      const overview = await get('/scorecards');
      const team = overview.byOwner.find((g: any) => g.key === oneManTeam);
      expect(team.failingChecks).toContainEqual({
        checkId: 'model-owner-team-size',
        title: 'The owning team has at least two members',
        entities: [oneManModel],
      });
      // Aggregates add up: every group's counts sum to the totals.
      const sum = (key: 'passed' | 'failed') =>
        overview.byOwner.reduce((n: number, g: any) => n + g[key], 0);
      expect(sum('passed')).toBe(overview.totals.passed);
      expect(sum('failed')).toBe(overview.totals.failed);
      expect(overview.totals.failed).toBeGreaterThan(0);
      // Services that use models are scored too, by their own checks.
      const service = await get(
        '/scorecards/component/default/campaign-orchestrator',
      );
      expect(
        service.verdicts.find(
          (v: any) => v.checkId === 'service-pinned-approved',
        ),
      ).toMatchObject({
        result: 'fail',
        reason: expect.stringMatching(
          /churn-propensity@1\.8\.0 is not approved/,
        ),
      });
      expect(overview.trend).toHaveLength(1);

      const checks = await get('/golden-paths/checks');
      expect(checks.items.map((c: any) => c.id)).toContain(
        'acme.model-has-runbook',
      );
    } finally {
      await backend.stop();
    }
  });

  it('follows the policy in app-config without code changes', async () => {
    const { backend, get } = await start(databaseId, {
      modelHub: {
        goldenPaths: {
          minOwnerTeamSize: 1,
          checks: {
            'model-approved-version': { severity: 'error' },
            'service-drift-hook': { enabled: false },
            acme: { 'model-has-runbook': { enabled: false } },
          },
        },
      },
    });
    try {
      const card = await get(
        '/scorecards/model/default/day-ahead-price-forecast',
      );
      const verdict = (id: string) =>
        card.verdicts.find((v: any) => v.checkId === id);
      expect(verdict('model-owner-team-size').result).toBe('pass');
      expect(verdict('model-approved-version').severity).toBe('error');
      const checks = await get('/golden-paths/checks');
      expect(checks.items.map((c: any) => c.id)).not.toContain(
        'service-drift-hook',
      );
      expect(checks.items.map((c: any) => c.id)).not.toContain(
        'acme.model-has-runbook',
      );
    } finally {
      await backend.stop();
    }
  });

  it('checks a service a template is about to create, storing nothing', async () => {
    const { backend, base } = await start(databaseId);
    try {
      const res = await callJson(`${base}/golden-paths/evaluate`, {
        auth: mockCredentials.service.header(),
        body: {
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'new-scoring-service',
              annotations: {
                'model-hub.io/pinned-versions':
                  'model:default/credit-scoring-pd@3.2.0',
                'model-hub.io/drift-hook': 'production',
              },
            },
            spec: { dependsOn: ['model:default/credit-scoring-pd'] },
          },
        },
      });
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(
        res.body.verdicts.map((v: any) => [v.checkId, v]),
      );
      expect(byId['service-drift-hook'].result).toBe('pass');
      expect(byId['service-pinned-approved'].result).toBe('fail');
      expect(byId['service-fallback-wired'].reason).toMatch(
        /falls back to credit-scorecard-logit/,
      );
      const missing = await callJson(
        `${base}/scorecards/component/default/new-scoring-service`,
        { auth: guest },
      );
      expect(missing.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});
