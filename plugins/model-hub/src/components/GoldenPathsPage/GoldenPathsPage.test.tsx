import { configure, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ModelHubApi, modelHubApiRef } from '../../api/ModelHubApi';
import { responseError } from '../ScorecardContent/testData';
import { getComponentData } from '@backstage/core-plugin-api';
import {
  legacyGoldenPathsRouteRef,
  ModelHubGoldenPathsPage,
} from '../../legacy';
import { GoldenPathsPage } from './GoldenPathsPage';
import { trendSummary } from './TrendChart';
import { checks, emptyOverview, overview } from './testData';

jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

async function renderPage(
  getScorecardOverview: ModelHubApi['getScorecardOverview'],
  listGoldenPathChecks: ModelHubApi['listGoldenPathChecks'] = async () => ({
    items: checks,
  }),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[modelHubApiRef, { getScorecardOverview, listGoldenPathChecks }]]}
    >
      <GoldenPathsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rowOf = (text: string, container: HTMLElement = document.body) =>
  within(container).getByText(text).closest('tr')!;
/** The table with this title (material-table puts it in a Paper). */
const tableTitled = (title: string) =>
  screen.getByText(title).closest<HTMLElement>('[class*="MuiPaper-root"]')!;

describe('GoldenPathsPage', () => {
  it('shows each owner with its pass rate and who fails which check', async () => {
    await renderPage(async () => overview);
    expect(
      await screen.findByRole('heading', { name: 'Golden paths', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('By owner (2)')).toBeInTheDocument();

    const team = rowOf('energy-trading-analytics');
    expect(within(team).getByText('67%')).toBeInTheDocument();
    expect(within(team).getByText('4 of 6 checks pass')).toBeInTheDocument();
    const teamSize = within(team).getByTestId('failing model-owner-team-size');
    expect(
      within(teamSize).getByText('The owning team has at least two members'),
    ).toBeInTheDocument();
    expect(
      within(teamSize).getByRole('link', { name: 'day-ahead-price-forecast' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/model/day-ahead-price-forecast',
    );
    expect(within(teamSize).getByText('Error:')).toBeInTheDocument();
    // A failing warning reads as a warning.
    const drift = within(rowOf('grid-analytics')).getByTestId(
      'failing service-drift-hook',
    );
    expect(within(drift).getByText('Warning:')).toBeInTheDocument();
    expect(drift.querySelector('[data-tone]')).toHaveAttribute(
      'data-tone',
      'warn',
    );
  });

  it('shows the totals, the checks and the trend', async () => {
    const { container } = await renderPage(async () => overview);
    expect(await screen.findByText('entities evaluated')).toBeInTheDocument();
    expect(screen.getByText('11 of 16 checks pass')).toBeInTheDocument();

    const checksTable = tableTitled('Checks (3)');
    const check = rowOf(
      'The model card is complete for the risk level',
      checksTable,
    );
    expect(
      within(check).getByText('Error: blocks the golden path'),
    ).toBeInTheDocument();
    expect(
      within(check).getByText(/Operations teams need/),
    ).toBeInTheDocument();
    expect(within(check).getByText('0 of 2 checks pass')).toBeInTheDocument();
    expect(
      within(
        rowOf('The drift-profile hook is configured', checksTable),
      ).getByText('Warning only'),
    ).toBeInTheDocument();

    expect(
      screen.getByText(
        /Over the 3 runs shown the pass rate went from 50% to 69%/,
      ),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(1);
  });

  it('groups by system, with entities without a system in words', async () => {
    await renderPage(async () => overview);
    fireEvent.click(await screen.findByRole('tab', { name: 'By system' }));
    expect(await screen.findByText('By system (2)')).toBeInTheDocument();
    expect(rowOf('energy-trading')).toBeInTheDocument();
    const none = rowOf('No system');
    expect(
      within(none).getByText('None: every check passes'),
    ).toBeInTheDocument();
  });

  it('asks for models or services only', async () => {
    const getScorecardOverview = jest.fn(async () => overview);
    await renderPage(getScorecardOverview);
    await screen.findByText('By owner (2)');
    expect(getScorecardOverview).toHaveBeenLastCalledWith({});
    fireEvent.click(screen.getByRole('button', { name: 'Models' }));
    await screen.findByText('By owner (2)');
    expect(getScorecardOverview).toHaveBeenLastCalledWith({ kind: 'model' });
    fireEvent.click(screen.getByRole('button', { name: 'Services' }));
    await screen.findByText('By owner (2)');
    expect(getScorecardOverview).toHaveBeenLastCalledWith({ kind: 'service' });
  });

  it('takes titles from the list of checks where the overview has only ids', async () => {
    await renderPage(async () => ({
      ...overview,
      checks: overview.checks.map(c => ({ ...c, title: c.checkId })),
    }));
    expect(
      await screen.findAllByText('The drift-profile hook is configured'),
    ).not.toHaveLength(0);
    expect(screen.queryByText('service-drift-hook')).toBeNull();
  });

  it('says when nothing was evaluated yet', async () => {
    await renderPage(
      async () => emptyOverview,
      async () => {
        throw new Error('checks unavailable');
      },
    );
    expect(
      await screen.findByText(
        /Nothing evaluated yet: golden paths are evaluated/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No evaluation run yet.')).toBeInTheDocument();
    expect(
      screen.getByText('No owner has an evaluated model or service yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No check has run yet.')).toBeInTheDocument();
  });

  it('shows why the overview could not be read', async () => {
    await renderPage(async () => {
      throw await responseError(
        400,
        'InputError',
        'request/query/kind must be equal to one of the allowed values',
      );
    });
    expect(
      (await screen.findAllByText(/must be equal to one of the allowed/))
        .length,
    ).toBeGreaterThan(0);
  });
});

describe('ModelHubGoldenPathsPage', () => {
  it('is routable in legacy apps at its own route ref', () => {
    expect(
      getComponentData(<ModelHubGoldenPathsPage />, 'core.mountPoint'),
    ).toBe(legacyGoldenPathsRouteRef);
  });
});

describe('trendSummary', () => {
  it('reads the latest run and the change in words', () => {
    expect(trendSummary([])).toBe('No evaluation run yet.');
    expect(trendSummary(overview.trend.slice(2))).toBe(
      'Latest run 2026-12-01 03:44 UTC: 69% (11 of 16 checks pass) across 3 entities.',
    );
  });
});
