import { isModelEntity } from './types';
import {
  ModelValidationError,
  modelEntityV1alpha1Validator,
  validateModelEntity,
} from './validation';
import { modelEntityV1alpha1Schema } from './schema';

function validModel(): any {
  return {
    apiVersion: 'model-hub.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'credit-scoring-pd', title: 'Credit scoring PD' },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:default/credit-risk-analytics',
      system: 'consumer-lending',
      version: '3.2.0',
      framework: { name: 'xgboost', version: '2.0' },
      format: { name: 'onnx', version: '1.15' },
      license: 'proprietary',
      intendedUse: {
        useCases: ['Probability of default for consumer loan applications'],
        users: ['Credit officers'],
      },
      outOfScopeUses: ['Mortgage lending'],
      limitations: ['Thin-file applicants'],
      ethicalConsiderations: [
        { name: 'Age bias', mitigation: 'Monthly fairness audit' },
      ],
      trainingData: [
        { dataset: 'loan-applications-2019-2024', sensitive: true },
      ],
      metrics: [
        { name: 'auc', value: 0.81 },
        { name: 'auc', value: 0.74, slice: 'age<25', dataset: 'holdout' },
      ],
      serving: {
        mode: 'online',
        endpoint: 'https://models.example.com/credit-pd',
        providesApi: 'credit-score-api',
        alias: 'champion',
        rollout: { strategy: 'full', trafficPercent: 100 },
      },
      fallbackModel: 'credit-scoring-scorecard',
      risk: {
        assessments: {
          unavailability: { likelihood: 2, impact: 3 },
          wrongPrediction: { likelihood: 3, impact: 4, rationale: 'x' },
          degradation: { likelihood: 3, impact: 4 },
          skillsLoss: { likelihood: 2, impact: 3 },
        },
        rationale: 'Credit decisions for consumers.',
        regulatoryCategory: 'high',
        businessDomain: 'consumer-credit',
        exposure: 'external',
        assessedAt: '2025-03-01',
      },
    },
  };
}

async function problemsOf(entity: any): Promise<string[]> {
  try {
    await modelEntityV1alpha1Validator.check(entity);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelValidationError);
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected the entity to be rejected');
}

