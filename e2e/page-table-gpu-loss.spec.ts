/**
 * A loaded table outlives a lost GPU: the GPU process crashes in the middle of a run on a
 * table, training goes on (on a new device or the CPU) on the same table, and the table
 * stays loaded and chosen. The engine writes the GPU event to the console as an error;
 * exactly that message is allowed.
 */
import { expect, type Page } from '@playwright/test';
import { recordErrors } from './helpers/fixtures';
import { test } from './helpers/own-browser';
import { openPlayground, readParameters } from './helpers/playground';

const epochsDone = async (page: Page) => Number((await page.getByTestId('epochs-done').textContent())!.replace(/,/g, ''));

/** 20,000 rows of 3 features and a noisy linear target: mini-batches of 64 make a long GPU run. */
function bigTable(): string {
  const lines = ['a,b,c,target'];
  for (let i = 0; i < 20_000; i++) {
    const a = (i % 97) / 97;
    const b = ((i * 31) % 89) / 89;
    const c = ((i * 17) % 83) / 83;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${(2 * a - b + 0.5 * c + ((i % 7) - 3) / 100).toFixed(4)}`);
  }
  return lines.join('\n');
}

test('a GPU process crash while training on a table: training goes on, on the same table', async ({ ownBrowser }) => {
  const { page } = ownBrowser;
  const errors: string[] = [];
  recordErrors(page, errors);
  await openPlayground(page, 'backend=gpu&seed=2');
  await page.getByLabel('Dataset').selectOption('table');
  await page.getByLabel('Table file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(bigTable()) });
  const summary = page.getByTestId('table-summary');
  await expect(summary).toContainText('big.csv: 20,000 rows; target target; features a, b, c.');
  await page.getByLabel('Batch', { exact: true }).selectOption('mini');
  await page.getByLabel('Batch size').fill('64');
  await page.getByLabel('Batch size').press('Enter');
  await page.getByLabel('Epochs').fill('1000000');
  await page.getByLabel('Epochs').press('Enter');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochsDone(page), { timeout: 60_000 }).toBeGreaterThan(3);
  await expect(page.getByTestId('status')).toContainText('Training on the GPU');

  await ownBrowser.crashGpuProcess();
  const atCrash = await epochsDone(page);
  await expect(page.getByTestId('run-notice')).toContainText('training goes on from there on', { timeout: 60_000 });
  await expect.poll(() => epochsDone(page), { timeout: 60_000 }).toBeGreaterThan(atCrash + 3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // The same table, still chosen and loaded; the parameters are finite and the loss a number.
  await expect(page.getByLabel('Dataset')).toHaveValue('table');
  await expect(summary).toContainText('big.csv: 20,000 rows');
  await expect(page).toHaveURL(/dataset=table&n=20000&features=3/);
  const { weights, bias } = await readParameters(page);
  expect(weights).toHaveLength(3);
  expect([...weights, bias].every(Number.isFinite)).toBe(true);
  expect(Number.isFinite(Number(await page.getByTestId('loss').getAttribute('data-value')))).toBe(true);
  expect(errors.filter((e) => !/WebGPU device lost/.test(e))).toEqual([]);
});
