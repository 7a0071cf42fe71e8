/**
 * When the GPU fails or training blows up, in the page: a GPU process crash in the middle
 * of a run (training goes on, the page says where, the loss curve keeps every epoch), a
 * validation error no code caught (on the status line, not only in the console), and a
 * learning rate that makes the loss overflow (the run stops at once, naming the epoch,
 * showing the last finite parameters and only finite losses), on the GPU and the CPU.
 *
 * The engine writes GPU events to the console as errors; these tests record the console
 * themselves and allow exactly those messages, and nothing else.
 */
import { expect, type Page } from '@playwright/test';
import { recordErrors } from './helpers/fixtures';
import { test } from './helpers/own-browser';
import { countPixels, INK, openPlayground, playUntil, readParameters } from './helpers/playground';

/** Console errors and uncaught exceptions of the test's page. */
let errors: string[] = [];
/** Console errors this test expects (the engine reporting a GPU event). */
let allowed: RegExp[] = [];

test.beforeEach(({ page }) => {
  errors = [];
  allowed = [];
  recordErrors(page, errors);
});

test.afterEach(() => {
  expect(errors.filter((e) => !allowed.some((a) => a.test(e)))).toEqual([]);
});

const epochsDone = async (page: Page) => Number((await page.getByTestId('epochs-done').textContent())!.replace(/,/g, ''));

/** The page's loss history as the chart holds it: epochs, stored points and their stride. */
function readHistory(page: Page): Promise<{ epochs: number; stride: number; points: number[]; last: number }> {
  return page.evaluate(() => {
    const chart = document.querySelector('neuron-playground')!.shadowRoot!.querySelector('loss-chart')!;
    const h = chart.history!;
    return { epochs: h.epochs, stride: h.stride, points: Array.from({ length: h.length }, (_, i) => h.at(i)), last: h.last };
  });
}

