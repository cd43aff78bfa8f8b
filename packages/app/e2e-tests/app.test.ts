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
