/** The scaling panel: every size on both backends, a log-log chart, a CSV, and cancel. */
import { readFile } from 'node:fs/promises';
import { test, expect } from './helpers/fixtures';
import { countPixels, INK, openPlayground } from './helpers/playground';

test('measures each size on the CPU and the GPU up to 10^4, plots them and saves a CSV', async ({ page }) => {
  await openPlayground(page, 'dataset=blobs&tab=scaling&smax=4');
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByTestId('scaling-label')).toHaveText('finished', { timeout: 60_000 });
  const rows = page.getByTestId('scaling-table').locator('tbody tr');
  // Sizes 1,000, 3,000 and 10,000, each on both backends.
  await expect(rows).toHaveCount(6);
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(cells.map((c) => `${c[0]} ${c[1]}`)).toEqual([
    '1,000 CPU', '1,000 GPU', '3,000 CPU', '3,000 GPU', '10,000 CPU', '10,000 GPU',
  ]);
  for (const c of cells) expect(parseFloat(c[3])).toBeGreaterThan(0);
  expect(await countPixels(page, 'scaling-chart', INK.blue, 20)).toBeGreaterThan(50);
  expect(await countPixels(page, 'scaling-chart', INK.orange, 20)).toBeGreaterThan(50);

  // Hovering n = 3,000 (log10 3 = 0.477 of the way from 10^3 to 10^4) reads that size's
  // times in the legend, as the table gives them.
  const over = page.locator('scaling-chart .u-over');
  const box = (await over.boundingBox())!;
  await over.hover({ position: { x: box.width * Math.log10(3), y: box.height / 2 } });
  const legend = await page.getByTestId('scaling-legend').locator('.u-series').evaluateAll((trs) =>
    trs.map((tr) => `${tr.querySelector('.u-label')!.textContent} ${tr.querySelector('.u-value')!.textContent}`));
  expect(legend).toEqual(['n 3,000', `CPU ${cells[2][3]}`, `GPU ${cells[3][3]}`]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('n,backend,epochs_timed,ms_per_epoch,samples_per_second,speedup_gpu_over_cpu');
  expect(lines).toHaveLength(7);
  expect(lines[2]).toMatch(/^1000,gpu,\d+,[\d.e+-]+,\d+,[\d.e+-]+$/);
});

test('a scaling run can be cancelled', async ({ page }) => {
  await openPlayground(page, 'dataset=blobs&tab=scaling&smax=7');
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('scaling-note')).toContainText('Cancelled after');
  await expect(page.getByRole('button', { name: 'Run scaling' })).toBeEnabled();
});

test('with "Add TF.js (WebGPU)" ticked, TF.js is measured at each size as a third line', async ({ page }) => {
  await openPlayground(page, 'dataset=blobs&tab=scaling&smax=4');
  await page.getByLabel('Add TF.js (WebGPU)').check();
  await expect(page).toHaveURL(/stfjs=on/);
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByTestId('scaling-label')).toHaveText('finished', { timeout: 100_000 });
  const rows = page.getByTestId('scaling-table').locator('tbody tr');
  await expect(rows).toHaveCount(9);
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const tfjs = cells.filter((c) => c[1] === 'TF.js (WebGPU)');
  expect(tfjs.map((c) => c[0])).toEqual(['1,000', '3,000', '10,000']);
  for (const c of tfjs) {
    expect(parseFloat(c[3])).toBeGreaterThan(0);
    // How many times faster our GPU is than TF.js at that size.
    expect(c[5]).toMatch(/^[\d.]+×$/);
  }
  await expect(page.getByTestId('scaling-note')).toHaveCount(0);
  expect(await countPixels(page, 'scaling-chart', INK.purple, 20)).toBeGreaterThan(50);

  // The box is a setting like any other: it is in the URL and survives a reload.
  await page.reload();
  await expect(page.getByLabel('Add TF.js (WebGPU)')).toBeChecked();
});

test('the read ceilings, measured on demand, put each line against its hardware in GB/s', async ({ page }) => {
  await openPlayground(page, 'dataset=blobs&tab=scaling&smax=4');
  await page.getByRole('button', { name: 'Measure read ceilings' }).click();
  const line = page.getByTestId('scaling-ceilings');
  await expect(line).toContainText('Read ceilings:', { timeout: 60_000 });
  // Both measured on this machine: the page is cross-origin isolated and has a WebGPU adapter.
  await expect(line).toHaveText(/^Read ceilings: CPU [\d.]+ GB\/s \(\d+ workers, WebAssembly SIMD\); GPU [\d.]+ GB\/s \(read-only sum; copy [\d.]+ GB\/s\)\.$/);
  // Once per session.
  await expect(page.getByRole('button', { name: 'Measure read ceilings' })).toBeDisabled();

  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByTestId('scaling-label')).toHaveText('finished', { timeout: 60_000 });
  const cells = await page.getByTestId('scaling-table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(cells).toHaveLength(6);
  console.log(`${await line.textContent()}\n${cells.map((c) => c.join(' | ')).join('\n')}`);
  for (const c of cells) {
    const gb = parseFloat(c[6]);
    expect(gb, c.join(' | ')).toBeGreaterThan(0);
    // The bytes one epoch reads: n (d + 1) float32s, d = 2 for the default blobs, so 12 bytes
    // a sample; both columns are rounded to 3 digits, hence 1 %.
    const samplesPerSecond = parseFloat(c[4]) * ({ K: 1e3, M: 1e6, B: 1e9 }[c[4].slice(-1)] ?? 1);
    expect(Math.abs(gb - (samplesPerSecond * 12) / 1e9) / gb, c.join(' | ')).toBeLessThan(0.01);
    expect(c[7], c.join(' | ')).toMatch(/^[\d.e+]+ %$/);
  }
});

test('with "Time the loss surface too" ticked, each size times a 32 x 32 surface on both backends', async ({ page }) => {
  await openPlayground(page, 'dataset=blobs&tab=scaling&smax=4');
  const box = page.getByLabel('Time the loss surface too');
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(page).toHaveURL(/ssurf=on/);
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByTestId('scaling-label')).toHaveText('finished', { timeout: 100_000 });
  const rows = page.getByTestId('scaling-table').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  console.log(cells.map((c) => c.join(' | ')).join('\n'));
  expect(cells.map((c) => `${c[0]} ${c[1]}`)).toEqual([
    '1,000 CPU', '1,000 GPU', '3,000 CPU', '3,000 GPU', '10,000 CPU', '10,000 GPU',
  ]);
  // The blobs model (sigmoid + bce) has no closed form: every point over every row, on both.
  for (const c of cells) {
    expect(c[8], c.join(' | ')).toMatch(/^[\d.]+ (µs|ms|s)$/);
    expect(Number.isFinite(parseFloat(c[8])) && parseFloat(c[8]) > 0, c.join(' | ')).toBe(true);
  }

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const lines = (await readFile(await (await download).path(), 'utf8')).trim().split('\n');
  expect(lines[0]).toBe('n,backend,epochs_timed,ms_per_epoch,samples_per_second,speedup_gpu_over_cpu,surface_ms,surface_method');
  expect(lines).toHaveLength(7);
  for (const line of lines.slice(1)) expect(line).toMatch(/,[\d.e+-]+,direct$/);

  await page.reload();
  await expect(page.getByLabel('Time the loss surface too')).toBeChecked();
});
