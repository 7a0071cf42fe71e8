import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ES module shared with the Vitest config
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';
// @ts-expect-error see above
import { freePort } from './scripts/free-port.mjs';

// This file runs in the main process and again in every worker. The main process picks a
// free port once and leaves it in the environment, which the workers and the web server
// inherit, so all of them agree on it. E2E_PORT set by the caller wins.
process.env.E2E_PORT ||= String(await freePort());
const PORT = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs() },
  },
  webServer: {
    command: `npx vite --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
