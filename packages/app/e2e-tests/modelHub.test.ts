import { test, expect, Page } from '@playwright/test';

/*
 * The Model Hub tour a new user takes, on the living demo that the backend
 * seeds at start (modelHub.demoData): the screenshots go to docs/screenshots
 * and the README shows them.
 */
// Relative to the repository root, where `yarn test:e2e` runs.
const shots = 'docs/screenshots';

async function shoot(page: Page, name: string) {
  // Charts and tables settle after their data arrives.
  await page.waitForTimeout(1000);
  // Clicking a tab can scroll a container sideways; the picture starts left.
  await page.evaluate(() =>
    document.querySelectorAll('*').forEach(element => {
      if (element.scrollLeft) element.scrollLeft = 0;
    }),
  );
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** An entity page's tab (the sidebar has links of the same names). */
function entityTab(page: Page, name: string) {
  return page
    .locator(`a[href*="/catalog/"][href$="/${name.toLowerCase()}"]`)
    .filter({ hasText: name });
}

test('a developer finds a model by risk and reads its card, risk, drift and governance', async ({
  page,
}) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Models', exact: true }).click();

  await expect(
    page.getByRole('heading', { name: 'Models', level: 1 }),
  ).toBeVisible();
  const credit = page.getByRole('row', {
    name: /Consumer credit probability of default/,
  });
  await expect(credit).toBeVisible();
  // The demo history is seeded shortly after start.
  await expect(credit.getByText('Approved')).toBeVisible();
  await shoot(page, 'models');

  // Filter by risk level: the backend filters, the table shows Severe only.
  await page.getByTestId('filter-riskLevel').getByRole('button').click();
  await page.getByRole('option', { name: 'Severe' }).click();
  await expect(credit).toBeHidden();
  const price = page.getByRole('row', {
    name: /Day-ahead electricity price forecast/,
  });
  await expect(price.getByText('Severe')).toBeVisible();
  await expect(price.getByText('drift', { exact: true })).toBeVisible();
  await shoot(page, 'models-severe');

  // The model card on the Overview.
  await price
    .getByRole('link', { name: 'Day-ahead electricity price forecast' })
    .click();
  await expect(page.getByText('Model card', { exact: true })).toBeVisible();
  await expect(
    page.getByText('Bid curves for the day-ahead auction'),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: /Download model card/ }),
  ).toBeVisible();
  await shoot(page, 'model-card');

  await entityTab(page, 'Risk').click();
  await expect(page.getByText('Risk matrix', { exact: true })).toBeVisible();
  await expect(
    page.getByTestId('cell likelihood 5 impact 4').getByText('Skills loss'),
  ).toBeVisible();
  await shoot(page, 'model-risk');

  await entityTab(page, 'Drift').click();
  await expect(
    page.getByText('Share of drifted columns', { exact: true }),
  ).toBeVisible();
  await expect(page.locator('.recharts-line').first()).toBeVisible();
  await expect(page.getByText('Data set drift: yes')).toBeVisible();
  await shoot(page, 'model-drift');

  await entityTab(page, 'Governance').click();
  await expect(page.getByText('Audit trail', { exact: true })).toBeVisible();
  await expect(page.getByText('Drift reported').first()).toBeVisible();
  await shoot(page, 'model-governance');
});

test("a service owner sees the pinned version against the approved one, and a reviewer's inbox", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'campaign-orchestrator' }).click();
  // The Overview card gives the models at a glance.
  await expect(
    page.getByText('1.8.0 is not approved: move to 1.9.0'),
  ).toBeVisible();
  await shoot(page, 'service-overview');

  await entityTab(page, 'Models').click();
  const churn = page.getByRole('row', { name: /Churn propensity/ });
  await expect(churn.getByText('stale')).toBeVisible();
  await expect(
    churn.getByText('1.8.0 is not approved: move to 1.9.0'),
  ).toBeVisible();
  await shoot(page, 'service-models');

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Model reviews', exact: true }).click();
  await expect(
    page.getByRole('row', { name: /Next best offer/ }).getByText('2.4.1'),
  ).toBeVisible();
  await shoot(page, 'reviews');
});

test("a platform engineer finds the failing golden-path checks of a team and reads a model's scorecard", async ({
  page,
}) => {
  // Pages scroll inside their own container, which a full-page screenshot
  // does not unroll: a taller window shows the team's row with the totals.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Golden paths', exact: true }).click();

  await expect(
    page.getByRole('heading', { name: 'Golden paths', level: 1 }),
  ).toBeVisible();
  // The one-person team's model fails the owner-team-size check. Links are
  // found by address: their text turns from the ref into the entity's title.
  const team = page.getByRole('row').filter({
    has: page.locator('a[href$="/group/energy-trading-analytics"]'),
  });
  const teamSize = team.getByTestId('failing model-owner-team-size');
  const priceModel = teamSize.locator(
    'a[href$="/model/day-ahead-price-forecast"]',
  );
  await expect(
    teamSize.getByText('The owning team has at least two members'),
  ).toBeVisible();
  await expect(priceModel).toBeVisible();
  // The trend chart (one point after the first run).
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await shoot(page, 'golden-paths');

  await priceModel.click();
  await entityTab(page, 'Scorecard').click();
  const verdict = page.getByTestId('verdict model-owner-team-size');
  await expect(
    verdict.getByText('The owning team has at least two members'),
  ).toBeVisible();
  await expect(verdict.getByText('Fails')).toBeVisible();
  await expect(verdict.getByText(/at least 2 are needed/)).toBeVisible();
  await expect(
    verdict.getByText(/To pass: Add a second maintainer/),
  ).toBeVisible();
  await expect(
    page.getByText('History of changes', { exact: true }),
  ).toBeVisible();
  await shoot(page, 'model-scorecard');
});