describe('modelEntityV1alpha1Validator', () => {
  it('accepts a full model', async () => {
    await expect(
      modelEntityV1alpha1Validator.check(validModel()),
    ).resolves.toBe(true);
    expect(isModelEntity(validModel())).toBe(true);
  });

  it('accepts a minimal model and unknown top-level spec fields', async () => {
    const entity = validModel();
    entity.spec = {
      type: 'generative',
      lifecycle: 'experimental',
      owner: 'jane',
      risk: entity.spec.risk,
      somethingNew: { a: 1 },
    };
    await expect(modelEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  });

  it('ignores entities of other kinds and groups', async () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: {},
    };
    await expect(
      modelEntityV1alpha1Validator.check(component as any),
    ).resolves.toBe(false);
    await expect(
      modelEntityV1alpha1Validator.check({
        ...validModel(),
        apiVersion: 'other.io/v1',
      }),
    ).resolves.toBe(false);
    expect(isModelEntity(component as any)).toBe(false);
  });

  it('rejects an unknown apiVersion of its own group', async () => {
    expect(
      await problemsOf({ ...validModel(), apiVersion: 'model-hub.io/v2' }),
    ).toEqual([
      'Model "credit-scoring-pd" apiVersion: "model-hub.io/v2" is not allowed; must be one of model-hub.io/v1alpha1',
    ]);
  });

  it('names field, value and allowed range of a bad risk rating', async () => {
    const entity = validModel();
    entity.spec.risk.assessments.wrongPrediction.likelihood = 7;
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.risk.assessments.wrongPrediction.likelihood: 7 is not allowed; must be an integer from 1 to 5',
    ]);
  });

  it('reports a non-integer rating once', async () => {
    const entity = validModel();
    entity.spec.risk.assessments.degradation.impact = '4';
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.risk.assessments.degradation.impact: "4" is not allowed; must be an integer from 1 to 5',
    ]);
  });

  it('lists allowed enum values', async () => {
    const entity = validModel();
    entity.spec.type = 'magic';
    entity.spec.risk.regulatoryCategory = 'medium';
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.type: "magic" is not allowed; must be one of classification, regression, ranking, recommendation, forecasting, clustering, anomaly-detection, nlp, computer-vision, generative',
      'Model "credit-scoring-pd" spec.risk.regulatoryCategory: "medium" is not allowed; must be one of minimal, limited, high, unacceptable',
    ]);
  });

  it('names missing required fields', async () => {
    const entity = validModel();
    delete entity.spec.owner;
    delete entity.spec.risk.assessments.skillsLoss;
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.owner: is required; must be a non-empty string',
      'Model "credit-scoring-pd" spec.risk.assessments.skillsLoss: is required; must be an object with likelihood, impact',
    ]);
  });

  it('requires a risk assessment', async () => {
    const entity = validModel();
    delete entity.spec.risk;
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.risk: is required; must be an object with assessments, rationale, regulatoryCategory, businessDomain',
    ]);
  });

  it('reports typos in structured fields', async () => {
    const entity = validModel();
    entity.spec.risk.assessments.unavailability = { likelyhood: 2, impact: 3 };
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.risk.assessments.unavailability.likelihood: is required; must be an integer from 1 to 5',
      'Model "credit-scoring-pd" spec.risk.assessments.unavailability.likelyhood: unknown field is not allowed; allowed fields are likelihood, impact, rationale',
    ]);
  });

  it('uses array indexes in paths', async () => {
    const entity = validModel();
    entity.spec.trainingData.push({ dataset: 'customers' });
    entity.spec.metrics[1].value = 'high';
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.trainingData[1].sensitive: is required; must be true or false',
      'Model "credit-scoring-pd" spec.metrics[1].value: "high" is not allowed; must be a number',
    ]);
  });

  it('checks lists, strings and patterns', async () => {
    const entity = validModel();
    entity.spec.limitations = 'none';
    entity.spec.owner = '';
    entity.spec.risk.assessedAt = 'March 2025';
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.owner: "" is not allowed; must be a non-empty string',
      'Model "credit-scoring-pd" spec.limitations: "none" is not allowed; must be a list of non-empty string items',
      'Model "credit-scoring-pd" spec.risk.assessedAt: "March 2025" is not allowed; must be a string matching ^\\d{4}-\\d{2}-\\d{2}$',
    ]);
  });

  it('checks the kind and form of entity references', async () => {
    const entity = validModel();
    entity.spec.owner = 'component:default/credit-service';
    entity.spec.fallbackModel = 'model:a:b';
    entity.spec.trainingData[0].dataset = 'api:loans';
    entity.spec.risk.assessedBy = 'system:lending';
    expect(await problemsOf(entity)).toEqual([
      'Model "credit-scoring-pd" spec.owner: "component:default/credit-service" is not allowed; must be a reference to group or user entity, [<kind>:][<namespace>/]<name>',
      'Model "credit-scoring-pd" spec.trainingData[0].dataset: "api:loans" is not allowed; must be a reference to resource entity, [<kind>:][<namespace>/]<name>',
      'Model "credit-scoring-pd" spec.fallbackModel: "model:a:b" is not allowed; must be a reference to model entity, [<kind>:][<namespace>/]<name>',
      'Model "credit-scoring-pd" spec.risk.assessedBy: "system:lending" is not allowed; must be a reference to user or group entity, [<kind>:][<namespace>/]<name>',
    ]);
  });

  it('returns problems with path and value from validateModelEntity', () => {
    const entity = validModel();
    entity.spec.serving.rollout.trafficPercent = 120;
    const result = validateModelEntity(entity);
    expect(result).toEqual({
      valid: false,
      problems: [
        {
          path: 'spec.serving.rollout.trafficPercent',
          value: 120,
          message: '120 is not allowed; must be a number from 0 to 100',
        },
      ],
    });
  });

  it('exports a JSON-serialisable schema', () => {
    expect(JSON.parse(JSON.stringify(modelEntityV1alpha1Schema))).toEqual(
      modelEntityV1alpha1Schema,
    );
  });
});
