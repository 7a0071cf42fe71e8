/**
 * test/gpu in Firefox ESR (wgpu and Naga: a second WebGPU implementation beside Chromium's
 * Dawn), on the Vulkan driver FIREFOX_VK_DRIVER names: swiftshader or lavapipe, two
 * independent software drivers, so a result that depends on one driver shows up as a
 * difference between the runs. Driven by puppeteer-core (scripts/vitest-firefox-provider.mjs)
 * because Playwright's Firefox fails on ESR 153.
 *   FIREFOX_VK_DRIVER=lavapipe npx vitest run --config vitest.firefox.config.ts
 */
import { defineConfig } from 'vitest/config';
import base from './vite.config.ts';
// @ts-expect-error plain ES modules shared with the Node scripts
import { chosenDriver, hasDriver } from './scripts/firefox.mjs';
// @ts-expect-error see above
import { puppeteerFirefox } from './scripts/vitest-firefox-provider.mjs';

const driver = chosenDriver();
if (!hasDriver(driver.icd)) throw new Error(`the ${driver.name} Vulkan driver is missing: ${driver.icd}`);

// The page's server settings (cross-origin isolation headers, workers) from the main config.
const { test: _, ...shared } = base;

export default defineConfig({
  ...shared,
  test: {
    name: `gpu, Firefox on ${driver.name}`,
    // test/firefox checks that the adapter is the driver named here (see provide).
    include: ['test/gpu/**/*.test.ts', 'test/firefox/**/*.test.ts'],
    // The loss chart's redraw bound is a measurement of the page in Chromium (test/gpu runs
    // there too); this suite is here for Firefox's WebGPU implementation. Under a loaded
    // machine Firefox measured an 18 ms median for a million epochs against 16 ms.
    exclude: ['test/gpu/loss-chart.test.ts'],
    provide: { vkDriver: driver.name },
    // Generous: software Vulkan on two cores, shared with whatever else runs.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: puppeteerFirefox({ icd: driver.icd }),
      instances: [{ browser: 'firefox' }],
    },
  },
});
