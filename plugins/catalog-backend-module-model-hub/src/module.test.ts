import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  assessModelRisk,
  isModelEntity,
  ModelEntity,
  RELATION_FALLBACK_MODEL_OF,
  RELATION_HAS_FALLBACK_MODEL,
} from '@model-hub/backstage-plugin-model-hub-common';
import { stringify } from 'yaml';
import {
  CatalogTestBackend,
  createTestDatabases,
  eventually,
  relationsOf,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const meta = (name: string, extra: object = {}) => ({
  metadata: { name, ...extra },
});

function riskAssessment(worst: { likelihood: number; impact: number }) {
  return {
    assessments: {
      unavailability: { likelihood: 2, impact: 2 },
      wrongPrediction: worst,
      degradation: { likelihood: 2, impact: 3 },
      skillsLoss: { likelihood: 1, impact: 3 },
    },
    rationale: 'Scores consumer loan applications.',
    regulatoryCategory: 'high',
    businessDomain: 'consumer-credit',
  };
}

function creditModel(description = 'Probability of default, v3') {
  return {
    apiVersion: 'model-hub.io/v1alpha1',
    kind: 'Model',
    ...meta('credit-pd', { description }),
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'credit-risk',
      system: 'lending',
      trainingData: [
        { dataset: 'loan-applications', sensitive: true, role: 'training' },
        { dataset: 'loan-applications', sensitive: true, role: 'validation' },
        { dataset: 'resource:default/bureau-data', sensitive: true },
      ],
      metrics: [{ name: 'auc', value: 0.8, dataset: 'loan-applications' }],
      serving: { mode: 'online', providesApi: 'credit-score-api' },
      fallbackModel: 'credit-scorecard',
      risk: riskAssessment({ likelihood: 3, impact: 4 }),
    },
  };
}

const baseEntities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    ...meta('credit-risk'),
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    ...meta('lending'),
    spec: { owner: 'credit-risk' },
  },
  ...['loan-applications', 'bureau-data'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    ...meta(name),
    spec: { type: 'dataset', owner: 'credit-risk' },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    ...meta('credit-score-api'),
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'credit-risk',
      definition: 'openapi: 3.0.0',
    },
  },
  {
    apiVersion: 'model-hub.io/v1alpha1',
    kind: 'Model',
    ...meta('credit-scorecard'),
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'credit-risk',
      risk: riskAssessment({ likelihood: 1, impact: 3 }),
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    ...meta('loan-origination'),
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'credit-risk',
      dependsOn: ['model:default/credit-pd'],
    },
  },
];

const toYaml = (entities: object[]) =>
  entities.map(e => stringify(e)).join('---\n');

