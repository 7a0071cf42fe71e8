/**
 * The page's Content-Security-Policy: a whole ordinary session (every tab, a GPU and a
 * CPU run, the explainer, the scaling benchmark) raises no 'securitypolicyviolation',
 * and the policy is really in force: an inline script, eval and an inline style are
 * refused.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil } from './helpers/playground';

declare global {
  interface Window {
    /** Violations seen since the page loaded, recorded before any of its scripts ran. */
    __violations?: string[];
  }
}

/** Records every CSP violation of the page from its very start. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

const violations = (page: Page) => page.evaluate(() => window.__violations ?? []);

test('an ordinary session raises no CSP violation', async ({ page }) => {
  test.setTimeout(180_000);
  await recordViolations(page);
  await openPlayground(page, 'dataset=blobs&n=1000&epochs=50&backend=gpu&smax=3');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  await playUntil(page, 50);
  await page.getByRole('button', { name: 'Linear' }).click();

  // The benchmark on blobs (celsius data this large needs a smaller learning rate).
  await page.getByRole('tab', { name: 'Scaling' }).click();
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByTestId('scaling-label')).toHaveText('finished', { timeout: 120_000 });
  await expect(page.getByTestId('scaling-table').locator('tbody tr')).not.toHaveCount(0);
  await page.getByRole('tab', { name: 'Training' }).click();

  await page.getByLabel('Backend').selectOption('cpu');
  await page.getByLabel('Dataset').selectOption('celsius');
  await page.getByLabel('Epochs').fill('200');
  await page.getByLabel('Epochs').press('Enter');
  await playUntil(page, 200);

  await page.getByRole('tab', { name: 'Backpropagation' }).click();
  const panel = page.locator('explainer-panel');
  await panel.getByRole('button', { name: 'step forward', exact: true }).click();
  await panel.getByRole('button', { name: 'step forward', exact: true }).click();

  // The landscape: heat map, contours, the path and its legend's swatches.
  await page.getByRole('tab', { name: 'Landscape' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Last surface' })).toContainText('96 × 96', { timeout: 60_000 });

  await page.goto('/src/app/explainer/demo.html');
  await expect(page.locator('explainer-panel')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the policy is in force: inline script, string eval, inline handler and inline style are refused', async ({ page, pageErrors }) => {
  await recordViolations(page);
  await openPlayground(page);
  const outcome = await page.evaluate(async () => {
    const w = window as { __inline?: number; __timer?: number; __handler?: number };
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1;';
    document.head.append(script);
    // A string run as code. (eval called here directly would not tell: DevTools runs
    // this function with the policy's eval check lifted; a string timer is the page's.)
    setTimeout('window.__timer = 1', 0);
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.__handler = 1');
    document.body.append(button);
    button.click();
    button.remove();
    const div = document.createElement('div');
    div.setAttribute('style', 'color: rgb(1, 2, 3)');
    document.body.append(div);
    const styled = getComputedStyle(div).color === 'rgb(1, 2, 3)';
    div.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { inline: w.__inline, timer: w.__timer, handler: w.__handler, styled };
  });
  expect(outcome).toEqual({ inline: undefined, timer: undefined, handler: undefined, styled: false });
  await expect.poll(() => violations(page)).toHaveLength(4);
  const seen = (await violations(page)).map((v) => v.split(' at ')[0]).sort();
  expect(seen).toEqual([
    'script-src blocked eval', 'script-src-attr blocked inline', 'script-src-elem blocked inline', 'style-src-attr blocked inline',
  ]);
  // The browser reports each refusal in the console: expected here, and only here.
  const refused = pageErrors.filter((e) => /Content Security Policy/.test(e));
  expect(refused.length).toBeGreaterThanOrEqual(3);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !/Content Security Policy/.test(e)));
});
