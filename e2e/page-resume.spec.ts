/**
 * Pause and play split a run into calls of train(); in mini-batch and stochastic descent
 * the split must not change the numbers. Each call continues the epoch count
 * (startEpoch), so it shuffles as the uninterrupted run would, and it starts from
 * parameters that belong to a whole epoch.
 *
 * Tolerances: on the CPU the split run equals the engine's uninterrupted run exactly
 * (float64 parameters carried across unchanged). On the GPU each call restarts its Kahan
 * compensations at 0, about one float32 ulp (6e-8 relative) per parameter, which these
 * contracting linear fits do not magnify: 1e-6 relative. Parameters taken mid-epoch were
 * off by 1e-4 and more.
 */
import { test, expect } from './helpers/fixtures';
import { openPlayground, readParameters } from './helpers/playground';

// Epochs per backend: long enough that the pause lands well before the end. The CPU ran
// 5,000 mini-batch epochs in under a second here, so a pause clicked after the first
// report could miss the run (or hit Play, the same button once the run ended).
const modes = [
  { name: 'mini-batch', query: 'batch=mini&batchSize=64', batchSize: 64, epochs: { gpu: 5_000, cpu: 40_000 } },
  { name: 'stochastic', query: 'batch=sgd', batchSize: 1, epochs: { gpu: 2_000, cpu: 3_000 } },
];

for (const backend of ['gpu', 'cpu'] as const) {
  for (const mode of modes) {
    test(`pause and play in ${mode.name} descent on the ${backend.toUpperCase()} give the uninterrupted run's numbers`, async ({ page }) => {
      const n = 2_000;
      const total = mode.epochs[backend];
      await openPlayground(page, `dataset=linear&n=${n}&features=2&noise=0.1&seed=3&activation=identity&loss=mse&lr=0.01&reduction=mean&${mode.query}&epochs=${total}&backend=${backend}`);
      const initial = await readParameters(page);
      const epochs = async () => Number((await page.getByTestId('epochs-done').textContent())!.replace(/,/g, ''));
      await page.getByRole('button', { name: 'Play' }).click();
      await expect.poll(epochs).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
      const paused = await epochs();
      expect(paused, 'the pause landed before the end').toBeLessThan(total);
      await page.getByRole('button', { name: 'Play' }).click();
      await expect(page.getByTestId('epochs-done')).toHaveText(total.toLocaleString('en-US'), { timeout: 100_000 });
      await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
      const split = await readParameters(page);

      const whole = await page.evaluate(async ({ backend, initial, n, batchSize, epochs }) => {
        const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
        return engine.train({
          backend, dataset: { kind: 'linear', n, features: 2, noise: 0.1, seed: 3 }, activation: 'identity', loss: 'mse',
          learningRate: 0.01, reduction: 'mean', epochs, batchSize, init: initial, seed: 3,
        });
      }, { backend, initial, n, batchSize: mode.batchSize, epochs: total });
      const got = [...split.weights, split.bias];
      const want = [...whole.weights, whole.bias];
      if (backend === 'cpu') expect(got).toEqual(want);
      else got.forEach((value, i) => expect(Math.abs(value - want[i]) / Math.max(1, Math.abs(want[i]))).toBeLessThanOrEqual(1e-6));
    });
  }
}
