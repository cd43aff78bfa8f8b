import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { stringify } from 'yaml';
import {
  outputsOf,
  startActionsBackend,
} from '../__testUtils__/actionsBackend';
import {
  callModelHub,
  dana,
  exampleEntities,
  publishApproved,
  publishVersion,
  referenceRows,
  requestReview,
} from '../__testUtils__/modelHub';

/*
 * The policy check against the real Model Hub backend and the repository's
 * example models: credit-scoring-pd (High risk, EU AI Act high, fallback
 * credit-scorecard-logit) and customer-assistant-llm (High risk, no fallback).
 */

const examples = exampleEntities();
const assistant = examples.find(
  e => e.metadata.name === 'customer-assistant-llm',
)!;
/** A High risk model whose fallback is missing from the catalog. */
const orphan: Entity = {
  ...assistant,
  metadata: { ...assistant.metadata, name: 'orphan-assistant' },
  spec: { ...assistant.spec, fallbackModel: 'model:default/gone' },
};

const NOT_EVALUATED =
  'No catalog-info.yaml in the workspace yet, so the golden-path checks of the new service did not run: ' +
  'run model-hub:policy:check after fetch:template (or pass catalogInfoPath or entity)';

/** A service as a model-backed template renders it. */
function renderedService(options: {
  pins: string[];
  dependsOn: string[];
  driftHook?: string;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'rendered-service',
      annotations: {
        'model-hub.io/pinned-versions': options.pins.join(', '),
        ...(options.driftHook
          ? { 'model-hub.io/drift-hook': options.driftHook }
          : {}),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/fraud-analytics',
      dependsOn: options.dependsOn,
    },
  };
}

const fraudService = renderedService({
  pins: [
    'model:default/card-fraud-detection@4.0.0',
    'model:default/card-fraud-rules-scorer@2.1.0',
  ],
  dependsOn: [
    'model:default/card-fraud-detection',
    'model:default/card-fraud-rules-scorer',
  ],
  driftHook: 'production',
});

