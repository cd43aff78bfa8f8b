import { screen, within } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  renderInTestApp as renderInLegacyTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ModelEntity } from '@model-hub/backstage-plugin-model-hub-common';
import { ModelGovernance, modelHubApiRef } from '../../api/ModelHubApi';
import { EntityModelHubRiskContent } from '../../legacy';
import { modelRiskContent } from '../../plugin';
import { ModelRiskContent } from './ModelRiskContent';

// Each render lays out a material-table table: slow on a busy CI machine.
jest.setTimeout(15_000);

// grid-load-forecast-day-ahead from examples/model-hub/models.yaml: Severe
// (wrong prediction 4 x 5), EU AI Act high risk (critical infrastructure).
const gridLoadForecast: ModelEntity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'grid-load-forecast-day-ahead',
    namespace: 'default',
    title: 'Day-ahead grid load forecast',
    description:
      'Quarter-hourly load forecast per grid zone for the next day, used to plan balancing and reserve capacity.',
    tags: ['energy', 'forecasting', 'critical-infrastructure'],
  },
  spec: {
    type: 'forecasting',
    lifecycle: 'production',
    owner: 'energy-forecasting',
    system: 'grid-load-planning',
    version: '5.0.2',
    framework: { name: 'pytorch', version: '2.3' },
    format: { name: 'torchscript' },
    license: 'proprietary',
    architecture:
      'Temporal Fusion Transformer with weather and calendar covariates',
    inputFormat: 'Load history (7 days) and weather forecast per zone',
    outputFormat: '96 quarter-hour quantiles (P10, P50, P90) per zone',
    intendedUse: {
      useCases: ['Day-ahead balancing and reserve planning'],
      users: ['Grid balancing planner', 'Control room operators'],
    },
    outOfScopeUses: ['Intraday control actions (< 1 hour ahead)'],
    limitations: [
      'Public holidays falling on a bridge day are under-forecast',
      'Large new loads (data centres, heat pumps) appear only after retraining',
    ],
    tradeoffs: ['Quantile loss favours calibrated P90 over P50 accuracy'],
    trainingData: [
      {
        dataset: 'smart-meter-load-history',
        sensitive: false,
        role: 'training',
      },
      { dataset: 'weather-observations', sensitive: false, role: 'training' },
    ],
    metrics: [
      { name: 'mape', value: 0.031, dataset: 'smart-meter-load-history' },
      {
        name: 'mape',
        value: 0.072,
        slice: 'public holidays',
        dataset: 'smart-meter-load-history',
      },
      {
        name: 'p90-coverage',
        value: 0.88,
        dataset: 'smart-meter-load-history',
      },
    ],
    serving: {
      mode: 'batch',
      endpoint: 'https://models.example.com/grid-load-forecast/predictions',
      providesApi: 'load-forecast-api',
      alias: 'champion',
    },
    fallbackModel: 'grid-load-seasonal-baseline',
    risk: {
      assessments: {
        unavailability: {
          likelihood: 2,
          impact: 5,
          rationale:
            'Without a forecast the balancing plan for the next day cannot be made',
        },
        wrongPrediction: {
          likelihood: 4,
          impact: 5,
          rationale:
            'Large errors on extreme weather days lead to imbalance costs and grid stress',
        },
        degradation: { likelihood: 3, impact: 4 },
        skillsLoss: { likelihood: 2, impact: 4 },
      },
      rationale:
        'Used in the operation of critical infrastructure (electricity supply); errors have physical and financial consequences.',
      regulatoryCategory: 'high',
      businessDomain: 'energy-grid-operations',
      exposure: 'company',
      assessedAt: '2025-03-03',
      assessedBy: 'user:ingrid.hansen',
    },
  },
};

// day-ahead-price-forecast: Severe through skills loss (one-person team),
// minimal under the EU AI Act, no assessor recorded.
const priceForecast: ModelEntity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'day-ahead-price-forecast',
    namespace: 'default',
    title: 'Day-ahead electricity price forecast',
  },
  spec: {
    type: 'forecasting',
    lifecycle: 'production',
    owner: 'energy-trading-analytics',
    system: 'energy-trading',
    version: '2.2.0',
    framework: { name: 'lightgbm', version: '4.1' },
    format: { name: 'pickle' },
    license: 'proprietary',
    intendedUse: {
      useCases: ['Bid curves for the day-ahead auction'],
      users: ['Trading desk'],
    },
    trainingData: [
      { dataset: 'epex-day-ahead-prices', sensitive: false },
      { dataset: 'weather-observations', sensitive: false },
    ],
    serving: { mode: 'batch', providesApi: 'price-forecast-api' },
    risk: {
      assessments: {
        unavailability: {
          likelihood: 2,
          impact: 3,
          rationale: 'Traders fall back on their own view',
        },
        wrongPrediction: { likelihood: 3, impact: 3 },
        degradation: { likelihood: 3, impact: 3 },
        skillsLoss: {
          likelihood: 5,
          impact: 4,
          rationale:
            'One-person team; the training code and data preparation are not documented and run outside the platform.',
        },
      },
      rationale: 'Business critical for trading but maintained by one person.',
      regulatoryCategory: 'minimal',
      businessDomain: 'energy-trading',
      exposure: 'team',
      // Assessed today: not due for review.
      assessedAt: new Date().toISOString().slice(0, 10),
    },
  },
};

