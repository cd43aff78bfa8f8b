import { test, expect } from '@playwright/test';

// Relative to the repository root, where `yarn test:e2e` runs.
const shots = 'docs/screenshots';

test('the Create page lists the Model Hub templates and the model picker shows risk and approval', async ({
  page,
}) => {
  // Waits for the demo data on a fresh start (below).
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Create', exact: true }).click();

  for (const title of [
    'Model-backed service (TypeScript)',
    'Model-backed service (Python)',
  ]) {
    await expect(page.getByText(title, { exact: true })).toBeVisible();
  }
  await expect(page.getByText(/Publish a model/).first()).toBeVisible();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `${shots}/create.png`, fullPage: true });

  // The TypeScript template: the service step, then the model step.
  const card = page
    .locator('[class*="MuiCard-root"]')
    .filter({ hasText: 'Model-backed service (TypeScript)' });
  await card.getByRole('button', { name: 'Choose' }).click();
  await page.getByLabel('Name').first().fill('loan-scoring-service');
  const owner = page.getByLabel('Owner').first();
  await owner.click();
  await owner.fill('credit');
  await page.getByRole('option').first().click();
  await page.getByRole('button', { name: 'Next' }).click();

  // The demo history is seeded shortly after start (it waits for the
  // catalog): until then no model is ready for production, and the picker
  // asks once per search. Wait for it as the guest, through the backend.
  const backend = 'http://localhost:7007';
  const { backstageIdentity } = await (
    await page.request.get(`${backend}/api/auth/guest/refresh`)
  ).json();
  await expect
    .poll(
      async () => {
        const res = await page.request.get(
          `${backend}/api/model-hub/models?readyFor=production&search=credit`,
          { headers: { Authorization: `Bearer ${backstageIdentity.token}` } },
        );
        return (await res.json()).totalItems;
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);

  const model = page.getByRole('textbox', { name: 'Model' });
  await model.click();
  await model.fill('credit');
  const option = page
    .getByRole('option')
    .filter({ hasText: 'Consumer credit probability of default' });
  await expect(option).toBeVisible();
  await expect(option.getByText('High', { exact: true })).toBeVisible();
  await expect(option.getByText('Approved', { exact: true })).toBeVisible();
  await expect(option.getByText('Latest approved: 3.2.0')).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${shots}/model-picker.png`, fullPage: true });
});
