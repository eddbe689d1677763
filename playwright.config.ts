import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './scripts/chromium.js';

// Browser tests run in Debian's Chromium (Playwright cannot download browsers here);
// `npm test` installs it and sets CHROMIUM_PATH.
export default defineConfig({
  testDir: '.',
  testMatch: ['packages/*/e2e/**/*.spec.ts', 'sandbox/e2e/**/*.spec.ts', 'examples/*/e2e/**/*.spec.ts'],
  testIgnore: ['**/node_modules/**'],
  timeout: 60_000,
  workers: 2,
  retries: 0,
  reporter: 'list',
  use: {
    headless: true,
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
});
