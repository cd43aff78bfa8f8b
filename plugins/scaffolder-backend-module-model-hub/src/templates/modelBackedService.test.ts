import { parse } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import {
  callModelHub,
  dana,
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

/*
 * card-fraud-detection is a High risk model whose fallback,
 * card-fraud-rules-scorer, can be approved: the golden path a developer
 * should find. The example fallback is embedded in its callers; here it is
 * served, so that the generated service calls it.
 */
const RULES_ENDPOINT = 'https://models.example.com/card-fraud-rules/score';
function entities(): Entity[] {
  return exampleEntities().map(e =>
    e.metadata.name === 'card-fraud-rules-scorer'
      ? {
          ...e,
          spec: {
            ...e.spec,
            serving: { mode: 'online', endpoint: RULES_ENDPOINT },
          },
        }
      : e,
  );
}

const fraudService = {
  name: 'card-authorisation-service',
  description: 'Scores card authorisations',
  owner: 'group:default/fraud-analytics',
  system: 'system:default/payment-risk',
  model: 'model:default/card-fraud-detection',
  environment: 'production',
  timeoutMs: 1500,
  repoUrl: 'github.com?owner=acme&repo=card-authorisation-service',
};

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
      ...entities(),
      templateEntity('model-backed-service-typescript'),
    ]);
    const { base } = backend;
    await publishApproved(base, 'card-fraud-detection', '4.0.0');
    await publishApproved(base, 'card-fraud-rules-scorer', '2.1.0');
    await publishApproved(base, 'credit-scoring-pd', '3.2.0');
    await publishVersion(base, 'credit-scoring-pd', '3.3.0');
    await requestReview(base, 'credit-scoring-pd', '3.3.0');
    // The fallback (EU AI Act high risk, no fallback of its own) cannot be
    // approved: production refuses it, staging warns.
    await publishVersion(base, 'credit-scorecard-logit', '7.1.0');
    // A High risk model without a fallback cannot even be approved.
    await publishVersion(base, 'customer-assistant-llm', '1.0.0');
  });

  afterAll(async () => {
    await backend?.stop();
  });

  /** The golden-path engine of the Model Hub backend, on an entity not in the catalog. */
  async function goldenPaths(entity: Entity) {
    const { verdicts } = await callModelHub(
      backend.base,
      '/golden-paths/evaluate',
      dana,
      { entity },
    );
    return verdicts as Array<{
      checkId: string;
      result: string;
      reason: string;
    }>;
  }

  it('TypeScript service: pins model and fallback, wires both, depends on both, passes every golden path', async () => {
    const res = await backend.dryRun(
      'model-backed-service-typescript',
      fraudService,
    );
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);
    const { files } = res;
    const entity = parse(files['catalog-info.yaml']);
    expect(entity.spec.dependsOn).toEqual([
      'model:default/card-fraud-detection',
      'model:default/card-fraud-rules-scorer',
    ]);
    expect(entity.metadata.annotations).toMatchObject({
      'model-hub.io/pinned-versions':
        'model:default/card-fraud-detection@4.0.0, model:default/card-fraud-rules-scorer@2.1.0',
      'model-hub.io/drift-hook': 'production',
      'github.com/project-slug': 'acme/card-authorisation-service',
    });
    expect(entity.metadata.name).toBe('card-authorisation-service');
    expect(entity.spec.lifecycle).toBe('production');
    expect(entity.spec.owner).toBe('group:default/fraud-analytics');
    expect(entity.spec.system).toBe('system:default/payment-risk');

    // What the template registers passes Model Hub's own golden paths.
    const verdicts = await goldenPaths(entity);
    expect(verdicts.filter(v => v.result === 'fail')).toEqual([]);
    expect(
      Object.fromEntries(verdicts.map(v => [v.checkId, v.result])),
    ).toEqual({
      'service-pinned-approved': 'pass',
      'service-no-deprecated-models': 'pass',
      'service-drift-hook': 'pass',
      'service-fallback-wired': 'pass',
    });

    const config = files['src/model/config.ts'];
    expect(config).toContain('MODEL_VERSION = "4.0.0"');
    expect(config).toContain('"https://models.example.com/card-fraud/score"');
    expect(config).toContain(
      'FALLBACK_MODEL_REF: string | undefined = "model:default/card-fraud-rules-scorer"',
    );
    expect(config).toContain(`"${RULES_ENDPOINT}"`);
    expect(config).toContain('env.MODEL_TIMEOUT_MS || 1500');
    expect(files['src/model/types.ts']).toContain('  income: number;');
    expect(JSON.parse(files['package.json'])).toMatchObject({
      name: 'card-authorisation-service',
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
    // Publishing and registering do not run in a dry-run; the policy step
    // runs after the service is rendered, before publishing.
    const started = res.body.log
      .filter((l: any) => l.body.status === 'processing')
      .map((l: any) => l.body.stepId);
    expect(started.indexOf('policy')).toBeGreaterThan(started.indexOf('wire'));
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
          entityRef: 'model:default/card-fraud-detection',
        },
      ]),
    );
    // The template output shows the golden-path verdict.
    const report = res.body.output.text.find(
      (t: any) => t.title === 'Golden paths',
    );
    expect(report.content).toContain('deployment gate: block');
    expect(report.content).toContain(
      'Every golden-path check passes on the catalog-info.yaml that will be registered (4 checks)',
    );
    render(kind, 'typescript', files);
  });

  it('Python service: the same wiring and catalog entry, passes every golden path', async () => {
    const { timeoutMs, ...withoutTimeout } = fraudService;
    const res = await backend.dryRun('model-backed-service-python', {
      ...withoutTimeout,
      name: 'card-authorisation-python',
    });
    expect(res.body.error).toBeUndefined();
    const { files } = res;
    const entity = parse(files['catalog-info.yaml']);
    expect(entity.spec.dependsOn).toEqual([
      'model:default/card-fraud-detection',
      'model:default/card-fraud-rules-scorer',
    ]);
    expect(entity.metadata.annotations).toMatchObject({
      'model-hub.io/pinned-versions':
        'model:default/card-fraud-detection@4.0.0, model:default/card-fraud-rules-scorer@2.1.0',
      'model-hub.io/drift-hook': 'production',
    });
    expect(entity.spec.lifecycle).toBe('production');
    const verdicts = await goldenPaths(entity);
    expect(verdicts.filter(v => v.result === 'fail')).toEqual([]);
    expect(verdicts.filter(v => v.result === 'pass')).toHaveLength(4);

    const config = files['app/model/config.py'];
    expect(config).toContain('MODEL_VERSION = "4.0.0"');
    expect(config).toContain('"https://models.example.com/card-fraud/score"');
    expect(config).toContain(
      'FALLBACK_MODEL_REF: Optional[str] = "model:default/card-fraud-rules-scorer"',
    );
    expect(config).toContain(`"${RULES_ENDPOINT}"`);
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

  it.each([
    ['model-backed-service-typescript', { owner: 'yes', system: '1.0' }],
    ['model-backed-service-python', { owner: 'a: b', system: '#x' }],
    [
      'model-backed-service-typescript',
      {
        owner: 'null',
        system: `{ x: [1] } "quoted" 'single' \\ back`,
        description: 'on',
      },
    ],
    ['model-backed-service-python', { owner: '- [x]', system: '*anchor' }],
  ])(
    '%s quotes every value: %j parses back to the same strings',
    async (template, values) => {
      const res = await backend.dryRun(template, {
        ...fraudService,
        ...values,
      });
      expect(res.body.error).toBeUndefined();
      const text = res.files['catalog-info.yaml'];
      const entity = parse(text);
      expect(entity.spec.owner).toBe(values.owner);
      expect(entity.spec.system).toBe(values.system);
      expect(entity.metadata.description).toBe(
        'description' in values ? values.description : fraudService.description,
      );
      expect(text).toContain(`owner: ${JSON.stringify(values.owner)}`);
    },
  );

  it('staging: lifecycle experimental, the newest fallback version pinned, failing checks shown and not blocking', async () => {
    const res = await backend.dryRun('model-backed-service-python', {
      ...service,
      name: 'loan-scoring-staging',
      environment: 'staging',
    });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);
    const entity = parse(res.files['catalog-info.yaml']);
    expect(entity.spec.lifecycle).toBe('experimental');
    expect(entity.metadata.annotations).toMatchObject({
      'model-hub.io/pinned-versions':
        'model:default/credit-scoring-pd@3.2.0, model:default/credit-scorecard-logit@7.1.0',
      'model-hub.io/drift-hook': 'staging',
    });
    const report = res.body.output.text.find(
      (t: any) => t.title === 'Golden paths',
    ).content;
    expect(report).toContain('deployment gate: warn');
    expect(report).toMatch(
      /1 of 4 checks fail on the catalog-info\.yaml that will be registered:/,
    );
    expect(report).toContain(
      'Warning: **Every model is pinned to an approved version** (`service-pinned-approved`, error): model:default/credit-scorecard-logit@7.1.0 is not approved',
    );
  });

  it('production: refuses a service whose fallback has no approved version to pin, by the golden paths', async () => {
    const res = await backend.dryRun(
      'model-backed-service-typescript',
      service,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message.split('\n')).toEqual([
      'Golden path "Every model is pinned to an approved version" (error, blocking): ' +
        'model:default/credit-scorecard-logit is not pinned. ' +
        'Pin each model to its latest approved version in the model-hub.io/pinned-versions annotation',
    ]);
    expect(backend.published).toEqual([]);
  });

  it('refuses an unapproved version for production at the policy check, before publishing', async () => {
    const res = await backend.dryRun('model-backed-service-typescript', {
      ...service,
      version: '3.3.0',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    // The policy's message, then every blocking golden path.
    expect(res.body.error.message.split('\n')).toEqual([
      'Version 3.3.0 of model:default/credit-scoring-pd is WAITING_FOR_APPROVAL; production needs an approved version: ' +
        'pin 3.2.0 (its latest approved version), ask its owners (group:default/credit-risk-analytics) to request a review, ' +
        'or choose environment staging',
      expect.stringMatching(
        /^Golden path "Every model is pinned to an approved version" \(error, blocking\): model:default\/credit-scoring-pd@3\.3\.0 is not approved; model:default\/credit-scorecard-logit is not pinned/,
      ),
    ]);
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
    expect(res.body.error.message.split('\n')[0]).toBe(
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
