import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { ModelHubApi, modelHubApiRef } from '../../api/ModelHubApi';
import { entityScorecardCard } from '../../plugin';
import { ScorecardCard } from './ScorecardCard';
import {
  biddingService,
  notEvaluated,
  priceModel,
  priceScorecard,
  responseError,
} from './testData';

jest.setTimeout(30_000);

async function renderCard(
  getEntityScorecard: ModelHubApi['getEntityScorecard'],
  entity: Entity = priceModel,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[modelHubApiRef, { getEntityScorecard }]]}>
      <EntityProvider entity={entity}>
        <ScorecardCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ScorecardCard', () => {
  it('shows the pass rate and only the failing checks, with reason and remedy', async () => {
    await renderCard(async () => priceScorecard);
    expect(await screen.findByText('4 failing checks')).toBeInTheDocument();
    expect(screen.getByText('33%')).toBeInTheDocument();
    expect(screen.getByText('2 of 6 checks pass')).toBeInTheDocument();
    expect(
      screen.getByText(/Evaluated 2026-12-01 03:44 UTC/),
    ).toBeInTheDocument();

    const teamSize = screen.getByTestId('verdict model-owner-team-size');
    expect(
      within(teamSize).getByText('The owning team has at least two members'),
    ).toBeInTheDocument();
    expect(
      within(teamSize).getByText(
        'Error: group:default/energy-trading-analytics has 1 member(s); at least 2 are needed',
      ),
    ).toBeInTheDocument();
    expect(
      within(teamSize).getByText(/To pass: Add a second maintainer/),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByTestId('verdict model-risk-assessment-current'),
      ).getByText(/^Warning: Assessed 2024-11-05/),
    ).toBeInTheDocument();
    expect(screen.queryByText('An approved version exists')).toBeNull();
    expect(
      screen.queryByText('An unacceptable-risk model is retired'),
    ).toBeNull();
  });

  it('links to the Scorecard tab', async () => {
    await renderCard(async () => priceScorecard);
    const link = await screen.findByRole('link', {
      name: /Every check and its history/,
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/model/day-ahead-price-forecast/scorecard',
    );
  });

  it('says when every applicable check passes', async () => {
    await renderCard(async () => ({
      ...priceScorecard,
      passed: 5,
      failed: 0,
      passRate: 1,
      verdicts: priceScorecard.verdicts.map(v =>
        v.result === 'fail' ? { ...v, result: 'pass' as const } : v,
      ),
    }));
    expect(
      await screen.findByText('Every applicable check passes'),
    ).toBeInTheDocument();
    expect(screen.getByText('100%')).toBeInTheDocument();
  });

  it('says when the service was not evaluated yet', async () => {
    await renderCard(notEvaluated, biddingService);
    expect(
      await screen.findByText(
        'Not evaluated yet: golden paths are evaluated every 30 minutes and after each change',
      ),
    ).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    await renderCard(async () => {
      throw await responseError(500, 'Error', 'database is locked');
    });
    expect(
      (await screen.findAllByText(/database is locked/)).length,
    ).toBeGreaterThan(0);
  });

  it('is an info card on models and on the entities that use one', () => {
    const tester = createExtensionTester(entityScorecardCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(priceModel)).toBe(true);
    expect(filter(biddingService)).toBe(true);
    expect(filter({ ...biddingService, relations: [] })).toBe(false);
  });
});
