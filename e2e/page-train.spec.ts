/**
 * Training through the page: the Celsius example on the GPU and on the CPU, blobs to
 * full accuracy, the run controls, and plots that are really drawn.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { countPixels, INK, openPlayground, playUntil, readAccuracy, readParameters } from './helpers/playground';

/** The tutorial's setting: 100 Celsius values, mean squared error, full batch, 10,000 epochs. */
const CELSIUS = 'dataset=celsius&n=100&activation=identity&loss=mse&lr=0.001&batch=full&reduction=mean&epochs=10000&seed=1';

test('celsius: GPU and CPU recover F = 1.8 C + 32 and agree', async ({ page }) => {
  await openPlayground(page, `${CELSIUS}&backend=gpu`);
  await expect(page.getByTestId('status')).toContainText('GPU');
  expect(await countPixels(page, 'loss-chart', INK.blue)).toBe(0);
  await playUntil(page, 10_000);
  await expect(page.getByTestId('status')).toContainText(/Training on the GPU: \S+/);
  const gpu = await readParameters(page);

  await openPlayground(page, `${CELSIUS}&backend=cpu`);
  await expect(page.getByTestId('status')).toContainText('CPU (chosen in the settings)');
  await playUntil(page, 10_000);
  const cpu = await readParameters(page);

  // The CPU keeps float64 parameters: on noiseless data 10,000 epochs converge to
  // within 1e-6 of the truth, so 1e-4 leaves room and still pins the answer.
  expect(Math.abs(cpu.weights[0] - 1.8)).toBeLessThan(1e-4);
  expect(Math.abs(cpu.bias - 32)).toBeLessThan(1e-4);
  // The GPU keeps float32 parameters with compensated updates: 1.8 is 4.8e-8 from the
  // nearest float32 and 32's neighbours are 3.8e-6 away; 1e-4 leaves room for a few
  // float32 steps around the optimum (test/gpu/tutorials.test.ts holds the engine to 1e-5).
  expect(Math.abs(gpu.weights[0] - 1.8)).toBeLessThan(1e-4);
  expect(Math.abs(gpu.bias - 32)).toBeLessThan(1e-4);
  // Hence the two agree to the GPU's tolerance.
  expect(Math.abs(gpu.weights[0] - cpu.weights[0])).toBeLessThan(1e-4);
  expect(Math.abs(gpu.bias - cpu.bias)).toBeLessThan(1e-4);

  // Not blank: the loss curve is drawn, and so are the prediction before and after.
  expect(await countPixels(page, 'loss-chart', INK.blue)).toBeGreaterThan(100);
  expect(await countPixels(page, 'regression-plot', INK.orange)).toBeGreaterThan(100);
  expect(await countPixels(page, 'regression-plot', INK.blue)).toBeGreaterThan(100);
  await expect(page.getByTestId('loss-readout')).toContainText('Epoch 10,000');
});

test('blobs: a sigmoid neuron with cross-entropy separates the classes', async ({ page }) => {
  await openPlayground(page, 'dataset=blobs&n=1000&noise=0.5&activation=sigmoid&loss=bce&lr=0.5&batch=full&epochs=300&backend=auto');
  await playUntil(page, 300);
  // Centres 4 apart, spread 0.5: the best line misclassifies about 3 in 100,000.
  expect(await readAccuracy(page)).toBeGreaterThanOrEqual(0.99);
  expect(await countPixels(page, 'boundary-plot', INK.blue, 20)).toBeGreaterThan(200);
  expect(await countPixels(page, 'boundary-plot', INK.classOrange, 20)).toBeGreaterThan(200);
  expect(await countPixels(page, 'loss-chart', INK.blue)).toBeGreaterThan(100);
});

test('step, play and reset: one epoch per step, and a reset run repeats exactly', async ({ page }) => {
  await openPlayground(page, 'dataset=linear&n=500&epochs=40&backend=cpu&seed=7');
  const before = await readParameters(page);
  await page.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(page.getByTestId('epochs-done')).toHaveText('1');
  await page.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(page.getByTestId('epochs-done')).toHaveText('2');
  await playUntil(page, 40);
  const split = await readParameters(page);
  // The curve continues without gaps: its readout counts every epoch.
  await expect(page.getByTestId('loss-readout')).toContainText('Epoch 40');

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('epochs-done')).toHaveText('0');
  expect(await readParameters(page)).toEqual(before);
  await playUntil(page, 40);
  // Full batch visits rows in order, so splitting the run changes nothing: same numbers.
  const whole = await readParameters(page);
  expect(whole.weights[0]).toBeCloseTo(split.weights[0], 12);
  expect(whole.bias).toBeCloseTo(split.bias, 12);

  await page.getByRole('button', { name: 'New seed' }).click();
  await expect(page.getByTestId('epochs-done')).toHaveText('0');
  expect(page.url()).not.toContain('seed=7&');
});

