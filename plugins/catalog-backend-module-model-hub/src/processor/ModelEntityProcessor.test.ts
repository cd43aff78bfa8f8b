import { processingResult } from '@backstage/plugin-catalog-node';
import { ModelEntityProcessor } from './ModelEntityProcessor';

const location = { type: 'url', target: 'https://example.com/models.yaml' };

function model(spec: object = {}): any {
  return {
    apiVersion: 'model-hub.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'churn', namespace: 'marketing' },
    spec: {
      type: 'classification',
      lifecycle: 'experimental',
      owner: 'user:default/jane',
      risk: {
        assessments: {
          unavailability: { likelihood: 1, impact: 1 },
          wrongPrediction: { likelihood: 1, impact: 1 },
          degradation: { likelihood: 1, impact: 1 },
          skillsLoss: { likelihood: 1, impact: 1 },
        },
        rationale: 'Internal analysis only.',
        regulatoryCategory: 'minimal',
        businessDomain: 'marketing',
      },
      ...spec,
    },
  };
}

describe('ModelEntityProcessor', () => {
  const processor = new ModelEntityProcessor();

  it('claims valid models only', async () => {
    await expect(processor.validateEntityKind(model())).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: {},
      }),
    ).resolves.toBe(false);
    await expect(
      processor.validateEntityKind(model({ lifecycle: 'beta' })),
    ).rejects.toThrow(
      'Model "churn" spec.lifecycle: "beta" is not allowed; must be one of experimental, production, deprecated, retired',
    );
  });

  it('emits both directions of every relation, in the model namespace by default', async () => {
    const emit = jest.fn();
    const entity = model({
      system: 'campaigns',
      trainingData: [
        { dataset: 'customer-events', sensitive: true },
        { dataset: 'customer-events', sensitive: true, role: 'validation' },
      ],
      metrics: [{ name: 'auc', value: 0.7, dataset: 'holdout' }],
      serving: { providesApi: 'default/churn-api' },
      fallbackModel: 'churn-baseline',
    });
    await expect(
      processor.postProcessEntity(entity, location, emit),
    ).resolves.toBe(entity);

    const self = { kind: 'Model', namespace: 'marketing', name: 'churn' };
    const pair = (
      target: { kind: string; namespace: string; name: string },
      type: string,
      reverse: string,
    ) => [
      [processingResult.relation({ source: self, type, target })],
      [
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      ],
    ];
    expect(emit.mock.calls).toEqual([
      ...pair(
        { kind: 'user', namespace: 'default', name: 'jane' },
        'ownedBy',
        'ownerOf',
      ),
      ...pair(
        { kind: 'System', namespace: 'marketing', name: 'campaigns' },
        'partOf',
        'hasPart',
      ),
      ...pair(
        { kind: 'Resource', namespace: 'marketing', name: 'customer-events' },
        'dependsOn',
        'dependencyOf',
      ),
      ...pair(
        { kind: 'API', namespace: 'default', name: 'churn-api' },
        'providesApi',
        'apiProvidedBy',
      ),
      ...pair(
        { kind: 'Model', namespace: 'marketing', name: 'churn-baseline' },
        'hasFallbackModel',
        'fallbackModelOf',
      ),
    ]);
  });

  it('leaves other kinds alone', async () => {
    const emit = jest.fn();
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { owner: 'a' },
    };
    await processor.postProcessEntity(component, location, emit);
    expect(emit).not.toHaveBeenCalled();
  });
});
