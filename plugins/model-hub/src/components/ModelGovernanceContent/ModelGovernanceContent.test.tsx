import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { ModelGovernance, modelHubApiRef } from '../../api/ModelHubApi';
import { ModelGovernanceContent } from './ModelGovernanceContent';

// The backend is replaced by a fake ModelHubApi: this tests what the tab shows
// for the governance summaries the backend returns (it has its own tests).
const model: Entity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'credit-scoring-pd', namespace: 'default' },
  spec: { type: 'classification', owner: 'group:default/credit-risk' },
};

const governance: ModelGovernance = {
  modelRef: 'model:default/credit-scoring-pd',
  riskLevel: 'Severe',
  regulatoryCategory: 'high',
  policy: {
    evidence: ['modelCard', 'independentValidation'],
    approvals: 2,
    reviewCadenceMonths: 3,
  },
  status: 'WAITING_FOR_APPROVAL',
  latestApprovedVersion: '3.1.0',
  versions: [
    {
      version: '3.2.0',
      publishedBy: 'user:default/dana',
      publishedAt: '2026-11-20T10:00:00.000Z',
      deprecated: false,
      state: 'WAITING_FOR_APPROVAL',
      reviewId: '7',
      evidence: {
        complete: false,
        items: [
          {
            kind: 'modelCard',
            title: 'Model card (description, intended use, limitations)',
            source: 'derived',
            complete: true,
            reference: 'catalog entity (description, intended use)',
          },
          {
            kind: 'independentValidation',
            title: 'Independent validation report',
            source: 'attached',
            complete: false,
          },
        ],
      },
    },
    {
      version: '3.1.0',
      publishedBy: 'user:default/dana',
      publishedAt: '2026-08-01T10:00:00.000Z',
      deprecated: false,
      state: 'APPROVED',
      expiresAt: '2026-12-01T10:00:00.000Z',
      reviewId: '5',
      evidence: { complete: true, items: [] },
    },
  ],
};

function render(getGovernance: jest.Mock) {
  return renderInTestApp(
    <EntityProvider entity={model}>
      <ModelGovernanceContent />
    </EntityProvider>,
    {
      apis: [[modelHubApiRef, { getStatuses: jest.fn(), getGovernance }]],
    },
  );
}

describe('ModelGovernanceContent', () => {
  it('shows the policy, each version state, missing evidence and expiry', async () => {
    const getGovernance = jest.fn(async () => governance);
    render(getGovernance);

    expect(await screen.findByText('Severe')).toBeInTheDocument();
    expect(getGovernance).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'credit-scoring-pd',
    });
    expect(
      screen.getByText(/Approvals needed: 2 \(never the publisher\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Review every 3 months/)).toBeInTheDocument();
    expect(
      screen.getByText(/Latest approved version: 3\.1\.0/),
    ).toBeInTheDocument();
    // Each version in words, with what it still lacks.
    expect(screen.getAllByText('Waiting for approval')).toHaveLength(2);
    expect(screen.getByText('Approved')).toBeInTheDocument();
    expect(
      screen.getByText('✗ Independent validation report'),
    ).toBeInTheDocument();
    expect(screen.getByText('✓ complete (0 items)')).toBeInTheDocument();
    expect(screen.getByText('2026-12-01')).toBeInTheDocument();
  });

  it('tells how to publish when the model has no version', async () => {
    render(
      jest.fn(async () => ({
        ...governance,
        status: 'NOT_STARTED',
        latestApprovedVersion: undefined,
        versions: [],
      })),
    );
    expect(
      await screen.findByText(/No version published yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Latest approved version: none/),
    ).toBeInTheDocument();
  });

  it('shows the backend error, e.g. when the user may not read the model', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'Not allowed: model-hub.read on model:default/credit-scoring-pd',
          },
          request: { method: 'GET', url: '/governance' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    render(
      jest.fn(async () => {
        throw forbidden;
      }),
    );
    expect(
      await screen.findByText(/Not allowed: model-hub\.read/),
    ).toBeInTheDocument();
  });
});
