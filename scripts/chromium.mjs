/*
 * How browser automation starts Chromium on this project's machines: Debian's
 * Chromium (Playwright never downloads a browser of its own here), headless in
 * containers. Shared by playwright.config.ts and scripts/adoption/.
 */

/** CHROMIUM_PATH overrides /usr/bin/chromium. */
export const chromiumExecutablePath =
  process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
