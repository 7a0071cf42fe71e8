/**
 * Your own data on the page: a table loaded by the file picker, by a drop and by pasting,
 * its columns chosen, trained as the engine trains the same numbers; a bad file refused
 * by line and column while the table before it stays; a link with dataset=table falls
 * back to the generated default with a note.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil, readParameters } from './helpers/playground';

/** A small table: a text column (never a choice), three numeric features, the target last. */
const HOUSES = [
  'name,size,rooms,age,price',
  ...Array.from({ length: 40 }, (_, i) => {
    const size = 50 + ((i * 37) % 120);
    const rooms = 1 + (i % 5);
    const age = (i * 13) % 60;
    return `house ${i},${size},${rooms},${age},${(2.5 * size + 10 * rooms - 0.4 * age + 30 + ((i * 7) % 5)).toFixed(1)}`;
  }),
].join('\n');

async function openTablePanel(page: Page, query: string): Promise<void> {
  await openPlayground(page, query);
  await page.getByLabel('Dataset').selectOption('table');
  await expect(page.getByRole('heading', { name: 'Your data' })).toBeVisible();
}

async function pickFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Table file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('a file picked, its columns chosen and standardized, trains to the parameters the engine gives the same numbers', async ({ page }) => {
  await openTablePanel(page, 'backend=cpu&seed=3');
  // Nothing is loaded yet: the dataset stays the generated one until a table is read.
  await expect(page).toHaveURL(/dataset=celsius/);
  await pickFile(page, 'houses.csv', HOUSES);
  const summary = page.getByTestId('table-summary');
  await expect(summary).toContainText('houses.csv: 40 rows; target price; features size, rooms, age.');
  await expect(page).toHaveURL(/dataset=table/);
  await expect(page.getByText('A link cannot hold a table')).toBeVisible();
  // The preview shows the first row and each column's range.
  await expect(page.getByRole('region', { name: 'Preview of the table' })).toContainText('50 … 163');

  await page.getByRole('checkbox', { name: 'age' }).uncheck();
  await page.getByRole('checkbox', { name: 'Standardize features' }).check();
  await page.getByRole('button', { name: 'Use these columns' }).click();
  await expect(summary).toContainText('features size, rooms (standardized).');
  await expect(page).toHaveURL(/features=2/);
  await expect(page).toHaveURL(/n=40&/);
  await expect(page.getByRole('heading', { name: 'Decision boundary' })).toBeVisible();

  await page.getByLabel('Epochs').fill('25');
  await page.getByLabel('Epochs').press('Enter');
  await playUntil(page, 25);
  const shown = await readParameters(page);

  const expected = await page.evaluate(async (text) => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    const t = await engine.readTable(text, { target: 'price', features: ['size', 'rooms'], standardize: true });
    const r = await engine.train({
      backend: 'cpu', dataset: { kind: 'table', x: t.x, y: t.y, features: t.d }, activation: 'identity', loss: 'mse',
      learningRate: 0.1, epochs: 25, batchSize: t.n, reduction: 'mean', init: engine.initialParameters(3, 2), seed: 3,
    });
    return { weights: r.weights, bias: r.bias };
  }, HOUSES);
  // The same numbers, the same CPU backend and the same configuration in one call each:
  // the same float operations in the same order, so the same parameters to the last bit.
  expect(shown).toEqual(expected);
  expect(expected.weights[0]).toBeGreaterThan(10);

  // Export the model: its parameters, names, standardization (with the same neuron on raw values) and loss history.
  const [modelDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model (JSON)' }).click()]);
  const modelText = readFileSync((await modelDownload.path())!, 'utf8');
  const model = JSON.parse(modelText);
  expect({ weights: model.weights, bias: model.bias }).toEqual(expected);
  expect(model).toMatchObject({ activation: 'identity', loss: 'mse', columns: ['size', 'rooms'], target: 'price', epochs: 25 });
  expect(model.lossHistory.points).toHaveLength(25);
  expect(model.settings).toContain('dataset=table');
  const { mean, sd, rawWeights, rawBias } = model.standardization;
  // Row 1 of HOUSES (size 50, rooms 1) through both forms of the neuron: the same prediction,
  // to float64 rounding of terms near 200 (1e-9 is a million times that).
  const standardized = model.weights[0] * (50 - mean[0]) / sd[0] + model.weights[1] * (1 - mean[1]) / sd[1] + model.bias;
  expect(rawWeights[0] * 50 + rawWeights[1] * 1 + rawBias).toBeCloseTo(standardized, 9);

  // Reset goes back to the seed's parameters; importing the file starts from the exported ones.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('epochs-done')).toHaveText('0');
  expect(await readParameters(page)).not.toEqual(expected);
  await page.getByLabel('Import model').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(modelText) });
  await expect.poll(() => readParameters(page)).toEqual(expected);
  await expect(page).toHaveURL(/dataset=table/);

  // Export the data: the table as trained, read back by the engine as the same numbers.
  const [dataDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data (CSV)' }).click()]);
  const csv = readFileSync((await dataDownload.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('size,rooms,price');
  const same = await page.evaluate(async ({ text, csv }) => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    const a = await engine.readTable(text, { target: 'price', features: ['size', 'rooms'], standardize: true });
    const b = await engine.readTable(csv, { target: 'price' });
    return { n: b.n, x: Array.from(a.x).every((v, i) => v === b.x[i]), y: Array.from(a.y).every((v, i) => v === b.y[i]) };
  }, { text: HOUSES, csv });
  expect(same).toEqual({ n: 40, x: true, y: true });

  // The backpropagation view explains row 0 of the table (standardized size and rooms, price 164.0... as a target).
  await page.getByRole('tab', { name: 'Backpropagation' }).click();
  await expect(page.getByRole('heading', { name: 'Backpropagation' })).toBeVisible();
  // The scaling benchmark runs on the table: 40 rows are fewer than 10^3, so one size, all of them.
  await page.getByRole('tab', { name: 'Scaling' }).click();
  await expect(page.getByText('at 40 samples')).toBeVisible();
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByTestId('scaling-label')).toHaveText('finished', { timeout: 60_000 });
  const rows = page.getByTestId('scaling-table').locator('tbody tr');
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  // One row per backend (the CPU, and the GPU where there is one), each at n = 40 and timed.
  expect(cells.length).toBeGreaterThanOrEqual(1);
  for (const c of cells) {
    expect(c[0]).toBe('40');
    expect(parseFloat(c[3])).toBeGreaterThan(0);
  }
});

