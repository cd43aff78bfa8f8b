import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
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

describe('model-hub:policy:check', () => {
  let started: Awaited<ReturnType<typeof startActionsBackend>>;

  async function check(input: JsonObject, dryRun = false) {
    const ctx = createMockActionContext({ input });
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
        warnings: [
          'The fallback model model:default/credit-scorecard-logit has no approved version yet',
          // The golden-path engine judged the service to be created.
          'Golden path "Every model is pinned to an approved version" (error): model:default/credit-scorecard-logit is not pinned. Pin each model to its latest approved version in the model-hub.io/pinned-versions annotation',
        ],
      });
    }
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
      warnings: [
        'The fallback model model:default/card-fraud-rules-scorer has no serving endpoint (spec.serving.endpoint); ' +
          'set MODEL_FALLBACK_ENDPOINT for the service, or the fallback path cannot answer',
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
    expect(out.warnings).toEqual([
      'Version 3.3.0 of model:default/credit-scoring-pd is WAITING_FOR_APPROVAL: fine for staging, but it cannot go to production until it is approved',
      // The golden-path engine says the same, as advice outside production.
      expect.stringMatching(
        /^Golden path "Every model is pinned to an approved version" \(error\): model:default\/credit-scoring-pd@3\.3\.0 is not approved/,
      ),
    ]);
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
        /3\.3\.0 of model:default\/credit-scoring-pd is NOT_STARTED; production needs an approved version/,
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
