import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  outputsOf,
  startActionsBackend,
} from '../__testUtils__/actionsBackend';

/*
 * The module runs next to the real Model Hub backend plugin and reads it
 * through modelHubServiceRef (over HTTP, on behalf of the template's user).
 * The catalog is Backstage's catalogServiceMock; the scaffolder is stood in
 * for by its extension point, which collects the module's actions.
 */

function model(name: string, spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'model-hub.io/v1alpha1',
    kind: 'Model',
    metadata: { name, namespace: 'default', description: `The ${name} model` },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:default/credit-risk',
      intendedUse: { useCases: ['Credit decision support'] },
      risk: {
        assessments: {
          unavailability: { likelihood: 1, impact: 2 },
          wrongPrediction: { likelihood: 1, impact: 3 },
          degradation: { likelihood: 1, impact: 2 },
          skillsLoss: { likelihood: 1, impact: 1 },
        },
        rationale: 'Test model',
        regulatoryCategory: 'limited',
        businessDomain: 'consumer-credit',
      },
      ...spec,
    },
  };
}

const entities = [
  model('credit-scoring-pd', {
    serving: { endpoint: 'https://models.example.com/credit-scoring-pd' },
    fallbackModel: 'credit-baseline',
  }),
  model('credit-baseline', {
    serving: { endpoint: 'https://models.example.com/credit-baseline' },
  }),
];

const dana = mockCredentials.user('user:default/dana');
const alice = mockCredentials.user('user:default/alice');

describe('model-hub:model:resolve', () => {
  let action: TemplateAction<any, any, any>;
  let stop: () => Promise<void>;
  let base: string;

  async function call(
    path: string,
    who: typeof dana,
    body: unknown,
  ): Promise<any> {
    // A path of credit-scoring-pd, or a full URL.
    const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header(who.principal.userEntityRef),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(res.ok).toBe(true);
    return res.json();
  }

  async function resolve(input: JsonObject) {
    const ctx = createMockActionContext({ input });
    ctx.getInitiatorCredentials = async () => dana;
    await action.handler(ctx);
    return outputsOf(ctx.output);
  }

  beforeAll(async () => {
    const started = await startActionsBackend(entities);
    stop = () => started.backend.stop();
    base = `${started.base}/api/model-hub/models/default/credit-scoring-pd`;
    action = started.action('model-hub:model:resolve');

    // 1.0.0 approved by someone other than its publisher; 1.1.0 only published.
    const version = (v: string) => ({
      version: v,
      artifactUri: `s3://models/credit-scoring-pd/${v}`,
      metrics: [{ name: 'auc', value: 0.8 }],
      signature: {
        inputs: [{ name: 'income', type: 'double' }],
        outputs: [{ name: 'pd', type: 'double' }],
      },
      referenceProfile: { rows: [{ income: 1 }, { income: 2 }] },
    });
    await call('/versions', dana, version('1.0.0'));
    const review = await call('/versions/1.0.0/reviews', dana, {});
    await call(`/reviews/${review.id}/decisions`, alice, {
      decision: 'APPROVED',
    });
    await call('/versions', dana, version('1.1.0'));
  }, 60_000);

  afterAll(async () => {
    await stop?.();
  });

  it('pins the latest approved version with endpoint, signature and fallback', async () => {
    expect(
      await resolve({
        model: 'model:default/credit-scoring-pd',
        environment: 'production',
      }),
    ).toEqual({
      modelRef: 'model:default/credit-scoring-pd',
      version: '1.0.0',
      governanceStatus: 'APPROVED',
      riskLevel: 'Low',
      owner: 'group:default/credit-risk',
      endpoint: 'https://models.example.com/credit-scoring-pd',
      signature: {
        inputs: [{ name: 'income', type: 'double' }],
        outputs: [{ name: 'pd', type: 'double' }],
      },
      fallbackModel: 'model:default/credit-baseline',
      fallbackEndpoint: 'https://models.example.com/credit-baseline',
      // The fallback has no version yet: only the model is pinned.
      pinnedVersions: 'model:default/credit-scoring-pd@1.0.0',
      lifecycle: 'production',
    });
  });

  it('pins a requested version and reports that it is not approved', async () => {
    const out = await resolve({
      model: 'credit-scoring-pd',
      environment: 'staging',
      version: '1.1.0',
    });
    expect(out.version).toBe('1.1.0');
    expect(out.governanceStatus).toBe('NOT_STARTED');
  });

  it('refuses production for a model with no approved version, saying what to do', async () => {
    await expect(
      resolve({ model: 'credit-baseline', environment: 'production' }),
    ).rejects.toThrow(
      /model: model:default\/credit-baseline has no approved version for production; ask its owners to request a review/,
    );
    await expect(
      resolve({ model: 'credit-scoring-pd', version: '9.9.9' }),
    ).rejects.toThrow(
      /version: model:default\/credit-scoring-pd has no version 9\.9\.9; published: 1\.1\.0, 1\.0\.0/,
    );
  });

  it("pins the fallback's version beside the model's: approved in production, the newest elsewhere", async () => {
    const fallbackBase = base.replace(/credit-scoring-pd$/, 'credit-baseline');
    await call(`${fallbackBase}/versions`, dana, {
      version: '2.0.0',
      artifactUri: 's3://models/credit-baseline/2.0.0',
      metrics: [{ name: 'auc', value: 0.7 }],
    });
    const staging = await resolve({
      model: 'credit-scoring-pd',
      environment: 'staging',
    });
    expect(staging).toMatchObject({
      fallbackVersion: '2.0.0',
      pinnedVersions:
        'model:default/credit-scoring-pd@1.0.0, model:default/credit-baseline@2.0.0',
      lifecycle: 'experimental',
    });
    const production = await resolve({ model: 'credit-scoring-pd' });
    expect(production.fallbackVersion).toBeUndefined();
    expect(production.pinnedVersions).toBe(
      'model:default/credit-scoring-pd@1.0.0',
    );
    const review = await call(
      `${fallbackBase}/versions/2.0.0/reviews`,
      dana,
      {},
    );
    await call(`${fallbackBase}/reviews/${review.id}/decisions`, alice, {
      decision: 'APPROVED',
    });
    expect(await resolve({ model: 'credit-scoring-pd' })).toMatchObject({
      fallbackVersion: '2.0.0',
      pinnedVersions:
        'model:default/credit-scoring-pd@1.0.0, model:default/credit-baseline@2.0.0',
      lifecycle: 'production',
    });
  });
});
