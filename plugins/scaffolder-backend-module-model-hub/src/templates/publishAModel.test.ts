import { spawnSync } from 'node:child_process';
import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { validateModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { runModelHubCli } from '@model-hub/model-hub-cli';
import { parse } from 'yaml';
import { callModelHub, dana, exampleEntities } from '../__testUtils__/modelHub';
import { render } from '../__testUtils__/render';
import {
  databaseKinds,
  GITHUB_ACTIONS_SUBJECT,
  startScaffolderBackend,
} from '../__testUtils__/scaffolderBackend';

/*
 * The publish-a-model template dry-run through the real scaffolder backend
 * (POST /api/scaffolder/v2/dry-run) with the real Model Hub backend, on real
 * databases (see __testUtils__/scaffolderBackend.ts; only GitHub is stubbed);
 * then its CI workflow's two commands run against that Model Hub.
 */

jest.setTimeout(120_000);

const examples = exampleEntities();
/** The model the test creates, as the catalog has it once registered. */
const registered: Entity = {
  ...examples.find(e => e.metadata.name === 'churn-propensity')!,
  metadata: { name: 'churn-propensity-v2', namespace: 'default' },
};

describe.each(databaseKinds())('publish-a-model on %s', kind => {
  let backend: Awaited<ReturnType<typeof startScaffolderBackend>>;

  beforeAll(async () => {
    backend = await startScaffolderBackend(kind, [...examples, registered]);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('a valid Model entity, a model card and a CI step that publishes with the CLI', async () => {
    const res = await backend.dryRun('publish-a-model', {
      name: 'churn-propensity-v2',
      title: 'Customer churn propensity',
      description: 'Probability that a customer cancels within 90 days',
      owner: 'group:default/marketing-analytics',
      system: 'system:default/campaign-management',
      type: 'classification',
      framework: 'lightgbm',
      license: 'proprietary',
      risk: {
        unavailability: { likelihood: 2, impact: 2 },
        wrongPrediction: {
          likelihood: 3,
          impact: 4,
          rationale: 'Retention offers go to the wrong customers',
        },
        degradation: { likelihood: 3, impact: 3 },
        skillsLoss: { likelihood: 2, impact: 2 },
      },
      riskRationale: 'Marketing decisions only; no legal effect on customers',
      regulatoryCategory: 'minimal',
      businessDomain: 'marketing',
      exposure: 'company',
      useCases: ['Choose customers for retention campaigns'],
      users: ['Campaign managers'],
      outOfScopeUses: ['Credit decisions'],
      limitations: ['Trained on 2024 data: "new" products are missing'],
      repoUrl: 'github.com?owner=acme&repo=churn-propensity-v2',
    });
    expect(res.body.error).toBeUndefined();
    const { files } = res;
    const entity = parse(files['catalog-info.yaml']);
    const validation = validateModelEntity(entity);
    expect(validation).toEqual(expect.objectContaining({ valid: true }));
    expect(entity.spec.risk.assessments.wrongPrediction).toEqual({
      likelihood: 3,
      impact: 4,
      rationale: 'Retention offers go to the wrong customers',
    });
    expect(entity.spec.limitations).toEqual([
      'Trained on 2024 data: "new" products are missing',
    ]);
    expect(entity.spec.risk.assessedBy).toBe('user:default/dana');
    const card = files['MODEL_CARD.md'];
    expect(card).toContain(
      'Overall risk level: **High** (highest likelihood x impact: 12)',
    );
    expect(card).toContain(
      '| It returns a wrong prediction for an observation | 3 | 4 | 12 | High | Retention offers go to the wrong customers |',
    );
    const workflow = files['.github/workflows/publish.yaml'];
    expect(parse(workflow).jobs.publish.env).toEqual({
      MODEL_HUB_URL: '${{ vars.MODEL_HUB_URL }}',
      MODEL_HUB_TOKEN: '${{ secrets.MODEL_HUB_TOKEN }}',
      VERSION: '${{ inputs.version || github.ref_name }}',
    });
    const publishStep = parse(workflow).jobs.publish.steps.find(
      (step: { name?: string }) =>
        step.name === 'Publish the version and its drift reference',
    );
    expect(publishStep.run).toBe(
      'npx model-hub publish default/churn-propensity-v2 --file version.json --on-behalf-of-github-login "$GITHUB_ACTOR"',
    );
    render(kind, 'publish-a-model', files);

    // The workflow's two commands, run here: build version.json from the
    // training artifacts, publish it with the model-hub CLI.
    const repo = createMockDirectory({
      content: {
        ...files,
        'artifacts/metrics.json': JSON.stringify([
          { name: 'auc', value: 0.79 },
        ]),
        'artifacts/signature.json': JSON.stringify({
          inputs: [
            { name: 'tenure', type: 'long' },
            { name: 'plan', type: 'string' },
          ],
          outputs: [{ name: 'churn', type: 'double' }],
        }),
        'artifacts/reference.csv': 'tenure,plan\n3,basic\n14,pro\n,basic\n',
        'artifacts/drift-settings.json': JSON.stringify({
          methods: { plan: 'jensenshannon' },
          thresholds: { tenure: 0.1 },
        }),
      },
    });
    const built = spawnSync(
      'python3',
      [
        'scripts/build_version.py',
        '--version',
        'v1.0.0',
        '--artifact-uri',
        's3://models/churn/1.0.0',
      ],
      { cwd: repo.path, encoding: 'utf8' },
    );
    expect(built.status).toBe(0);
    // The publish step as GitHub Actions runs it: its token is a service's,
    // and GITHUB_ACTOR (tom-berg, who pushed the tag) is the person named.
    const output: string[] = [];
    const args = (publishStep.run as string)
      .replace('"$GITHUB_ACTOR"', 'tom-berg')
      .split(' ')
      .slice(2);
    const code = await runModelHubCli(args, {
      env: {
        MODEL_HUB_URL: backend.base,
        MODEL_HUB_TOKEN: mockCredentials.service.token({
          onBehalfOf: mockCredentials.service(GITHUB_ACTIONS_SUBJECT),
          targetPluginId: 'model-hub',
        }),
      },
      cwd: repo.path,
      stdout: text => output.push(text),
      stderr: text => output.push(text),
    });
    expect(output.join('')).toContain(
      'Published 1.0.0 of model:default/churn-propensity-v2',
    );
    expect(code).toBe(0);
    const version = await callModelHub(
      backend.base,
      '/models/default/churn-propensity-v2/versions/1.0.0',
      dana,
    );
    expect(version.referenceProfile.rows).toEqual([
      { tenure: 3, plan: 'basic' },
      { tenure: 14, plan: 'pro' },
      { tenure: null, plan: 'basic' },
    ]);
    expect(version.metrics).toEqual([{ name: 'auc', value: 0.79 }]);
    // Tom is recorded as the person behind the run: he cannot review it.
    expect(version.publishedBy).toBe(`service:${GITHUB_ACTIONS_SUBJECT}`);
    expect(version.publishedOnBehalfOf).toBe('user:default/tom.berg');
    // The drift terms windows of the version will be judged by.
    expect(version.driftSettings).toEqual({
      methods: { plan: 'jensenshannon' },
      thresholds: { tenure: 0.1 },
    });
  });
});
