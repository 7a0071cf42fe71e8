/**
 * The landscape view: the loss surface as a heat map with contours, the descent paths of
 * the current and earlier runs on it, axis and range changes, and the URL that restores it.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil, readParameters } from './helpers/playground';

/** The landscape canvas: how many distinct colours it holds, and a fingerprint of its pixels. */
async function readCanvas(page: Page): Promise<{ colours: number; fingerprint: number; white: number }> {
  return page.evaluate(() => {
    const plot = document.querySelector('neuron-playground')!.shadowRoot!.querySelector('landscape-plot')!;
    const canvas = plot.shadowRoot!.querySelector('canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    let fingerprint = 0;
    let white = 0;
    for (let i = 0; i < data.length; i += 4) {
      const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      colours.add(rgb);
      fingerprint = (Math.imul(fingerprint, 31) + rgb) | 0;
      if (data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250) white++;
    }
    return { colours: colours.size, fingerprint, white };
  });
}

/** Waits until the refined surface is drawn. */
async function surfaceReady(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Last surface' })).toContainText('96 × 96', { timeout: 60_000 });
  await expect(page.getByText('Refining the surface')).toHaveCount(0);
}

/** The current run's path as the plot holds it, in the axes' plane. */
async function currentPath(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => {
    const plot = document.querySelector('neuron-playground')!.shadowRoot!.querySelector('landscape-plot')! as unknown as { paths: { label: string; points: [number, number][] }[] };
    return plot.paths[plot.paths.length - 1].points;
  });
}

test('the landscape draws a surface and the path follows a run', async ({ page }) => {
  await openPlayground(page, 'epochs=5000');
  await page.getByRole('tab', { name: 'Landscape' }).click();
  await expect(page).toHaveURL(/tab=landscape/);
  await surfaceReady(page);
  const before = await readCanvas(page);
  // A heat map of a ramp and contour lines: far more than the few colours of axes and text.
  expect(before.colours).toBeGreaterThan(200);

  await playUntil(page, 5000);
  await surfaceReady(page);
  const { weights, bias } = await readParameters(page);
  const path = await currentPath(page);
  // Full batch on the landscape: the start and the parameters after every 20 epochs
  // (5,000 epochs in calls of at most 5,000 / 250), and any reports within the calls.
  expect(path.length).toBeGreaterThanOrEqual(251);
  // The path ends at the parameters the run reached (x: w0, y: b).
  expect(path.at(-1)![0]).toBeCloseTo(weights[0], 9);
  expect(path.at(-1)![1]).toBeCloseTo(bias, 9);
  await expect(page.getByRole('list', { name: 'Descent paths' })).toContainText('now: full batch, lr 0.001');

  // A second run with other settings keeps the first, labelled, beside it.
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByLabel('Batch', { exact: true }).selectOption('sgd');
  await page.getByLabel('Learning rate').fill('0.0001');
  await page.getByLabel('Learning rate').press('Enter');
  await playUntil(page, 5000);
  const legend = page.getByRole('list', { name: 'Descent paths' });
  await expect(legend).toContainText('earlier: full batch, lr 0.001');
  await expect(legend).toContainText('now: batch 1, lr 0.0001');
});

test('axis and range changes redraw the surface, and the URL keeps them', async ({ page }) => {
  await openPlayground(page, 'dataset=linear&features=2&tab=landscape');
  await surfaceReady(page);
  const first = await readCanvas(page);

  await page.getByLabel('Up (y axis)').selectOption('w1');
  await expect(page).toHaveURL(/sy=w1/);
  await surfaceReady(page);
  const otherAxis = await readCanvas(page);
  expect(otherAxis.fingerprint).not.toBe(first.fingerprint);
  await expect(page.locator('neuron-playground landscape-plot canvas')).toHaveAttribute('aria-label', /over w0 .* and w1 /);

  await page.getByRole('spinbutton', { name: 'w0 from' }).fill('-5');
  await page.getByRole('spinbutton', { name: 'w0 from' }).press('Enter');
  await expect(page).toHaveURL(/srange=-5%2C/);
  await surfaceReady(page);
  await expect(page.locator('neuron-playground landscape-plot canvas')).toHaveAttribute('aria-label', /over w0 from -5 to/);
  expect((await readCanvas(page)).fingerprint).not.toBe(otherAxis.fingerprint);

  await page.getByLabel('Log colour scale').check();
  await expect(page).toHaveURL(/slog=on/);
  await page.getByRole('button', { name: 'Automatic ranges' }).click();
  await expect(page).toHaveURL(/srange=auto/);
});

test('a shared URL restores the landscape view', async ({ page }) => {
  const query = 'dataset=blobs&tab=landscape&sx=w1&sy=b&srange=-1%2C2%2C-3%2C3&slog=on';
  await openPlayground(page, query);
  await expect(page.getByRole('tab', { name: 'Landscape' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Across (x axis)')).toHaveValue('w1');
  await expect(page.getByLabel('Up (y axis)')).toHaveValue('b');
  await expect(page.getByRole('spinbutton', { name: 'w1 from' })).toHaveValue('-1');
  await expect(page.getByRole('spinbutton', { name: 'w1 to' })).toHaveValue('2');
  await expect(page.getByRole('spinbutton', { name: 'b from' })).toHaveValue('-3');
  await expect(page.getByRole('spinbutton', { name: 'b to' })).toHaveValue('3');
  await expect(page.getByLabel('Log colour scale')).toBeChecked();
  await surfaceReady(page);
  expect((await readCanvas(page)).colours).toBeGreaterThan(200);
  await expect(page.getByTestId('notices')).toHaveCount(0);
  expect(page.url()).toContain('srange=-1%2C2%2C-3%2C3');
});