test('a GPU process crash in the middle of a page run: the page says so and training goes on without a gap', async ({ ownBrowser }) => {
  // Its own browser: see helpers/own-browser.ts.
  const { page } = ownBrowser;
  recordErrors(page, errors);
  allowed = [/WebGPU device lost/];
  // Mini-batches of 64 from 20,000 rows: about 300 small steps an epoch, a long GPU run.
  await openPlayground(page, 'dataset=linear&n=20000&features=4&activation=tanh&lr=0.002&batch=mini&batchSize=64&epochs=1000000&backend=gpu&seed=4');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochsDone(page), { timeout: 60_000 }).toBeGreaterThan(5);
  await expect(page.getByTestId('status')).toContainText('Training on the GPU');

  await ownBrowser.crashGpuProcess();
  const atCrash = await epochsDone(page);

  // The lost device is on the status line, and so is where training went on.
  await expect(page.getByTestId('gpu-event')).toContainText('GPU device lost at', { timeout: 60_000 });
  const moved = page.getByTestId('run-notice');
  await expect(moved).toContainText(/^The GPU device was lost \(.+\) after epoch [\d,]+; training goes on from there on (a new GPU device \(.+\)|the CPU, as no GPU came back)\.$/, { timeout: 60_000 });
  await expect(page.getByTestId('notices')).toContainText('training goes on from there on');
  console.log(`after the crash at epoch ${atCrash}: ${await moved.textContent()}`);
  expect(errors.some((e) => /WebGPU device lost/.test(e)), 'the console was told too').toBe(true);

  // The epoch counter keeps climbing, and the loss readout stays a number.
  await expect.poll(() => epochsDone(page), { timeout: 60_000 }).toBeGreaterThan(atCrash + 10);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const done = await epochsDone(page);
  console.log(`paused at epoch ${done}; ${await page.getByTestId('status').textContent()}`.replace(/\s+/g, ' '));
  const loss = Number(await page.getByTestId('loss').getAttribute('data-value'));
  expect(Number.isFinite(loss)).toBe(true);
  const { weights, bias } = await readParameters(page);
  expect([...weights, bias].every(Number.isFinite)).toBe(true);

  // Every epoch is on the curve, once, finite, and it goes on smoothly across the crash.
  const history = await readHistory(page);
  expect(history.epochs).toBe(done);
  expect(history.stride).toBe(1);
  expect(history.points).toHaveLength(done);
  expect(history.points.every(Number.isFinite)).toBe(true);
  for (let e = 1; e < done; e++) expect(history.points[e], `epoch ${e + 1}`).toBeLessThan(history.points[e - 1] * 1.5 + 1e-6);
  await expect(page.getByTestId('loss-readout')).toContainText(`Epoch ${done.toLocaleString('en-US')}: loss`);
  // The crash loses the page's canvases too; Chromium gives them back blank about half a
  // second later, and the chart redraws then, paused or not.
  await expect.poll(() => countPixels(page, 'loss-chart', INK.blue), { timeout: 10_000 }).toBeGreaterThan(50);

  // And the page trains again afterwards.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochsDone(page), { timeout: 60_000 }).toBeGreaterThan(done);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('a GPU process crash while paused: the charts lose their canvases and draw them again', async ({ ownBrowser }) => {
  // Its own browser: see helpers/own-browser.ts.
  const { page } = ownBrowser;
  recordErrors(page, errors);
  allowed = [/WebGPU device lost/];
  await openPlayground(page, 'dataset=celsius&n=100&activation=identity&loss=mse&lr=0.001&batch=full&epochs=300&backend=gpu&seed=1');
  await playUntil(page, 300);
  const charts = ['loss-chart', 'regression-plot'] as const;
  const before = await Promise.all(charts.map((c) => countPixels(page, c, INK.blue)));
  for (const count of before) expect(count).toBeGreaterThan(50);

  // Count each chart canvas's restorations, then crash the GPU process under the paused page.
  await page.evaluate((charts) => {
    const counts: Record<string, number> = {};
    (window as unknown as { restored: Record<string, number> }).restored = counts;
    const root = document.querySelector('neuron-playground')!.shadowRoot!;
    for (const c of charts) {
      counts[c] = 0;
      root.querySelector(c)!.shadowRoot!.querySelector('canvas')!.addEventListener('contextrestored', () => { counts[c]++; });
    }
  }, charts);
  await ownBrowser.crashGpuProcess();
  await expect(page.getByTestId('gpu-event')).toContainText('GPU device lost at', { timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => Object.values((window as unknown as { restored: Record<string, number> }).restored)),
    { timeout: 10_000, message: 'Chromium restores each lost canvas' }).toEqual([1, 1]);

  // Nothing was trained in between, so each chart is the drawing it was before the crash.
  await expect.poll(() => Promise.all(charts.map((c) => countPixels(page, c, INK.blue)))).toEqual(before);
  await expect(page.getByTestId('epochs-done')).toHaveText('300');
});

test('a GPU validation error no code caught is shown on the status line', async ({ page }) => {
  allowed = [/WebGPU error: .*usage/i];
  await openPlayground(page, 'dataset=linear&backend=gpu');
  await expect(page.getByTestId('gpu-event')).toHaveCount(0);
  await page.evaluate(async () => {
    // The engine's own device module, the same instance the page uses.
    const device: typeof import('../src/gpu/device') = await import(/* @vite-ignore */ `${'/src/gpu/device.ts'}`);
    const gpu = await device.acquireGpu();
    if (typeof gpu === 'string') throw new Error(gpu);
    // MAP_READ may only go with COPY_DST: a validation error, outside any error scope.
    gpu.device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
    // Chrome hands uncaptured errors over when the device next does work; the engine
    // always waits on the GPU while it trains, an idle test page has to ask.
    await gpu.device.queue.onSubmittedWorkDone();
  });
  await expect(page.getByTestId('gpu-event')).toContainText(/^GPU error at [\d:]+: .+/);
  await expect(page.getByTestId('status')).toContainText('GPU error');
  await expect.poll(() => errors.filter((e) => /WebGPU error/.test(e)).length).toBe(1);

  // Nothing else broke: the page trains.
  await page.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(page.getByTestId('epochs-done')).toHaveText('1');
});