test('the loss chart: the legend reads the epoch and loss under the pointer, a drag zooms, a double click shows the whole run', async ({ page }) => {
  await openPlayground(page, 'dataset=linear&n=200&epochs=300&backend=cpu&seed=3');
  await playUntil(page, 300);
  const losses = await page.evaluate(() => {
    const h = document.querySelector('neuron-playground')!.shadowRoot!.querySelector('loss-chart')!.history!;
    return Array.from({ length: h.length }, (_, i) => h.at(i));
  });
  expect(losses).toHaveLength(300);
  const over = page.locator('loss-chart .u-over');
  const box = (await over.boundingBox())!;
  const values = page.getByTestId('loss-legend').locator('.u-series .u-value');
  /** Hovers at a fraction of the plot's width and reads the legend. */
  const readAt = async (fraction: number) => {
    await over.hover({ position: { x: box.width * fraction, y: box.height / 2 } });
    const [epoch, loss] = await values.allTextContents();
    return { epoch: Number(epoch.replace(/,/g, '')), loss: Number(loss) };
  };
  /** The legend's loss is that epoch's, to its six significant digits (formatValue). */
  const expectTrue = ({ epoch, loss }: { epoch: number; loss: number }) => {
    expect(Math.abs(loss - losses[epoch - 1])).toBeLessThanOrEqual(Math.abs(losses[epoch - 1]) * 5e-6);
  };

  // The x axis runs from 0 to 300 epochs; a pixel is under one epoch, so the pointer at
  // the middle is on epoch 150 give or take two (rounding to a pixel, and the cursor
  // snapping to the nearest epoch).
  const middle = await readAt(0.5);
  expect(Math.abs(middle.epoch - 150)).toBeLessThanOrEqual(2);
  expectTrue(middle);
  expectTrue(await readAt(0.9));

  // A drag over the first tenth zooms into epochs 0 to 30: its middle is epoch 15.
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const zoomed = await readAt(0.5);
  expect(Math.abs(zoomed.epoch - 15)).toBeLessThanOrEqual(2);
  expectTrue(zoomed);

  // A double click shows the whole run again.
  await over.dblclick({ position: { x: box.width * 0.5, y: box.height / 2 } });
  const whole = await readAt(0.5 + 1 / box.width);
  expect(Math.abs(whole.epoch - 150)).toBeLessThanOrEqual(3);
  expectTrue(whole);
});

/**
 * A run far longer than the test, paused and resumed. On the GPU backend: the CPU
 * backend yields with scheduler.yield(), whose continuations go ahead of every other
 * task, and during a long CPU run Playwright's own commands to the page wait until the
 * run ends (reported to the engine's owner; see the fixme below).
 */
async function pauseAndResume(page: Page, backend: 'gpu' | 'cpu'): Promise<void> {
  await openPlayground(page, `dataset=linear&n=20000&epochs=1000000&backend=${backend}&lr=0.01`);
  const epochs = async () => Number((await page.getByTestId('epochs-done').textContent())!.replace(/,/g, ''));
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(epochs).toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await epochs();
  await page.waitForTimeout(300);
  expect(await epochs()).toBe(paused);
  await expect(page.getByTestId('loss-readout')).toContainText(`Epoch ${paused.toLocaleString('en-US')}:`);

  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(epochs).toBeGreaterThan(paused + 5);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Every epoch of both calls is on the curve: its last point is the counter's epoch.
  await expect(page.getByTestId('loss-readout')).toContainText(`Epoch ${(await epochs()).toLocaleString('en-US')}:`);

  await page.getByRole('button', { name: 'Linear' }).click();
  await expect(page).toHaveURL(/scale=linear/);
  expect(await countPixels(page, 'loss-chart', INK.blue)).toBeGreaterThan(50);
}

test('pause keeps the run where it stopped and play continues the same curve', async ({ page }) => {
  await pauseAndResume(page, 'gpu');
});

test('pause and resume a long CPU run', async ({ page }) => {
  await pauseAndResume(page, 'cpu');
});

test("'auto' shows which backend it chose and what it measured", async ({ page }) => {
  await openPlayground(page, 'dataset=linear&n=65536&features=8&batch=full&lr=0.01&epochs=3&backend=auto');
  await playUntil(page, 3);
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toHaveText(/^Auto chose the (GPU|CPU): about [0-9.,]+ (µs|ms|s) per epoch here against [0-9.,]+ (µs|ms|s) on the (CPU|GPU) \(timed on 65,536 samples, batch 65,536\)\.$/);
  const chosen = (await reason.textContent())!.match(/chose the (GPU|CPU)/)![1];
  await expect(page.getByTestId('status')).toContainText(`Training on the ${chosen}`);
});

test('the page is cross-origin isolated, so the CPU workers can share one dataset', async ({ page }) => {
  await openPlayground(page);
  expect(await page.evaluate(() => crossOriginIsolated && typeof SharedArrayBuffer === 'function')).toBe(true);
});
