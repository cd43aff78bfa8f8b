import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';
import { chromiumArgs, chromiumExecutablePath } from './scripts/chromium.mjs';

/**
 * End-to-end tests run against the app started by `yarn start` (frontend dev
 * server on :3000, backend on :7007), in Debian's Chromium: Playwright never
 * downloads a browser of its own on this project's machines
 * (scripts/chromium.mjs).
 */
export default defineConfig({
  timeout: 120_000,

  expect: {
    timeout: 60_000,
  },

  webServer: [
    {
      command: 'yarn start app',
      url: 'http://localhost:3000',
      reuseExistingServer: true,
      timeout: 300_000,
    },
    {
      command: 'yarn start backend',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: true,
      timeout: 300_000,
    },
  ],

  forbidOnly: !!process.env.CI,

  retries: process.env.CI ? 1 : 0,
  workers: 1,

  reporter: [
    ['list'],
    ['json'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: chromiumExecutablePath,
      args: chromiumArgs,
    },
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  // generateProjects() asks for the Chrome channel; drop it so the
  // executablePath above (Debian's Chromium) is used.
  projects: generateProjects().map(project => ({
    ...project,
    use: { ...project.use, channel: undefined },
  })),
});
