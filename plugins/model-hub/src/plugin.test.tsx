import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { modelHubApiRef } from './api/ModelHubApi';
import { entityModelsContent, modelGovernanceContent } from './plugin';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'loan-origination-service', namespace: 'default' },
  spec: { type: 'service', owner: 'lending', lifecycle: 'production' },
  relations: [
    { type: 'dependsOn', targetRef: 'model:default/credit-scoring-pd' },
  ],
};

const model: Entity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'credit-scoring-pd', namespace: 'default' },
  spec: {},
};

describe('new frontend system extensions', () => {
  it('puts the Models tab only on entities that depend on a model', async () => {
    const tester = createExtensionTester(entityModelsContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Models');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(service)).toBe(true);
    expect(filter({ ...service, relations: [] })).toBe(false);

    const getStatuses = jest.fn(async () => [
      {
        entityRef: 'model:default/credit-scoring-pd',
        found: true as const,
        title: 'Consumer credit probability of default',
        riskLevel: 'High' as const,
        regulatoryCategory: 'high',
        governanceStatus: 'APPROVED' as const,
        latestApprovedVersion: '3.1.0',
        driftStatus: 'ok' as const,
        drift: [],
        deployments: [],
      },
    ]);
    renderInTestApp(
      <EntityProvider entity={service}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[modelHubApiRef, { getStatuses, getGovernance: jest.fn() }]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('Consumer credit probability of default'),
    ).toBeInTheDocument();
  });

  it('puts the Governance tab only on Model entities', async () => {
    const tester = createExtensionTester(modelGovernanceContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Governance',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(model)).toBe(true);
    expect(filter(service)).toBe(false);
  });
});
