import { test, expect } from '@playwright/test';

test('a guest signs in and opens the software catalog', async ({ page }) => {
  await page.goto('/');

  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  const catalogLink = nav.getByRole('link', { name: 'Catalog', exact: true });
  await expect(catalogLink).toBeVisible();
  await catalogLink.click();

  // The catalog page lists the entities registered from this repository.
  await expect(
    page.getByRole('heading', { name: 'Model Hub Catalog' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Model Hub', exact: true }),
  ).toBeVisible();
});

test('a service shows the models it uses with their risk and governance', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // From the catalog (demo content is ingested at start) to the service's tab.
  await page.getByRole('link', { name: 'campaign-orchestrator' }).click();
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  const row = page.getByRole('row', { name: /Churn propensity/ });
  await expect(row).toBeVisible();
  await expect(row.getByText('Medium')).toBeVisible();
  await expect(
    page
      .getByRole('row', { name: /Campaign response uplift/ })
      .getByText('Low'),
  ).toBeVisible();
});