const gridGovernance: ModelGovernance = {
  modelRef: 'model:default/grid-load-forecast-day-ahead',
  riskLevel: 'Severe',
  regulatoryCategory: 'high',
  policy: {
    evidence: [
      'modelCard',
      'owner',
      'evaluationReport',
      'driftMonitoring',
      'independentValidation',
      'fairnessEvaluation',
      'fallbackModel',
      'humanOversightPlan',
      'technicalDocumentation',
    ],
    approvals: 3,
    reviewCadenceMonths: 3,
  },
  policyOverride: {
    policy: { approvals: 3 },
    reason: 'Grid operator licence requires sign-off by the control room lead',
    updatedBy: 'user:default/ingrid.hansen',
    updatedAt: '2025-03-04T09:00:00.000Z',
  },
  status: 'APPROVED',
  latestApprovedVersion: '5.0.2',
  versions: [],
};

function render(entity: ModelEntity, getGovernance: jest.Mock) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ModelRiskContent />
    </EntityProvider>,
    {
      apis: [[modelHubApiRef, { getStatuses: jest.fn(), getGovernance }]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const cell = (likelihood: number, impact: number) =>
  screen.getByTestId(`cell likelihood ${likelihood} impact ${impact}`);

describe('ModelRiskContent', () => {
  it('places each risk in its cell, with levels in words and the controls of the level', async () => {
    const getGovernance = jest.fn(async () => gridGovernance);
    render(gridLoadForecast, getGovernance);

    expect(
      await screen.findByText('Controls required at Severe'),
    ).toBeInTheDocument();
    expect(getGovernance).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'grid-load-forecast-day-ahead',
    });

    // Rows from very likely (5) at the top to rare (1), columns from very
    // low (1) to very large (5).
    const matrix = screen.getByLabelText('Risk matrix: likelihood by impact');
    const rowHeaders = within(matrix)
      .getAllByRole('rowheader')
      .map(h => h.textContent);
    expect(rowHeaders).toEqual([
      '5 · Very likely',
      '4 · Likely',
      '3 · Possible',
      '2 · Unlikely',
      '1 · Rare',
    ]);
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map(h => h.textContent)
        .slice(-5),
    ).toEqual([
      '1 · Very low',
      '2 · Low',
      '3 · Moderate',
      '4 · Large',
      '5 · Very large',
    ]);
    expect(within(matrix).getAllByRole('cell')).toHaveLength(25 + 1);

    // Every cell says its score and level in words, not only in colour.
    expect(within(cell(5, 5)).getByText('25 · Severe')).toBeInTheDocument();
    expect(within(cell(1, 1)).getByText('1 · Low')).toBeInTheDocument();
    expect(within(cell(3, 3)).getByText('9 · Medium')).toBeInTheDocument();
    expect(within(cell(2, 5)).getByText('10 · High')).toBeInTheDocument();

    // The four risks as labelled chips in their cells.
    expect(within(cell(4, 5)).getByText('20 · Severe')).toBeInTheDocument();
    expect(
      within(cell(4, 5)).getByText('Wrong prediction'),
    ).toBeInTheDocument();
    expect(within(cell(2, 5)).getByText('Unavailability')).toBeInTheDocument();
    expect(within(cell(3, 4)).getByText('Degradation')).toBeInTheDocument();
    expect(within(cell(2, 4)).getByText('Skills loss')).toBeInTheDocument();
    expect(within(matrix).getAllByTestId(/^risk /)).toHaveLength(4);

    // Overall level in words, worst risk named.
    expect(
      screen.getByText(/the worst of the four risks: Wrong prediction/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Severe').length).toBeGreaterThan(0);

    // Rationales below the matrix.
    expect(
      screen.getByText(
        'Large errors on extreme weather days lead to imbalance costs and grid stress',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No rationale given')).toHaveLength(2);

    // EU AI Act category, each category explained.
    expect(
      screen.getByText(/High risk \(this model\): Annex III/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Unacceptable risk: Prohibited practices/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Limited risk: Transparency duties/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Minimal risk: No obligations/),
    ).toBeInTheDocument();

    // Controls from Model Hub's policy, override included.
    expect(
      screen.getByText(
        'Approvals needed: 3 (never the publisher or the requester)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Review every 3 months')).toBeInTheDocument();
    expect(
      screen.getByText(/Technical documentation \(EU AI Act Annex IV\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Human oversight plan/)).toBeInTheDocument();
    expect(
      screen.getByText(/Grid operator licence requires sign-off/),
    ).toBeInTheDocument();

    // Assessed 2025-03-03 with a 3-month cadence: overdue.
    expect(
      screen.getByText(
        /Risk assessment overdue: assessed 2025-03-03, due for review 2025-06-03/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Assessed: 2025-03-03/).querySelector('a'),
    ).toHaveAttribute('href', '/catalog/default/user/ingrid.hansen');
  });

  it('falls back to the default policy of the level when Model Hub cannot be read', async () => {
    const unavailable = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ServiceUnavailableError',
            message: 'Model Hub database is unavailable',
          },
          request: { method: 'GET', url: '/governance' },
          response: { statusCode: 503 },
        }),
        { status: 503, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    render(
      gridLoadForecast,
      jest.fn(async () => {
        throw unavailable;
      }),
    );

    expect(
      await screen.findByText(
        /Could not load the policy from Model Hub: showing the default policy for Severe/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Model Hub database is unavailable/).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Default governance policy')).toBeInTheDocument();
    // Default Severe policy: two approvals, every three months.
    expect(
      screen.getByText(
        'Approvals needed: 2 (never the publisher or the requester)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Review every 3 months')).toBeInTheDocument();
    // The matrix does not depend on the backend.
    expect(
      within(cell(4, 5)).getByText('Wrong prediction'),
    ).toBeInTheDocument();
  });

  it('puts risks sharing a cell together and does not warn about a fresh assessment', async () => {
    render(
      priceForecast,
      jest.fn(async () => ({
        ...gridGovernance,
        modelRef: 'model:default/day-ahead-price-forecast',
        regulatoryCategory: 'minimal',
        policy: {
          evidence: ['modelCard', 'owner'],
          approvals: 2,
          reviewCadenceMonths: 3,
        },
        policyOverride: undefined,
      })),
    );
    expect(
      await screen.findByText(
        'Approvals needed: 2 (never the publisher or the requester)',
      ),
    ).toBeInTheDocument();
    expect(
      within(cell(3, 3)).getByText('Wrong prediction'),
    ).toBeInTheDocument();
    expect(within(cell(3, 3)).getByText('Degradation')).toBeInTheDocument();
    expect(within(cell(5, 4)).getByText('Skills loss')).toBeInTheDocument();
    expect(within(cell(5, 4)).getByText('20 · Severe')).toBeInTheDocument();
    expect(
      screen.getByText(/the worst of the four risks: Skills loss/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Minimal risk \(this model\)/)).toBeInTheDocument();
    expect(screen.getByText(/assessor not recorded/)).toBeInTheDocument();
    expect(
      screen.queryByText(/Risk assessment overdue/),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText(/Includes the demands for EU AI Act/),
    ).not.toBeInTheDocument();
  });

  it('asks for the assessment when one of the four risks is not rated', async () => {
    const { wrongPrediction, ...incomplete } =
      gridLoadForecast.spec.risk.assessments;
    render(
      {
        ...gridLoadForecast,
        spec: {
          ...gridLoadForecast.spec,
          risk: {
            ...gridLoadForecast.spec.risk,
            assessments:
              incomplete as typeof gridLoadForecast.spec.risk.assessments,
          },
        },
      },
      jest.fn(async () => gridGovernance),
    );
    expect(
      await screen.findByText('No complete risk assessment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/assessments\.wrongPrediction: missing risk assessment/),
    ).toBeInTheDocument();
    expect(wrongPrediction.likelihood).toBe(4);
  });

  it('is the Risk tab of Model entities', () => {
    const tester = createExtensionTester(modelRiskContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Risk');
    expect(tester.get(coreExtensionData.routePath)).toBe('/risk');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(gridLoadForecast)).toBe(true);
    expect(
      filter({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'balancing-planner' },
      }),
    ).toBe(false);
  });

  it('renders through the legacy component extension', async () => {
    await renderInLegacyTestApp(
      <TestApiProvider
        apis={[
          [
            modelHubApiRef,
            {
              getStatuses: jest.fn(),
              getGovernance: async () => gridGovernance,
            },
          ],
        ]}
      >
        <EntityProvider entity={gridLoadForecast}>
          <EntityModelHubRiskContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText('Controls required at Severe'),
    ).toBeInTheDocument();
    expect(
      within(cell(4, 5)).getByText('Wrong prediction'),
    ).toBeInTheDocument();
  });
});
