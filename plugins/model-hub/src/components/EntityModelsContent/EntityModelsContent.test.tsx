import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ModelHubApi, modelHubApiRef } from '../../api/ModelHubApi';
import { EntityModelsContent } from './EntityModelsContent';
import { EntityModelsCard } from './EntityModelsCard';

// The backend is replaced by a fake ModelHubApi: this tests what the tab
// shows for the statuses the backend returns (the backend has its own tests).
const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'loan-origination-service',
    annotations: {
      'model-hub.io/pinned-versions': 'model:default/credit-scoring-pd@3.0.0',
    },
  },
  spec: { type: 'service', owner: 'lending', lifecycle: 'production' },
  relations: [
    { type: 'dependsOn', targetRef: 'model:default/credit-scoring-pd' },
    { type: 'dependsOn', targetRef: 'model:default/retired-model' },
    { type: 'dependsOn', targetRef: 'resource:default/loans-db' },
    { type: 'ownedBy', targetRef: 'group:default/lending' },
  ],
};

describe('EntityModelsContent', () => {
  it('shows risk, governance, drift and whether deployed versions are approved', async () => {
    const getStatuses = jest.fn<
      ReturnType<ModelHubApi['getStatuses']>,
      Parameters<ModelHubApi['getStatuses']>
    >(async () => [
      {
        entityRef: 'model:default/credit-scoring-pd',
        found: true,
        title: 'Consumer credit probability of default',
        riskLevel: 'High',
        regulatoryCategory: 'high',
        governanceStatus: 'REVIEW_OVERDUE',
        latestApprovedVersion: '3.1.0',
        approvedVersions: ['3.1.0'],
        fallbackModel: 'credit-scorecard-logit',
        driftStatus: 'drift',
        drift: [],
        deployments: [
          {
            environment: 'production',
            version: '3.2.0',
            deployedAt: '2026-11-01T00:00:00Z',
            governanceStatus: 'WAITING_FOR_APPROVAL',
            approved: false,
          },
        ],
      },
      { entityRef: 'model:default/retired-model', found: false },
    ]);
    await renderInTestApp(
      <TestApiProvider
        apis={[[modelHubApiRef, { getStatuses, getGovernance: jest.fn() }]]}
      >
        <EntityProvider entity={service}>
          <EntityModelsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    // Only model dependencies are asked for, in one call.
    expect(getStatuses).toHaveBeenCalledWith([
      'model:default/credit-scoring-pd',
      'model:default/retired-model',
    ]);
    expect(
      await screen.findByText('Consumer credit probability of default'),
    ).toBeInTheDocument();
    expect(screen.getByText('High')).toBeInTheDocument();
    expect(screen.getByText('Review overdue')).toBeInTheDocument();
    expect(screen.getByText('drift')).toBeInTheDocument();
    expect(screen.getByText('3.1.0')).toBeInTheDocument();
    // The pinned version is no longer approved: the tab says where to move.
    expect(
      screen.getByText('3.0.0 is not approved: move to 3.1.0'),
    ).toBeInTheDocument();
    expect(screen.getByText('credit-scorecard-logit')).toBeInTheDocument();
    expect(
      screen.getByText('production: 3.2.0 (not approved)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Not in the catalog or not visible to you: model:default\/retired-model/,
      ),
    ).toBeInTheDocument();
  });

  it('says so when the entity uses no model', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            modelHubApiRef,
            { getStatuses: jest.fn(), getGovernance: jest.fn() },
          ],
        ]}
      >
        <EntityProvider entity={{ ...service, relations: [] }}>
          <EntityModelsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('No models')).toBeInTheDocument();
  });

  it('gives the same at a glance in the Overview card', async () => {
    const getStatuses = jest.fn(async () => [
      {
        entityRef: 'model:default/credit-scoring-pd',
        found: true as const,
        title: 'Consumer credit probability of default',
        riskLevel: 'High' as const,
        regulatoryCategory: 'high',
        governanceStatus: 'APPROVED' as const,
        latestApprovedVersion: '3.2.0',
        approvedVersions: ['3.2.0', '3.0.0'],
        fallbackModel: 'credit-scorecard-logit',
        driftStatus: 'ok' as const,
        drift: [],
        deployments: [],
      },
    ]);
    await renderInTestApp(
      <TestApiProvider
        apis={[[modelHubApiRef, { getStatuses, getGovernance: jest.fn() }]]}
      >
        <EntityProvider entity={service}>
          <EntityModelsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText('Consumer credit probability of default'),
    ).toBeInTheDocument();
    expect(screen.getByText('Approved')).toBeInTheDocument();
    expect(
      screen.getByText('3.0.0 (approved; 3.2.0 is newer)'),
    ).toBeInTheDocument();
    expect(screen.getByText('credit-scorecard-logit')).toBeInTheDocument();
  });
});
