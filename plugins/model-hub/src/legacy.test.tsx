import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { modelHubApiRef } from './api/ModelHubApi';
import { isModelConsumer } from './filters';
import { EntityModelHubModelsContent } from './legacy';

// Legacy apps mount the component extension directly; the backend is a fake
// ModelHubApi here.
describe('legacy frontend system', () => {
  const service = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'offer-service' },
    relations: [
      { type: 'dependsOn', targetRef: 'model:default/next-best-offer' },
    ],
  };

  it('renders the Models tab content through the plugin extension', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            modelHubApiRef,
            {
              getGovernance: jest.fn(),
              getStatuses: async () => [
                {
                  entityRef: 'model:default/next-best-offer',
                  found: true as const,
                  title: 'Next best offer',
                  riskLevel: 'Medium' as const,
                  regulatoryCategory: 'minimal',
                  governanceStatus: 'APPROVED' as const,
                  latestApprovedVersion: '5.0.0',
                  driftStatus: 'ok' as const,
                  drift: [],
                  deployments: [],
                },
              ],
            },
          ],
        ]}
      >
        <EntityProvider entity={service}>
          <EntityModelHubModelsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Next best offer')).toBeInTheDocument();
    expect(screen.getByText('Approved')).toBeInTheDocument();
  });

  it('shows the tab only on entities that use a model', () => {
    expect(isModelConsumer(service)).toBe(true);
    expect(isModelConsumer({ ...service, relations: [] })).toBe(false);
  });
});
