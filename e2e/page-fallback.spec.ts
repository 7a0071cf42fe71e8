/**
 * A browser without WebGPU: Chromium started without --enable-unsafe-webgpu offers
 * navigator.gpu but no adapter, so the page must say it trains on the CPU and why, and
 * still reach the same answer.
 */
import { chromium, type Browser } from '@playwright/test';
// @ts-expect-error plain ES module shared with the Playwright config
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { test, expect, recordErrors } from './helpers/fixtures';
import { openPlayground, playUntil, readParameters } from './helpers/playground';

let browser: Browser;

test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ webgpu: false }) });
});

test.afterAll(async () => {
  await browser.close();
});

test('without a WebGPU adapter the page says it uses the CPU, and why, and trains', async ({ baseURL }) => {
  const page = await browser.newPage({ baseURL });
  const errors: string[] = [];
  recordErrors(page, errors);
  await openPlayground(page, 'dataset=celsius&n=100&lr=0.001&batch=full&reduction=mean&epochs=10000&backend=auto');
  await expect(page.getByTestId('status')).toContainText('CPU');
  await expect(page.getByTestId('status')).toContainText('requestAdapter() returned no adapter');
  await playUntil(page, 10_000);
  await expect(page.getByTestId('status')).toContainText('Training on the CPU: fell back from the GPU');
  const { weights, bias } = await readParameters(page);
  // The CPU's float64 result, as in page-train.spec.ts.
  expect(Math.abs(weights[0] - 1.8)).toBeLessThan(1e-4);
  expect(Math.abs(bias - 32)).toBeLessThan(1e-4);

  // Asking for the GPU here fails with the engine's reason, on the page, not in the console.
  await openPlayground(page, 'dataset=celsius&backend=gpu');
  await expect(page.getByTestId('status')).toContainText('GPU requested, but');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('notices')).toContainText("backend 'gpu' is not available here");
  expect(errors).toEqual([]);
  await page.close();
});
