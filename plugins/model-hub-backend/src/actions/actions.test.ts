import { mockCredentials } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity } from '../__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  startModelHubMockBackend,
} from '../__testUtils__/mockBackend';

const { databases, ids } = modelHubTestDatabases();

const dana = mockCredentials.user.header('user:default/dana');

const entities = [
  modelEntity('credit-scoring-pd', {
    // likelihood 4 x impact 4 = 16: High
    wrongPrediction: { likelihood: 4, impact: 4 },
    fallbackModel: 'credit-baseline',
  }),
  modelEntity('credit-baseline'),
  modelEntity('load-forecast', { type: 'forecasting' }),
];

describe.each(ids)('Model Hub actions on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  let actionsUrl: string;

  const invoke = (name: string, input: unknown, auth = dana) =>
    callJson(`${actionsUrl}/model-hub:${name}/invoke`, { auth, body: input });

  beforeAll(async () => {
    started = await startModelHubMockBackend({
      databases,
      databaseId,
      entities,
    });
    actionsUrl = `${started.base}/.backstage/actions/v1/actions`;
  }, 60_000);

  afterAll(async () => {
    await started?.backend.stop();
  });

  it('lists the read and write actions with their attributes', async () => {
    const { status, body } = await callJson(actionsUrl, { auth: dana });
    expect(status).toBe(200);
    const byName = Object.fromEntries(
      body.actions.map((a: any) => [a.name, a]),
    );
    expect(Object.keys(byName).sort()).toEqual([
      'find-models',
      'get-model-governance',
      'get-model-status',
      'get-scorecard',
      'publish-model-version',
      'submit-drift-window',
    ]);
    for (const name of [
      'find-models',
      'get-model-status',
      'get-model-governance',
      'get-scorecard',
    ]) {
      expect(byName[name].attributes).toMatchObject({
        readOnly: true,
        destructive: false,
      });
    }
    expect(byName['publish-model-version'].attributes).toMatchObject({
      readOnly: false,
      destructive: false,
      idempotent: true,
    });
    expect(byName['submit-drift-window'].attributes).toMatchObject({
      readOnly: false,
      idempotent: false,
    });
    expect(byName['find-models'].schema.input.properties.riskLevels).toEqual(
      expect.objectContaining({ type: 'array' }),
    );
  });

  it('publishes a version, submits drift and reads status, governance and search', async () => {
    const version = {
      model: 'model:default/credit-scoring-pd',
      version: '1.0.0',
      artifactUri: 's3://models/credit-scoring-pd/1.0.0/model.pkl',
      metrics: [{ name: 'auc', value: 0.81 }],
      referenceProfile: { rows: incomeRows(300, 0) },
    };
    const published = await invoke('publish-model-version', version);
    expect(published.status).toBe(200);
    expect(published.body.output).toMatchObject({
      modelRef: 'model:default/credit-scoring-pd',
      version: '1.0.0',
      created: true,
      publishedBy: 'user:default/dana',
    });
    // Idempotent: the same content again is not a new version.
    const again = await invoke('publish-model-version', version);
    expect(again.body.output.created).toBe(false);
    // Different content under the same version is refused.
    const conflicting = await invoke('publish-model-version', {
      ...version,
      artifactUri: 's3://models/other.pkl',
    });
    expect(conflicting.status).toBe(409);

    const drift = await invoke('submit-drift-window', {
      model: 'credit-scoring-pd',
      version: '1.0.0',
      environment: 'production',
      rows: incomeRows(300, 25000),
    });
    expect(drift.status).toBe(200);
    expect(drift.body.output.driftedColumns).toContain('income');
    expect(drift.body.output.driftedColumns).not.toContain('region');
    // The owners heard about it.
    expect(started.sent.map(n => n.payload.title)).toEqual([
      expect.stringMatching(/^Drift detected: credit-scoring-pd 1\.0\.0/),
    ]);

    const status = await invoke('get-model-status', {
      model: 'model:default/credit-scoring-pd',
    });
    expect(status.body.output).toMatchObject({
      entityRef: 'model:default/credit-scoring-pd',
      riskLevel: 'High',
      governanceStatus: 'NOT_STARTED',
      driftStatus: drift.body.output.status,
      drift: [expect.objectContaining({ environment: 'production' })],
    });

    const governance = await invoke('get-model-governance', {
      model: 'model:default/credit-scoring-pd',
    });
    expect(governance.body.output.riskLevel).toBe('High');
    const [v1] = governance.body.output.versions;
    expect(v1).toMatchObject({ version: '1.0.0', state: 'NOT_STARTED' });
    // High risk asks for evidence the version lacks (e.g. an independent validation).
    expect(v1.evidenceComplete).toBe(false);
    expect(v1.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'fallbackModel', complete: true }),
        expect.objectContaining({
          kind: 'independentValidation',
          complete: false,
        }),
      ]),
    );

    const high = await invoke('find-models', { riskLevels: ['High'] });
    expect(high.body.output.models[0].owner).toBe('group:default/credit-risk');
    expect(high.body.output.models.map((m: any) => m.entityRef)).toEqual([
      'model:default/credit-scoring-pd',
    ]);
    const forecasting = await invoke('find-models', { task: 'forecasting' });
    expect(forecasting.body.output.models.map((m: any) => m.entityRef)).toEqual(
      ['model:default/load-forecast'],
    );
    // Nothing is approved yet, so nothing is ready for production.
    const ready = await invoke('find-models', { readyForProduction: true });
    expect(ready.body.output.models).toEqual([]);
    expect(ready.body.output.scanned).toBe(3);
  });

  it('refuses the NUL character and deep nesting, naming the field, as the REST API does', async () => {
    const publish = (input: Record<string, unknown>) =>
      invoke('publish-model-version', {
        model: 'model:default/load-forecast',
        version: '9.0.0',
        artifactUri: 's3://models/load-forecast/9.0.0',
        ...input,
      });
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 70; i++) deep = { level: deep };

    const refusals: Array<[Record<string, unknown>, RegExp]> = [
      [
        { signature: { inputs: [{ name: 'load\u0000', type: 'double' }] } },
        /^signature\.inputs\.0\.name: must not contain the NUL character/,
      ],
      [{ format: 'onnx\u0000' }, /^format: must not contain the NUL/],
      [
        { signature: { 'in\u0000puts': [] } },
        /^signature\.in.puts: property names must not contain the NUL/,
      ],
      // Where the contract takes any object (a signature column).
      [{ signature: { inputs: [deep] } }, /nested deeper than 64 levels/],
    ];
    for (const [input, message] of refusals) {
      const refused = await publish(input);
      expect({ input, status: refused.status }).toEqual({ input, status: 400 });
      expect(refused.body.error.name).toBe('InputError');
      expect(refused.body.error.message).toMatch(message);
    }
    const drift = await invoke('submit-drift-window', {
      model: 'model:default/load-forecast',
      version: '9.0.0',
      environment: 'production',
      rows: [{ load: 'high\u0000' }],
    });
    expect(drift.status).toBe(400);
    expect(drift.body.error.message).toMatch(/^rows\.0\.load: must not/);
    // Nothing was stored: the version can still be published cleanly.
    const versions = await callJson(
      `${started.base}/models/default/load-forecast/versions`,
      { auth: dana },
    );
    expect(versions.body.totalItems).toBe(0);
    expect((await publish({})).status).toBe(200);
  });

  it('names the field when the input is wrong', async () => {
    const notAModel = await invoke('get-model-status', {
      model: 'component:default/loan-service',
    });
    expect(notAModel.status).toBe(400);
    expect(notAModel.body.error.message).toMatch(/model: .* not a Model/);

    const missing = await invoke('get-model-status', {
      model: 'model:default/no-such-model',
    });
    expect(missing.status).toBe(404);

    const badLimit = await invoke('find-models', { limit: 1000 });
    expect(badLimit.status).toBe(400);
    expect(JSON.stringify(badLimit.body.error)).toMatch(/limit/);
  });
});