describe('model-hub:policy:check', () => {
  let started: Awaited<ReturnType<typeof startActionsBackend>>;
  const workspace = createMockDirectory();

  async function check(
    input: JsonObject,
    dryRun = false,
    workspacePath?: string,
  ) {
    const ctx = createMockActionContext({ input, workspacePath });
    ctx.getInitiatorCredentials = async () => mockCredentials.user(dana);
    await started.action('model-hub:policy:check').handler({
      ...ctx,
      isDryRun: dryRun,
    });
    return outputsOf(ctx.output);
  }

  beforeAll(async () => {
    started = await startActionsBackend([...examples, orphan]);
    const { base } = started;
    await publishApproved(base, 'credit-scoring-pd', '3.2.0');
    await publishVersion(base, 'credit-scoring-pd', '3.3.0');
    await requestReview(base, 'credit-scoring-pd', '3.3.0');
    // An EU AI Act high risk fallback without a fallback of its own cannot
    // be approved; the fraud model's fallback can.
    await publishVersion(base, 'credit-scorecard-logit', '7.1.0');
    await publishApproved(base, 'card-fraud-detection', '4.0.0');
    await publishApproved(base, 'card-fraud-rules-scorer', '2.1.0');
    await publishVersion(base, 'customer-assistant-llm', '1.0.0');
    await publishVersion(base, 'orphan-assistant', '1.0.0');
  }, 120_000);

  afterAll(async () => {
    await started?.backend.stop();
  });

  it('passes an approved version of a High risk model with a fallback, in dry-runs too', async () => {
    for (const dryRun of [false, true]) {
      expect(
        await check(
          {
            modelRef: 'credit-scoring-pd',
            version: '3.2.0',
            environment: 'production',
            fallbackModel: 'model:default/credit-scorecard-logit',
          },
          dryRun,
        ),
      ).toEqual({
        passed: true,
        riskLevel: 'High',
        governanceStatus: 'APPROVED',
        owner: 'group:default/credit-risk-analytics',
        fallbackModel: 'model:default/credit-scorecard-logit',
        gate: 'block',
        failedChecks: [],
        report: expect.stringContaining(
          'The golden-path checks did not run: no catalog-info.yaml was rendered before this step.',
        ),
        warnings: [
          'The fallback model model:default/credit-scorecard-logit has no approved version yet',
          // A template that checks before rendering gets no service checks.
          NOT_EVALUATED,
        ],
      });
    }
  });

  it('evaluates the catalog-info.yaml the template rendered: every check passes for an approved High model with its approved fallback pinned', async () => {
    workspace.setContent({
      'catalog-info.yaml': stringify(fraudService),
    });
    const out = await check(
      {
        modelRef: 'card-fraud-detection',
        version: '4.0.0',
        environment: 'production',
        catalogInfoPath: 'catalog-info.yaml',
      },
      true,
      workspace.path,
    );
    expect(out.passed).toBe(true);
    expect(out.failedChecks).toEqual([]);
    expect(out.report).toContain(
      'Every golden-path check passes on the catalog-info.yaml that will be registered (4 checks).',
    );
    // The default path is catalog-info.yaml too.
    const byDefault = await check(
      { modelRef: 'card-fraud-detection', version: '4.0.0' },
      false,
      workspace.path,
    );
    expect(byDefault.failedChecks).toEqual([]);
    expect(byDefault.warnings).not.toContain(NOT_EVALUATED);
  });

  it('blocks on failing checks of severity error, shows the others, and names them in the output', async () => {
    // The rendered service of today's templates: only the model pinned, no drift hook.
    const entity = renderedService({
      pins: ['model:default/card-fraud-detection@4.0.0'],
      dependsOn: [
        'model:default/card-fraud-detection',
        'model:default/card-fraud-rules-scorer',
      ],
    });
    const error = await check({
      modelRef: 'card-fraud-detection',
      version: '4.0.0',
      environment: 'production',
      entity: entity as unknown as JsonObject,
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message.split('\n')).toEqual([
      'Golden path "Every model is pinned to an approved version" (error, blocking): ' +
        'model:default/card-fraud-rules-scorer is not pinned. ' +
        'Pin each model to its latest approved version in the model-hub.io/pinned-versions annotation',
    ]);

    // With the fallback pinned, only the drift hook fails: a warning, shown.
    const out = await check({
      modelRef: 'card-fraud-detection',
      version: '4.0.0',
      entity: {
        ...fraudService,
        metadata: {
          name: 'no-hook',
          annotations: {
            'model-hub.io/pinned-versions':
              fraudService.metadata.annotations![
                'model-hub.io/pinned-versions'
              ],
          },
        },
      } as unknown as JsonObject,
    });
    expect(out.failedChecks).toEqual([
      {
        checkId: 'service-drift-hook',
        title: 'The drift-profile hook is configured',
        severity: 'warning',
        blocking: false,
        reason: 'No model-hub.io/drift-hook annotation',
        remedy: expect.stringContaining('model-hub.io/drift-hook'),
      },
    ]);
    expect(out.warnings).toContainEqual(
      expect.stringMatching(
        /^Golden path "The drift-profile hook is configured" \(warning\): No model-hub.io\/drift-hook annotation/,
      ),
    );
    expect(out.report).toContain(
      '1 of 4 checks fail on the catalog-info.yaml that will be registered:',
    );
    expect(out.report).toContain(
      '- Warning: **The drift-profile hook is configured** (`service-drift-hook`, warning): No model-hub.io/drift-hook annotation',
    );
  });

  it('refuses a catalog-info.yaml that is not YAML, or a path outside the workspace', async () => {
    workspace.setContent({ 'broken.yaml': 'a: [b' });
    await expect(
      check(
        {
          modelRef: 'card-fraud-detection',
          version: '4.0.0',
          catalogInfoPath: 'broken.yaml',
        },
        false,
        workspace.path,
      ),
    ).rejects.toThrow(/^catalogInfoPath: broken\.yaml is not valid YAML/);
    await expect(
      check(
        {
          modelRef: 'card-fraud-detection',
          version: '4.0.0',
          catalogInfoPath: '../outside.yaml',
        },
        false,
        workspace.path,
      ),
    ).rejects.toThrow(/outside/i);
    await expect(
      check(
        {
          modelRef: 'card-fraud-detection',
          version: '4.0.0',
          catalogInfoPath: 'missing.yaml',
        },
        false,
        workspace.path,
      ),
    ).rejects.toThrow(/^catalogInfoPath: cannot read missing\.yaml/);
  });

  it("names the fallback's approved version, and warns when it cannot be called", async () => {
    expect(
      await check({ modelRef: 'card-fraud-detection', version: '4.0.0' }),
    ).toEqual({
      passed: true,
      riskLevel: 'High',
      governanceStatus: 'APPROVED',
      owner: 'group:default/fraud-analytics',
      fallbackModel: 'model:default/card-fraud-rules-scorer',
      fallbackVersion: '2.1.0',
      gate: 'block',
      failedChecks: [],
      report: expect.any(String),
      warnings: [
        'The fallback model model:default/card-fraud-rules-scorer has no serving endpoint (spec.serving.endpoint); ' +
          'set MODEL_FALLBACK_ENDPOINT for the service, or the fallback path cannot answer',
        NOT_EVALUATED,
      ],
    });
  });

  it('refuses an unapproved version for production, saying what to do', async () => {
    await expect(
      check({
        modelRef: 'model:default/credit-scoring-pd',
        version: '3.3.0',
        environment: 'production',
      }),
    ).rejects.toThrow(
      'Version 3.3.0 of model:default/credit-scoring-pd is WAITING_FOR_APPROVAL; production needs an approved version: ' +
        'pin 3.2.0 (its latest approved version), ask its owners (group:default/credit-risk-analytics) to request a review, ' +
        'or choose environment staging',
    );
  });

  it('lets an unapproved version go to staging, with a warning', async () => {
    const out = await check({
      modelRef: 'credit-scoring-pd',
      version: '3.3.0',
      environment: 'staging',
    });
    expect(out.governanceStatus).toBe('WAITING_FOR_APPROVAL');
    expect(out.fallbackModel).toBe('model:default/credit-scorecard-logit');
    expect(out.gate).toBe('warn');
    expect(out.warnings).toEqual([
      'Version 3.3.0 of model:default/credit-scoring-pd is WAITING_FOR_APPROVAL: fine for staging, but it cannot go to production until it is approved',
      NOT_EVALUATED,
    ]);
    // The golden-path engine says the same, as advice outside production.
    const rendered = await check({
      modelRef: 'credit-scoring-pd',
      version: '3.3.0',
      environment: 'staging',
      entity: renderedService({
        pins: [
          'model:default/credit-scoring-pd@3.3.0',
          'model:default/credit-scorecard-logit@7.1.0',
        ],
        dependsOn: [
          'model:default/credit-scoring-pd',
          'model:default/credit-scorecard-logit',
        ],
        driftHook: 'staging',
      }) as unknown as JsonObject,
    });
    expect(rendered.failedChecks).toEqual([
      expect.objectContaining({
        checkId: 'service-pinned-approved',
        severity: 'error',
        blocking: false,
        reason:
          'model:default/credit-scoring-pd@3.3.0 is not approved; model:default/credit-scorecard-logit@7.1.0 is not approved',
      }),
    ]);
    expect(rendered.warnings).toContainEqual(
      expect.stringMatching(
        /^Golden path "Every model is pinned to an approved version" \(error\): model:default\/credit-scoring-pd@3\.3\.0 is not approved/,
      ),
    );
  });

  it('refuses a High risk model without a fallback in any environment', async () => {
    await expect(
      check({
        modelRef: 'customer-assistant-llm',
        version: '1.0.0',
        environment: 'staging',
      }),
    ).rejects.toThrow(
      'model:default/customer-assistant-llm is a High risk model without a fallback model; ask its owners ' +
        '(group:default/genai-platform) to declare spec.fallbackModel',
    );
  });

  it('lists every problem, and refuses a fallback that is not in the catalog', async () => {
    const error = await check({
      modelRef: 'orphan-assistant',
      version: '1.0.0',
      environment: 'production',
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(
        /^Version 1\.0\.0 of model:default\/orphan-assistant is NOT_STARTED; production needs an approved version: ask its owners/,
      ),
      expect.stringMatching(
        /^model:default\/orphan-assistant is a High risk model and its fallback model model:default\/gone is not in the catalog/,
      ),
    ]);
  });

  it('refuses a model that drifts in production, by the readiness rule, and warns elsewhere', async () => {
    const { base } = started;
    await publishApproved(base, 'churn-propensity', '1.0.0');
    const input = { modelRef: 'churn-propensity', version: '1.0.0' };
    // Approved and not drifting: it passes.
    expect((await check({ ...input, environment: 'production' })).passed).toBe(
      true,
    );
    const drifted = referenceRows(300).map((row, i) => ({
      ...row,
      income: row.income + 200000,
      debt_ratio: 0.99,
      months_employed: 400 + (i % 7),
      region: 'west',
    }));
    const report = await callModelHub(
      base,
      '/models/default/churn-propensity/versions/1.0.0/drift-reports',
      dana,
      { environment: 'production', rows: drifted },
    );
    expect(report.status).toBe('drift');

    await expect(
      check({ ...input, environment: 'production' }),
    ).rejects.toThrow(
      'model:default/churn-propensity drifts in production; production needs a model that does not: ' +
        'ask its owners (group:default/',
    );
    // Staging never reported: the model's worst status counts there.
    const staging = await check({ ...input, environment: 'staging' });
    expect(staging.passed).toBe(true);
    expect(staging.warnings).toContainEqual(
      expect.stringMatching(
        /^model:default\/churn-propensity drifts in staging \(it never reported from there, and drifts elsewhere\); it will not be allowed in production while it does/,
      ),
    );
  });

  it('refuses versions that were never published', async () => {
    await expect(
      check({ modelRef: 'credit-scoring-pd', version: '9.0.0' }),
    ).rejects.toThrow(
      'version: model:default/credit-scoring-pd has no published version 9.0.0; published: 3.3.0, 3.2.0',
    );
  });
});

describe('model-hub:policy:check with modelHub.environments', () => {
  it('treats the configured environments as production, as the backend gates them', async () => {
    const started = await startActionsBackend(examples, {
      modelHub: { environments: { production: ['live'] } },
    });
    try {
      await publishVersion(started.base, 'credit-scoring-pd', '3.3.0');
      const check = async (environment: string) => {
        const ctx = createMockActionContext({
          input: {
            modelRef: 'model:default/credit-scoring-pd',
            version: '3.3.0',
            environment,
          },
        });
        ctx.getInitiatorCredentials = async () => mockCredentials.user(dana);
        await started.action('model-hub:policy:check').handler(ctx);
        return outputsOf(ctx.output);
      };
      await expect(check('live')).rejects.toThrow(
        /3\.3\.0 of model:default\/credit-scoring-pd is NOT_STARTED; live needs an approved version/,
      );
      // `production` is not one of this adopter's production environments.
      expect((await check('production')).passed).toBe(true);
      // Nor can the backend deploy it to `live`.
      const deployed = await fetch(
        `${started.base}/api/model-hub/models/default/credit-scoring-pd/deployments/live`,
        {
          method: 'PUT',
          headers: {
            Authorization: mockCredentials.user.header(dana),
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ version: '3.3.0' }),
        },
      );
      expect(deployed.status).toBe(409);
    } finally {
      await started.backend.stop();
    }
  }, 120_000);
});