describe.each(databases.eachSupportedId())('Model kind on %s', databaseId => {
  const mockDir = createMockDirectory();
  let catalog: CatalogTestBackend | undefined;

  afterEach(async () => {
    await catalog?.stop();
    catalog = undefined;
  });

  async function start(entities: object[]) {
    mockDir.setContent({ 'catalog-info.yaml': toYaml(entities) });
    catalog = await startCatalogTestBackend({
      databases,
      databaseId,
      locations: [mockDir.resolve('catalog-info.yaml')],
    });
    return catalog;
  }

  it('ingests valid models with relations in both directions', async () => {
    const c = await start([...baseEntities, creditModel()]);

    const model = await eventually(async () => {
      const entity = await c.getEntity('model:default/credit-pd');
      expect(relationsOf(entity)).toEqual([
        'dependencyOf component:default/loan-origination',
        'dependsOn resource:default/bureau-data',
        'dependsOn resource:default/loan-applications',
        `${RELATION_HAS_FALLBACK_MODEL} model:default/credit-scorecard`,
        'ownedBy group:default/credit-risk',
        'partOf system:default/lending',
        'providesApi api:default/credit-score-api',
      ]);
      return entity!;
    });
    expect(model.status?.items ?? []).toEqual([]);

    // Reverse relations land on the targets.
    await eventually(async () => {
      expect(
        relationsOf(await c.getEntity('group:default/credit-risk')),
      ).toEqual(
        expect.arrayContaining([
          'ownerOf model:default/credit-pd',
          'ownerOf model:default/credit-scorecard',
        ]),
      );
      expect(
        relationsOf(await c.getEntity('system:default/lending')),
      ).toContain('hasPart model:default/credit-pd');
      expect(
        relationsOf(await c.getEntity('resource:default/loan-applications')),
      ).toContain('dependencyOf model:default/credit-pd');
      expect(
        relationsOf(await c.getEntity('api:default/credit-score-api')),
      ).toContain('apiProvidedBy model:default/credit-pd');
      expect(
        relationsOf(await c.getEntity('model:default/credit-scorecard')),
      ).toContain(`${RELATION_FALLBACK_MODEL_OF} model:default/credit-pd`);
      // A service that lists the model in spec.dependsOn is its dependent.
      expect(
        relationsOf(await c.getEntity('component:default/loan-origination')),
      ).toContain('dependsOn model:default/credit-pd');
    });

    // "Which services use this model" is one catalog query.
    const users = await c.getEntities(
      'kind=component,relations.dependsOn=model:default/credit-pd',
    );
    expect(users.map(e => e.metadata.name)).toEqual(['loan-origination']);

    // The kind filter finds models, and the stored spec feeds the risk matrix.
    const models = await c.getEntities('kind=model');
    expect(models.map(e => e.metadata.name).sort()).toEqual([
      'credit-pd',
      'credit-scorecard',
    ]);
    expect(isModelEntity(model)).toBe(true);
    expect(assessModelRisk((model as ModelEntity).spec.risk)).toMatchObject({
      level: 'High',
      score: 12,
      worstRisk: 'wrongPrediction',
    });
  });

  it('keeps the last good version of a model that turns malformed, and processes the others', async () => {
    const c = await start([...baseEntities, creditModel()]);
    await eventually(async () => {
      const entity = await c.getEntity('model:default/credit-pd');
      expect(entity?.relations?.length).toBeGreaterThan(0);
    });

    // The model gets a bad likelihood; in the same change another model is
    // edited, a new model is added and a brand-new model is malformed.
    const broken = creditModel('Probability of default, v4');
    broken.spec.risk.assessments.wrongPrediction.likelihood = 7;
    const scorecard = baseEntities.find(
      e => e.metadata.name === 'credit-scorecard',
    )!;
    const newModel = {
      ...scorecard,
      ...meta('credit-scorecard-v2'),
      spec: { ...scorecard.spec, lifecycle: 'experimental' },
    };
    const neverValid = {
      ...scorecard,
      ...meta('broken-from-start'),
      spec: { ...scorecard.spec, type: 'astrology' },
    };
    mockDir.setContent({
      'catalog-info.yaml': toYaml([
        ...baseEntities.map(e =>
          e === scorecard
            ? { ...e, metadata: { ...e.metadata, description: 'edited' } }
            : e,
        ),
        broken,
        newModel,
        neverValid,
      ]),
    });
    await c.refresh('model:default/credit-pd');

    const expectedError =
      'Model "credit-pd" spec.risk.assessments.wrongPrediction.likelihood: 7 is not allowed; must be an integer from 1 to 5';
    const entity = await eventually(async () => {
      const current = await c.getEntity('model:default/credit-pd');
      expect(current?.status?.items).toEqual([
        expect.objectContaining({
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: expect.stringContaining(expectedError),
        }),
      ]);
      return current!;
    });
    // The last good version is still served, relations included.
    expect(entity.metadata.description).toBe('Probability of default, v3');
    expect(
      (entity.spec as any).risk.assessments.wrongPrediction.likelihood,
    ).toBe(3);
    expect(relationsOf(entity)).toContain('ownedBy group:default/credit-risk');
    expect(
      relationsOf(await c.getEntity('component:default/loan-origination')),
    ).toContain('dependsOn model:default/credit-pd');

    // Everything else in the same file was processed.
    await eventually(async () => {
      expect(
        (await c.getEntity('model:default/credit-scorecard'))?.metadata
          .description,
      ).toBe('edited');
      expect(
        await c.getEntity('model:default/credit-scorecard-v2'),
      ).toMatchObject({ spec: { lifecycle: 'experimental' } });
    });

    // A model that was never valid is not served; its error names the field.
    expect(
      await c.getEntity('model:default/broken-from-start'),
    ).toBeUndefined();
    await eventually(async () => {
      const errors = c.processingErrors.get('model:default/broken-from-start');
      expect(errors?.map(e => String(e))).toEqual([
        expect.stringContaining(
          'Model "broken-from-start" spec.type: "astrology" is not allowed; must be one of classification,',
        ),
      ]);
    });

    // Fixing the file clears the error and applies the new version.
    mockDir.setContent({
      'catalog-info.yaml': toYaml([
        ...baseEntities,
        creditModel('Probability of default, v4'),
      ]),
    });
    await c.refresh('model:default/credit-pd');
    await eventually(async () => {
      const fixed = await c.getEntity('model:default/credit-pd');
      expect(fixed?.metadata.description).toBe('Probability of default, v4');
      expect(fixed?.status?.items ?? []).toEqual([]);
    });
  });
});
