import { parse } from 'yaml';
import {
  exampleEntities,
  publishApproved,
  publishVersion,
  requestReview,
} from '../__testUtils__/modelHub';
import {
  databaseKinds,
  startScaffolderBackend,
  templateEntity,
} from '../__testUtils__/scaffolderBackend';
import { render } from '../__testUtils__/render';

/*
 * The model-backed service templates dry-run through the real scaffolder backend
 * (POST /api/scaffolder/v2/dry-run), with this module, the real Model Hub
 * backend and real databases; see __testUtils__/scaffolderBackend.ts for
 * what is mocked (GitHub only). Versions are published and approved through
 * Model Hub's HTTP API: dana publishes, alice (and bob) approve.
 *
 * With MODEL_HUB_RENDER_DIR set, the generated services are also written
 * there for scripts/check-generated-services.sh to install, compile and test.
 */

jest.setTimeout(120_000);

const service = {
  name: 'loan-scoring-service',
  description: 'Scores loan applications',
  owner: 'group:default/lending-platform',
  system: 'system:default/consumer-lending',
  model: 'model:default/credit-scoring-pd',
  environment: 'production',
  timeoutMs: 1500,
  repoUrl: 'github.com?owner=acme&repo=loan-scoring-service',
};

describe.each(databaseKinds())('service templates on %s', kind => {
  let backend: Awaited<ReturnType<typeof startScaffolderBackend>>;

  beforeAll(async () => {
    backend = await startScaffolderBackend(kind, [
      ...exampleEntities(),
      templateEntity('model-backed-service-typescript'),
    ]);
    const { base } = backend;
    await publishApproved(base, 'credit-scoring-pd', '3.2.0');
    await publishVersion(base, 'credit-scoring-pd', '3.3.0');
    await requestReview(base, 'credit-scoring-pd', '3.3.0');
    // The fallback (EU AI Act high risk, no fallback of its own) cannot be
    // approved: the policy check passes with a warning.
    await publishVersion(base, 'credit-scorecard-logit', '7.1.0');
    // A High risk model without a fallback cannot even be approved.
    await publishVersion(base, 'customer-assistant-llm', '1.0.0');
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('TypeScript service: pins the approved version, wires endpoint and fallback, depends on the model', async () => {
    const res = await backend.dryRun(
      'model-backed-service-typescript',
      service,
    );
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);
    const { files } = res;
    const entity = parse(files['catalog-info.yaml']);
    expect(entity.spec.dependsOn).toEqual([
      'model:default/credit-scoring-pd',
      'model:default/credit-scorecard-logit',
    ]);
    expect(entity.metadata.annotations['model-hub.io/pinned-versions']).toBe(
      'model:default/credit-scoring-pd@3.2.0',
    );
    expect(entity.spec.owner).toBe('group:default/lending-platform');
    const config = files['src/model/config.ts'];
    expect(config).toContain('MODEL_VERSION = "3.2.0"');
    expect(config).toContain(
      '"https://models.example.com/credit-scoring-pd/invocations"',
    );
    expect(config).toContain(
      'FALLBACK_MODEL_REF: string | undefined = "model:default/credit-scorecard-logit"',
    );
    expect(config).toContain(
      '"https://models.example.com/credit-scorecard-logit/invocations"',
    );
    expect(config).toContain('env.MODEL_TIMEOUT_MS || 1500');
    expect(files['src/model/types.ts']).toContain('  income: number;');
    expect(JSON.parse(files['package.json'])).toMatchObject({
      name: 'loan-scoring-service',
      dependencies: { '@model-hub/model-hub-drift': expect.any(String) },
    });
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'src/server.ts',
        'test/server.test.ts',
        'test/drift.test.ts',
        '.github/workflows/ci.yaml',
        'README.md',
      ]),
    );
    // GitHub's own expressions survive templating.
    expect(files['.github/workflows/ci.yaml']).toContain(
      '${{ secrets.NPM_TOKEN }}',
    );
    // Publishing and registering do not run in a dry-run.
    const skipped = res.body.log
      .filter((l: any) => l.body.status === 'skipped')
      .map((l: any) => l.body.stepId);
    expect(skipped).toEqual(expect.arrayContaining(['publish', 'register']));
    expect(backend.published).toEqual([]);
    expect(res.body.output.links).toEqual(
      expect.arrayContaining([
        {
          title: 'The model',
          icon: 'catalog',
          entityRef: 'model:default/credit-scoring-pd',
        },
      ]),
    );
    render(kind, 'typescript', files);
  });

  it('Python service: the same wiring, standard library only', async () => {
    const { timeoutMs, ...withoutTimeout } = service;
    const res = await backend.dryRun('model-backed-service-python', {
      ...withoutTimeout,
      name: 'loan-scoring-python',
    });
    expect(res.body.error).toBeUndefined();
    const { files } = res;
    const entity = parse(files['catalog-info.yaml']);
    expect(entity.spec.dependsOn).toContain('model:default/credit-scoring-pd');
    expect(entity.metadata.annotations['model-hub.io/pinned-versions']).toBe(
      'model:default/credit-scoring-pd@3.2.0',
    );
    const config = files['app/model/config.py'];
    expect(config).toContain('MODEL_VERSION = "3.2.0"');
    expect(config).toContain(
      '"https://models.example.com/credit-scoring-pd/invocations"',
    );
    expect(config).toContain(
      'FALLBACK_MODEL_REF: Optional[str] = "model:default/credit-scorecard-logit"',
    );
    expect(config).toContain(
      '"https://models.example.com/credit-scorecard-logit/invocations"',
    );
    expect(config).toContain('env.get("MODEL_TIMEOUT_MS") or 2000');
    expect(files['app/model/schema.py']).toContain('"income": float');
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'app/server.py',
        'tests/test_client.py',
        '.github/workflows/ci.yaml',
      ]),
    );
    render(kind, 'python', files);
  });

  it('refuses an unapproved version for production at the policy check, before publishing', async () => {
    const res = await backend.dryRun('model-backed-service-typescript', {
      ...service,
      version: '3.3.0',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message:
        'Version 3.3.0 of model:default/credit-scoring-pd is WAITING_FOR_APPROVAL; production needs an approved version: ' +
        'pin 3.2.0 (its latest approved version), ask its owners (group:default/credit-risk-analytics) to request a review, ' +
        'or choose environment staging',
    });
    expect(backend.published).toEqual([]);
    // The same version may go to staging.
    const staging = await backend.dryRun('model-backed-service-python', {
      ...service,
      version: '3.3.0',
      environment: 'staging',
    });
    expect(staging.status).toBe(200);
    expect(staging.files['app/model/config.py']).toContain(
      'MODEL_VERSION = "3.3.0"',
    );
  });

  it('refuses a High risk model without a fallback at the policy check', async () => {
    const res = await backend.dryRun('model-backed-service-python', {
      ...service,
      model: 'model:default/customer-assistant-llm',
      environment: 'staging',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'model:default/customer-assistant-llm is a High risk model without a fallback model; ask its owners ' +
        '(group:default/genai-platform) to declare spec.fallbackModel (a model that takes over when it is unavailable), ' +
        'or choose a model that has one',
    );
  });

  // Real tasks run on the SQLite backend only (see startScaffolderBackend).
  (kind === 'SQLITE' ? describe : describe.skip)('a real run', () => {
    it('fails a real run at the policy step: nothing is published or registered', async () => {
      const { task, events } = await backend.run(
        'template:default/model-backed-service-typescript',
        {
          ...service,
          model: 'model:default/customer-assistant-llm',
          environment: 'staging',
        },
      );
      expect(task.status).toBe('failed');
      const failed = events.filter(e => e.body.status === 'failed');
      expect(failed.map(e => e.body.stepId)).toContain('policy');
      expect(
        failed.find(e => e.body.stepId === 'policy')!.body.message,
      ).toContain('is a High risk model without a fallback model');
      const started = events
        .filter(e => e.body.status === 'processing')
        .map(e => e.body.stepId);
      expect(started).not.toContain('publish');
      expect(started).not.toContain('register');
      expect(backend.published).toEqual([]);
    });
  });
});