describe('model-hub:policy:check with modelHub.deploymentGates', () => {
  it('follows the gate of each environment, and blocks only on checks configured as errors', async () => {
    const started = await startActionsBackend(examples, {
      modelHub: {
        deploymentGates: { production: 'warn', staging: 'block', qa: 'off' },
        goldenPaths: {
          checks: { 'service-fallback-wired': { severity: 'warning' } },
        },
      },
    });
    try {
      await publishVersion(started.base, 'credit-scoring-pd', '3.3.0');
      const check = async (environment: string, entity?: Entity) => {
        const ctx = createMockActionContext({
          input: {
            modelRef: 'model:default/credit-scoring-pd',
            version: '3.3.0',
            environment,
            ...(entity ? { entity: entity as unknown as JsonObject } : {}),
          },
        });
        ctx.getInitiatorCredentials = async () => mockCredentials.user(dana);
        await started.action('model-hub:policy:check').handler(ctx);
        return outputsOf(ctx.output);
      };
      // The service pins the unapproved version and leaves out the fallback.
      const service = renderedService({
        pins: ['model:default/credit-scoring-pd@3.3.0'],
        dependsOn: ['model:default/credit-scoring-pd'],
        driftHook: 'production',
      });

      // production: warn. The unapproved version and the failing checks are shown.
      const production = await check('production', service);
      expect(production.gate).toBe('warn');
      expect(production.warnings[0]).toBe(
        'Version 3.3.0 of model:default/credit-scoring-pd is NOT_STARTED: wired for production because its deployment gate is warn, but it is not approved',
      );
      expect(
        production.failedChecks.map((c: any) => [c.checkId, c.blocking]),
      ).toEqual([
        ['service-pinned-approved', false],
        // Configured as a warning: it does not block.
        ['service-fallback-wired', false],
      ]);
      expect(production.report).toContain('deployment gate: warn');

      // staging: block.
      await expect(check('staging')).rejects.toThrow(
        /^Version 3\.3\.0 of model:default\/credit-scoring-pd is NOT_STARTED; staging needs an approved version: ask its owners \(group:default\/credit-risk-analytics\) to request a review$/m,
      );

      // qa: off. Approval is not checked; the golden paths are still shown.
      const qa = await check('qa', service);
      expect(qa.gate).toBe('off');
      expect(qa.warnings.join('\n')).not.toMatch(/NOT_STARTED/);
      expect(qa.failedChecks.map((c: any) => c.checkId)).toEqual([
        'service-pinned-approved',
        'service-fallback-wired',
      ]);
      expect(qa.failedChecks.every((c: any) => !c.blocking)).toBe(true);
      // Unconfigured environments: warn outside production.
      expect((await check('dev')).gate).toBe('warn');
    } finally {
      await started.backend.stop();
    }
  }, 120_000);
});
