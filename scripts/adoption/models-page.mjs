/*
 * Drives the adopter app in Debian's Chromium (playwright-core, never a
 * downloaded browser): signs in as guest, opens Model Hub's Models page from
 * the sidebar and waits for the model to be listed, then takes a screenshot.
 *
 *   node scripts/adoption/models-page.mjs <baseUrl> <text to find> <screenshot.png>
 *
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumExecutablePath } from '../chromium.mjs';

const [baseUrl, expected, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('usage: models-page.mjs <baseUrl> <text> <screenshot.png>');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: chromiumExecutablePath,
  headless: true,
  // Playwright starts Chromium with a fresh temporary --user-data-dir.
  args: chromiumArgs,
});

let step = 'open the app';
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.setDefaultTimeout(60_000);
const errors = [];
page.on('pageerror', error => errors.push(String(error)));
try {
  await page.goto(baseUrl);

  step = 'sign in as guest';
  await page.getByRole('button', { name: 'Enter' }).click();

  step = 'open Models from the sidebar';
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByRole('heading', { name: 'Models', level: 1 }).waitFor();

  step = `find "${expected}" on the Models page`;
  await page.getByText(expected, { exact: false }).first().waitFor();
  await page.waitForTimeout(1000); // let the status columns settle

  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`Models page lists "${expected}" (${page.url()})`);
} catch (error) {
  const failShot = `${screenshot.replace(/\.png$/, '')}-failed.png`;
  await page.screenshot({ path: failShot, fullPage: true }).catch(() => {});
  console.error(`failed to ${step}: ${error.message.split('\n')[0]}`);
  if (errors.length) console.error(`page errors: ${errors.join('; ')}`);
  console.error(`screenshot of the failure: ${failShot}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
