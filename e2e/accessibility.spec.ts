/**
 * The axe-core audit of every view (axe reads through the components' open shadow roots):
 * before and after a run, so the charts, the progress line and the end-of-run summary are
 * audited too. No rule is disabled.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil } from './helpers/playground';

/** The violations axe finds on the page as it is now, one line each with the elements it names. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const BASE = 'dataset=linear&n=2000&epochs=30&backend=cpu';

test('the training view has no accessibility violations, before and after a run', async ({ page }) => {
  await openPlayground(page, `${BASE}&tab=train`);
  expect(await violations(page)).toEqual([]);
  await playUntil(page, 30);
  expect(await violations(page)).toEqual([]);
});

test('the training view has no accessibility violations while a large dataset is generated (the progress bar and Cancel)', async ({ page }) => {
  // 30,000,000 rows of 4 features (600 MB) take seconds to generate on two cores: the audit runs meanwhile.
  await openPlayground(page, 'dataset=linear&n=30000000&features=4&epochs=2&batch=full&backend=cpu&tab=train');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('work-bar')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await expect(page.getByTestId('work-label'), 'the audit ran while the dataset was generated').toContainText('Generating');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-summary')).toContainText('Cancelled');
});

test('the training view with blobs (the decision boundary) has no accessibility violations', async ({ page }) => {
  await openPlayground(page, 'dataset=blobs&n=1000&activation=sigmoid&loss=bce&lr=0.5&epochs=20&backend=cpu&tab=train');
  await playUntil(page, 20);
  expect(await violations(page)).toEqual([]);
});

test('the backpropagation view has no accessibility violations', async ({ page }) => {
  await openPlayground(page, `${BASE}&tab=backprop`);
  await expect(page.getByRole('heading', { name: 'Backpropagation' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the scaling view has no accessibility violations, before and after a sweep', async ({ page }) => {
  await openPlayground(page, `${BASE}&tab=scaling&smax=3&stfjs=off`);
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeEnabled({ timeout: 120_000 });
  expect(await violations(page)).toEqual([]);
});

test('the landscape view has no accessibility violations, with its surface and a path drawn', async ({ page }) => {
  await openPlayground(page, `${BASE}&tab=landscape`);
  await expect(page.getByRole('status').filter({ hasText: 'Last surface' })).toContainText('96 × 96', { timeout: 60_000 });
  expect(await violations(page)).toEqual([]);
  await playUntil(page, 30);
  expect(await violations(page)).toEqual([]);
});

test('the table panel has no accessibility violations, empty and with a table loaded (preview, column choice)', async ({ page }) => {
  await openPlayground(page, 'backend=cpu&tab=train');
  await page.getByLabel('Dataset').selectOption('table');
  await expect(page.getByRole('heading', { name: 'Your data' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Table file').setInputFiles({
    name: 'scores.csv', mimeType: 'text/csv',
    buffer: Buffer.from('hours,sleep,passed\n1,8,0\n2,7,0\n4,6,1\n5,8,1\n3,5,0\n6,7,1\n'),
  });
  await expect(page.getByTestId('table-summary')).toContainText('scores.csv: 6 rows');
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Table file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,Infinity\n') });
  await expect(page.getByTestId('table-error')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