for (const backend of ['gpu', 'cpu'] as const) {
  test(`divergence on the ${backend.toUpperCase()}: the run stops at once, names the epoch, keeps the last finite parameters`, async ({ page }) => {
    // x spans -50..49: with learning rate 0.1 each epoch multiplies the error by about 160.
    await openPlayground(page, `dataset=celsius&n=100&lr=0.1&batch=full&epochs=10000&backend=${backend}&seed=1`);
    const initial = await readParameters(page);
    await page.getByRole('button', { name: 'Play' }).click();
    const error = page.getByTestId('notices').locator('li.error');
    await expect(error).toContainText(/^Training diverged at epoch [\d,]+: the loss or a parameter overflowed\. learningRate 0\.1 is too large/);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

    // What the engine says about the same run, called directly.
    const expected = await page.evaluate(async ({ backend, initial }) => {
      const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
      try {
        await engine.train({
          backend, dataset: { kind: 'celsius', n: 100, features: 1, noise: 0, seed: 1 }, activation: 'identity', loss: 'mse',
          learningRate: 0.1, epochs: 10_000, batchSize: 100, reduction: 'mean', init: initial, seed: 1, startEpoch: 0,
        });
        return null;
      } catch (e) {
        const d = e as InstanceType<typeof engine.DivergenceError>;
        return { name: d.name, message: d.message, epoch: d.epoch, weights: d.weights, bias: d.bias, losses: d.losses };
      }
    }, { backend, initial });
    expect(expected?.name).toBe('DivergenceError');
    await expect(error).toHaveText(expected!.message);
    expect(expected!.epoch).toBeLessThan(50);

    // The parameters shown are the engine's last finite ones.
    expect(await readParameters(page)).toEqual({ weights: expected!.weights, bias: expected!.bias });
    expect([...expected!.weights, expected!.bias].every(Number.isFinite)).toBe(true);

    // The chart holds the finite losses before the overflow, and nothing else.
    const history = await readHistory(page);
    expect(history.points).toEqual(expected!.losses);
    expect(history.points.every(Number.isFinite)).toBe(true);
    expect(history.epochs).toBeLessThan(expected!.epoch);
    expect(await epochsDone(page)).toBe(history.epochs);
    const loss = Number(await page.getByTestId('loss').getAttribute('data-value'));
    expect(Number.isFinite(loss)).toBe(true);

    // Stopped for good: nothing moves any more.
    await page.waitForTimeout(500);
    expect(await epochsDone(page)).toBe(history.epochs);

    // A smaller learning rate and a reset: the page trains normally again.
    const lr = page.getByLabel('Learning rate');
    await lr.fill('0.001');
    await lr.press('Enter');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(error).toHaveCount(0);
    await page.getByRole('button', { name: 'Step one epoch' }).click();
    await expect(page.getByTestId('epochs-done')).toHaveText('1');
    expect(Number.isFinite(Number(await page.getByTestId('loss').getAttribute('data-value')))).toBe(true);
  });
}

/*
 * Epoch losses live in a ring of 4,096 on the GPU; a submission must never span more
 * epochs than that, or the early epochs would read back later ones' losses. Tiny
 * datasets run thousands of epochs per dispatch, so they are where that would show.
 */
test('tiny dataset: the GPU loss curve in the page matches the CPU one', async ({ page }) => {
  const curve = async (backend: string) => {
    await openPlayground(page, `dataset=linear&n=8&batch=full&lr=0.01&epochs=6000&backend=${backend}&seed=2`);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByTestId('epochs-done')).toHaveText('6,000', { timeout: 60_000 });
    return (await readHistory(page)).points;
  };
  const gpu = await curve('gpu');
  const cpu = await curve('cpu');
  const worst = Math.max(...gpu.map((g, i) => Math.abs(g - cpu[i]) / Math.abs(cpu[i])));
  console.log(`GPU vs CPU loss curve, 8 rows: worst relative difference ${worst}`);
  // float32 against float64 over 6,000 epochs: 1e-4 is generous.
  expect(worst).toBeLessThan(1e-4);
});