test('a file dropped on the page is read as the table; one feature shows the fit line', async ({ page }) => {
  await openPlayground(page, 'backend=cpu');
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['celsius;fahrenheit\n0;32\n10;50\n20;68\n30;86\n'], 'dropped.csv', { type: 'text/csv' }));
    const host = document.querySelector('neuron-playground')!;
    host.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    host.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('table-summary')).toContainText('dropped.csv: 4 rows; target fahrenheit; feature celsius.');
  await expect(page.getByLabel('Dataset')).toHaveValue('table');
  await expect(page.getByRole('heading', { name: 'Data and prediction' })).toBeVisible();
  await expect(page.locator('regression-plot')).toBeVisible();
});

test('pasted text is read too; a bad file then keeps the table and names the line and column', async ({ page }) => {
  await openTablePanel(page, 'backend=cpu');
  await page.getByLabel('Table text').fill('x,y\n1,2\n2,4\n3,6\n');
  await page.getByRole('button', { name: 'Read pasted text' }).click();
  const summary = page.getByTestId('table-summary');
  await expect(summary).toContainText('pasted text: 3 rows; target y; feature x.');
  // Choosing a table applies its preset (300 epochs), as choosing any dataset does.
  await expect(page.getByLabel('Epochs')).toHaveValue('300');
  await page.getByLabel('Epochs').fill('3');
  await page.getByLabel('Epochs').press('Enter');

  await pickFile(page, 'broken.csv', 'a,b\n1,2\n3,NaN\n');
  await expect(page.getByTestId('table-error')).toContainText('source line 3, column 2 ("b")');
  await expect(page.getByTestId('table-error')).toContainText('The table loaded before is still in use.');
  await expect(summary).toContainText('pasted text: 3 rows');
  // ... and it still trains, after a change of settings too.
  await page.getByLabel('Learning rate').fill('0.05');
  await page.getByLabel('Learning rate').press('Enter');
  await expect(page).toHaveURL(/dataset=table&n=3&features=1/);
  await expect(page).toHaveURL(/lr=0.05/);
  await playUntil(page, 3);
  await expect(summary).toContainText('pasted text: 3 rows');
});

