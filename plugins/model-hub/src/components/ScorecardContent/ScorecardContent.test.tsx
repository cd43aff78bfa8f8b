import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { ModelHubApi, modelHubApiRef } from '../../api/ModelHubApi';
import { entityScorecardContent } from '../../plugin';
import { EntityModelHubScorecardContent } from '../../legacy';
import { ScorecardContent } from './ScorecardContent';
import {
  biddingService,
  notEvaluated,
  priceModel,
  priceScorecard,
  responseError,
} from './testData';

jest.setTimeout(30_000);

async function renderContent(
  getEntityScorecard: ModelHubApi['getEntityScorecard'],
  entity: Entity = priceModel,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[modelHubApiRef, { getEntityScorecard }]]}>
      <EntityProvider entity={entity}>
        <ScorecardContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ScorecardContent', () => {
  it("shows a check an adopter's module added next to Model Hub's own", async () => {
    await renderContent(async () => ({
      ...priceScorecard,
      failed: priceScorecard.failed + 1,
      verdicts: [
        ...priceScorecard.verdicts,
        {
          checkId: 'acme.model-has-runbook',
          title: 'Models link a runbook',
          severity: 'warning',
          result: 'fail',
          reason: 'No link titled "Runbook"',
          remedy: 'Add the runbook to metadata.links',
        },
      ],
    }));
    const custom = await screen.findByTestId('verdict acme.model-has-runbook');
    expect(
      within(custom).getByText('Models link a runbook'),
    ).toBeInTheDocument();
    expect(within(custom).getByText('Fails')).toBeInTheDocument();
    expect(
      within(custom).getByText(/To pass: Add the runbook to metadata.links/),
    ).toBeInTheDocument();
  });

  it('groups every verdict by result with severity, reason and remedy', async () => {
    const getEntityScorecard = jest.fn(async () => priceScorecard);
    await renderContent(getEntityScorecard);

    expect(await screen.findByText('Failing (4)')).toBeInTheDocument();
    expect(getEntityScorecard).toHaveBeenCalledWith({
      kind: 'model',
      namespace: 'default',
      name: 'day-ahead-price-forecast',
    });
    expect(screen.getByText('Passing (2)')).toBeInTheDocument();
    expect(screen.getByText('Not applicable (1)')).toBeInTheDocument();
    expect(screen.getByText('33%')).toBeInTheDocument();
    expect(screen.getByText('2 of 6 checks pass')).toBeInTheDocument();
    expect(
      screen.getByText(/4 failing, 2 passing, 1 not applicable/),
    ).toBeInTheDocument();

    const teamSize = screen.getByTestId('verdict model-owner-team-size');
    expect(
      within(teamSize).getByText('The owning team has at least two members'),
    ).toBeInTheDocument();
    expect(within(teamSize).getByText('Fails')).toBeInTheDocument();
    expect(
      within(teamSize).getByText('Error: blocks the golden path'),
    ).toBeInTheDocument();
    expect(
      within(teamSize).getByText(
        'Why: group:default/energy-trading-analytics has 1 member(s); at least 2 are needed',
      ),
    ).toBeInTheDocument();
    expect(
      within(teamSize).getByText(/To pass: Add a second maintainer/),
    ).toBeInTheDocument();

    // A failed warning reads as a warning, errors are listed first.
    const risk = screen.getByTestId('verdict model-risk-assessment-current');
    expect(within(risk).getByText('Warning only')).toBeInTheDocument();
    expect(risk.querySelector('[data-tone]')?.getAttribute('data-tone')).toBe(
      'warn',
    );
    const failing = screen
      .getAllByTestId(/^verdict /)
      .slice(0, 4)
      .map(item => item.dataset.testid);
    expect(failing[3]).toBe('verdict model-risk-assessment-current');

    // A passing check has no remedy to show.
    const approved = screen.getByTestId('verdict model-approved-version');
    expect(within(approved).getByText('Passes')).toBeInTheDocument();
    expect(within(approved).queryByText(/To pass/)).toBeNull();
  });

  it('shows the history of changes with the check titles', async () => {
    await renderContent(async () => priceScorecard);
    expect(await screen.findByText('History of changes')).toBeInTheDocument();
    const rows = screen
      .getAllByText('The owning team has at least two members')
      .map(cell => cell.closest('tr'))
      .filter((row): row is HTMLTableRowElement => row !== null);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByText('2026-11-28 09:12 UTC'),
    ).toBeInTheDocument();
    expect(within(rows[0]).getByText('Fails')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Passes')).toBeInTheDocument();
    expect(
      within(rows[1]).getByText(
        'group:default/energy-trading-analytics has 2 members',
      ),
    ).toBeInTheDocument();
  });

  it('asks for the scorecard of a service that uses a model', async () => {
    const getEntityScorecard = jest.fn(async () => ({
      ...priceScorecard,
      entityRef: 'component:default/bid-optimizer',
      verdicts: [],
      history: [],
      passed: 0,
      failed: 0,
      passRate: 0,
    }));
    await renderContent(getEntityScorecard, biddingService);
    expect(await screen.findByText('No check applies')).toBeInTheDocument();
    expect(getEntityScorecard).toHaveBeenCalledWith({
      kind: 'component',
      namespace: 'default',
      name: 'bid-optimizer',
    });
    expect(screen.getByText('No verdict has changed yet.')).toBeInTheDocument();
  });

  it('says when the entity was not evaluated yet', async () => {
    await renderContent(notEvaluated);
    expect(
      await screen.findByText(
        'Not evaluated yet: golden paths are evaluated every 30 minutes and after each change',
      ),
    ).toBeInTheDocument();
  });

  it('shows why the scorecard could not be read', async () => {
    await renderContent(async () => {
      throw await responseError(
        403,
        'NotAllowedError',
        'This request requires user credentials',
      );
    });
    expect(
      (await screen.findAllByText(/requires user credentials/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('Scorecard tab', () => {
  it('is exported for legacy apps', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [modelHubApiRef, { getEntityScorecard: async () => priceScorecard }],
        ]}
      >
        <EntityProvider entity={priceModel}>
          <EntityModelHubScorecardContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Failing (4)')).toBeInTheDocument();
  });

  it('is on models and on the entities that use one', () => {
    const tester = createExtensionTester(entityScorecardContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Scorecard');
    expect(tester.get(coreExtensionData.routePath)).toBe('/scorecard');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(priceModel)).toBe(true);
    expect(filter(biddingService)).toBe(true);
    expect(filter({ ...biddingService, relations: [] })).toBe(false);
  });
});
