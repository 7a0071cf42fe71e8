/**
 * A browser of the test's own, for tests that crash the GPU process. Chromium stops
 * offering WebGPU adapters after a few GPU process crashes in one browser (three, in
 * the full suite), so crashes in the shared browser would take WebGPU from the tests
 * that run after them.
 */
import { test as base, chromium, type Page } from '@playwright/test';
// @ts-expect-error plain ES module shared with the Playwright config
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

export interface OwnBrowser {
  /** A page of that browser, at the suite's base URL. */
  page: Page;
  /** Crashes that browser's GPU process (DevTools protocol). */
  crashGpuProcess: () => Promise<void>;
}

export const test = base.extend<{ ownBrowser: OwnBrowser }>({
  ownBrowser: async ({ baseURL }, use) => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
    try {
      const page = await browser.newPage({ baseURL });
      const cdp = await browser.newBrowserCDPSession();
      await use({ page, crashGpuProcess: async () => { await cdp.send('Browser.crashGpuProcess'); } });
    } finally {
      await browser.close();
    }
  },
});