test('a large file shows its reading progress and can be cancelled, keeping the table before it', async ({ page }) => {
  await openTablePanel(page, 'backend=cpu');
  await pickFile(page, 'small.csv', 'x,y\n1,2\n2,4\n');
  const summary = page.getByTestId('table-summary');
  await expect(summary).toContainText('small.csv: 2 rows');
  // About 40 MB: a few seconds of reading on two cores, in chunks with the page's turn between them.
  const row = '0.123456,1.234567,2.345678,3.456789\n';
  await pickFile(page, 'large.csv', `a,b,c,d\n${row.repeat(1_100_000)}`);
  const panel = page.locator('table-panel');
  await expect(panel.getByTestId('work-label')).toContainText('Reading large.csv');
  await expect(panel.getByTestId('work-bar')).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('work-bar')).toHaveCount(0);
  await expect(summary).toContainText('small.csv: 2 rows');
  await expect(page.getByTestId('table-error')).toHaveCount(0);
  await expect(page).toHaveURL(/dataset=table&n=2&features=1/);
});

test('a link with dataset=table opened without the table falls back to the default with a note, keeping the rest', async ({ page }) => {
  await openPlayground(page, 'dataset=table&lr=0.25&epochs=7&backend=cpu');
  await expect(page.getByTestId('notices')).toContainText('a URL cannot hold');
  // The table panel is open, where the note says to load the table.
  await expect(page.getByRole('heading', { name: 'Your data' })).toBeVisible();
  await expect(page.getByLabel('Dataset')).toHaveValue('celsius');
  await expect(page).toHaveURL(/dataset=celsius/);
  await expect(page).toHaveURL(/lr=0.25/);
  await expect(page).toHaveURL(/epochs=7/);
  // A generated dataset exports as CSV too, its columns named.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data (CSV)' }).click()]);
  const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\n');
  expect(lines[0]).toBe('celsius,fahrenheit');
  expect(lines).toHaveLength(101);
  expect(lines[1]).toBe('-50,-58');
  // Loading the table again brings the link back: its settings stay (no preset over them).
  await pickFile(page, 'again.csv', 'x,y\n1,2\n2,4\n');
  await expect(page.getByLabel('Dataset')).toHaveValue('table');
  await expect(page).toHaveURL(/dataset=table/);
  await expect(page).toHaveURL(/lr=0.25/);
  await expect(page).toHaveURL(/epochs=7/);
});

test('the landscape view draws the surface of a loaded table, and again for the next table', async ({ page }) => {
  await openTablePanel(page, 'backend=cpu');
  await pickFile(page, 'houses.csv', HOUSES);
  await expect(page.getByTestId('table-summary')).toContainText('houses.csv: 40 rows');
  await page.getByRole('tab', { name: 'Landscape' }).click();
  const made = page.getByRole('status').filter({ hasText: 'Last surface' });
  await expect(made).toContainText('96 × 96', { timeout: 60_000 });
  const largest = () => page.evaluate(() => {
    const plot = document.querySelector('neuron-playground')!.shadowRoot!.querySelector('landscape-plot')! as unknown as { surface: { max: number } };
    return plot.surface.max;
  });
  const first = await largest();
  expect(first).toBeGreaterThan(0);
  // Another table of the same shape: the surface is of its numbers, not the first table's.
  await page.getByRole('tab', { name: 'Training' }).click();
  await pickFile(page, 'doubled.csv', HOUSES.replace(/,(\d+\.\d)$/gm, (_, price) => `,${(2 * Number(price)).toFixed(1)}`));
  await expect(page.getByTestId('table-summary')).toContainText('doubled.csv: 40 rows');
  await page.getByRole('tab', { name: 'Landscape' }).click();
  // Prices doubled: the same weights miss by more, so the largest loss on the grid grows.
  await expect.poll(largest, { timeout: 60_000 }).toBeGreaterThan(first * 1.5);
  await expect(made).toContainText('96 × 96', { timeout: 60_000 });
});
