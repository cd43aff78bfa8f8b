import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  ModelHubApi,
  ModelListItem,
  ModelListPage,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { ModelsPage } from './ModelsPage';

// The backend is a fake ModelHubApi: this tests what the page asks for and
// shows; GET /models has its own tests in the backend.
const creditModel: ModelListItem = {
  entityRef: 'model:default/credit-scoring-pd',
  namespace: 'default',
  name: 'credit-scoring-pd',
  title: 'Consumer credit probability of default',
  description: 'Gradient-boosted model estimating the probability of default',
  tags: ['credit-risk'],
  type: 'classification',
  owner: 'group:default/credit-risk-analytics',
  system: 'consumer-lending',
  lifecycle: 'production',
  license: 'proprietary',
  riskLevel: 'High',
  regulatoryCategory: 'high',
  status: {
    governanceStatus: 'APPROVED',
    latestApprovedVersion: '3.2.0',
    driftStatus: 'ok',
    readyForProduction: true,
  },
};

const priceModel: ModelListItem = {
  ...creditModel,
  entityRef: 'model:default/day-ahead-price-forecast',
  name: 'day-ahead-price-forecast',
  title: 'Day-ahead electricity price forecast',
  description: undefined,
  type: 'regression',
  owner: 'group:default/energy-trading',
  riskLevel: 'Severe',
  regulatoryCategory: 'minimal',
  status: {
    governanceStatus: 'WAITING_FOR_APPROVAL',
    driftStatus: 'drift',
    readyForProduction: false,
  },
};

const facets: ModelListPage['facets'] = {
  owner: [
    { value: 'group:default/credit-risk-analytics', count: 3 },
    { value: 'group:default/energy-trading', count: 1 },
  ],
  system: [{ value: 'consumer-lending', count: 3 }],
  lifecycle: [{ value: 'production', count: 4 }],
  type: [
    { value: 'classification', count: 3 },
    { value: 'regression', count: 1 },
  ],
  license: [{ value: 'proprietary', count: 4 }],
  regulatoryCategory: [
    { value: 'high', count: 3 },
    { value: 'minimal', count: 1 },
  ],
};

function fakeApi(listModels: ModelHubApi['listModels']) {
  return { listModels: jest.fn(listModels) } as unknown as ModelHubApi & {
    listModels: jest.Mock;
  };
}

async function renderPage(api: ModelHubApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[modelHubApiRef, api]]}>
      <ModelsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

jest.setTimeout(30_000);

describe('ModelsPage', () => {
  it('lists models with task, owner, risk, governance, drift and latest approved version', async () => {
    const api = fakeApi(async () => ({
      items: [creditModel, priceModel],
      totalItems: 2,
      facets,
    }));
    await renderPage(api);

    const credit = (await screen.findByText(creditModel.title)).closest('tr')!;
    expect(within(credit).getByText('classification')).toBeInTheDocument();
    expect(within(credit).getByText('High')).toBeInTheDocument();
    expect(within(credit).getByText('Approved')).toBeInTheDocument();
    expect(within(credit).getByText('ok')).toBeInTheDocument();
    expect(within(credit).getByText('3.2.0')).toBeInTheDocument();
    const price = screen.getByText(priceModel.title).closest('tr')!;
    expect(within(price).getByText('Severe')).toBeInTheDocument();
    expect(within(price).getByText('Waiting for approval')).toBeInTheDocument();
    expect(within(price).getByText('drift')).toBeInTheDocument();
    // Paging is the backend's: the first request asks for one page.
    expect(api.listModels).toHaveBeenCalledWith({ limit: 20, offset: 0 });
  });

  it('sends the risk filter and the ready-for-production view to the backend', async () => {
    const api = fakeApi(async query => ({
      items:
        query.riskLevel === 'Severe' ? [priceModel] : [creditModel, priceModel],
      totalItems: query.riskLevel === 'Severe' ? 1 : 2,
      facets,
    }));
    await renderPage(api);
    await screen.findByText(creditModel.title);

    fireEvent.mouseDown(
      within(screen.getByTestId('filter-riskLevel')).getByRole('button'),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'Severe' }));
    await waitFor(() =>
      expect(api.listModels).toHaveBeenLastCalledWith(
        expect.objectContaining({ riskLevel: 'Severe', offset: 0 }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByText(creditModel.title)).not.toBeInTheDocument(),
    );
    expect(screen.getByText(priceModel.title)).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('checkbox', { name: /Ready for production/ }),
    );
    await waitFor(() =>
      expect(api.listModels).toHaveBeenLastCalledWith(
        expect.objectContaining({
          riskLevel: 'Severe',
          readyFor: 'production',
        }),
      ),
    );
  });

  it('offers the owners the backend reports, with counts', async () => {
    const api = fakeApi(async () => ({
      items: [creditModel],
      totalItems: 1,
      facets,
    }));
    await renderPage(api);
    await screen.findByText(creditModel.title);
    fireEvent.mouseDown(
      within(screen.getByTestId('filter-owner')).getByRole('button'),
    );
    expect(
      await screen.findByRole('option', { name: 'energy-trading (1)' }),
    ).toBeInTheDocument();
  });

  it('says what to do when nothing matches, and shows backend errors', async () => {
    const api = fakeApi(async () => ({ items: [], totalItems: 0, facets }));
    await renderPage(api);
    expect(
      await screen.findByText(/No models match these filters/),
    ).toBeInTheDocument();

    const failing = fakeApi(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message: 'owner: "x y" is not an entity ref',
            },
            request: { method: 'GET', url: '/models' },
            response: { statusCode: 400 },
          }),
          {
            status: 400,
            statusText: 'Bad Request',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      );
    });
    await renderPage(failing);
    expect(
      (await screen.findAllByText(/is not an entity ref/)).length,
    ).toBeGreaterThan(0);
  });
});
