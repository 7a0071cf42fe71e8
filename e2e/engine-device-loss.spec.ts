/**
 * A GPU process crash in the middle of training, for real: Chromium's DevTools protocol
 * crashes the GPU process, the device is lost, and train() must go on from the last
 * parameters it read back, on a new device (or the CPU), with no gap or NaN in the loss
 * history.
 */
import { expect } from '@playwright/test';
import { recordErrors } from './helpers/fixtures';
import { test } from './helpers/own-browser';

declare global {
  interface Window {
    lossRun?: Promise<import('../src/index').TrainResult>;
    lossRunProgress?: number;
    lossRunNotices?: string[];
  }
}

test('training survives a GPU process crash and keeps every epoch', async ({ ownBrowser }) => {
  const { page } = ownBrowser;
  const errors: string[] = [];
  recordErrors(page, errors);
  await page.goto('/');
  const epochs = 400;
  const config = {
    backend: 'gpu', dataset: { kind: 'linear', n: 20_000, features: 4 }, activation: 'tanh', loss: 'mse',
    learningRate: 0.002, epochs, batchSize: 64, seed: 4,
  } as const;
  await page.evaluate(async (config) => {
    // Served by Vite as the page's own module; the path is kept out of TypeScript's resolution.
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    window.lossRunProgress = 0;
    window.lossRunNotices = [];
    window.lossRun = engine.train(config, {
      onProgress: (p) => { if (p.phase === 'training') window.lossRunProgress = p.epoch; },
      onNotice: (message) => window.lossRunNotices!.push(message),
    });
  }, config);
  await expect.poll(() => page.evaluate(() => window.lossRunProgress!), { timeout: 60_000 }).toBeGreaterThan(5);
  await ownBrowser.crashGpuProcess();
  const result = await page.evaluate(() => window.lossRun!);
  const progressAtEnd = await page.evaluate(() => window.lossRunProgress);

  expect(result.notices.length).toBeGreaterThanOrEqual(1);
  expect(result.notices[0]).toMatch(/^The GPU device was lost \(.+\) after epoch \d+; training goes on from there on (a new GPU device|the CPU)/);
  expect(await page.evaluate(() => window.lossRunNotices)).toEqual(result.notices);
  // The reason says the same as data: where training went on, from which epoch.
  expect(result.backendReason).toMatchObject({ kind: 'failover', to: result.backend });
  expect(result.losses).toHaveLength(epochs);
  expect(result.losses.every(Number.isFinite)).toBe(true);
  expect([...result.weights, result.bias].every(Number.isFinite)).toBe(true);
  expect(progressAtEnd).toBe(epochs);
  // The curve goes on smoothly across the crash: no epoch is much worse than the one before.
  for (let e = 1; e < epochs; e++) expect(result.losses[e]).toBeLessThan(result.losses[e - 1] * 1.5 + 1e-6);
  // The hand-over resumed from the parameters after a whole epoch, so the run ends where an
  // uninterrupted one does: to 1e-6 relative on a new GPU device (its Kahan compensations
  // restart at 0, about one float32 ulp), to the GPU-against-CPU tolerance on the CPU.
  const uninterrupted = await page.evaluate(async (config) => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    return engine.train(config);
  }, { ...config, backend: result.backend === 'gpu' ? 'gpu' as const : 'cpu' as const });
  const tolerance = result.backend === 'gpu' ? 1e-6 : 1e-4;
  [...result.weights, result.bias].forEach((value, i) => {
    const want = [...uninterrupted.weights, uninterrupted.bias][i];
    expect(Math.abs(value - want) / Math.max(1, Math.abs(want)), `parameter ${i}`).toBeLessThanOrEqual(tolerance);
  });
  // The only errors are the engine reporting the loss itself.
  expect(errors.filter((e) => !/WebGPU device lost|GPU device was lost/.test(e))).toEqual([]);
});
