/**
 * An activation picked in the settings trains on the page as it does in the engine:
 * Leaky ReLU, chosen by its label, on the CPU and on the GPU. The page's final
 * parameters are compared with train() of the same configuration in the same page.
 *
 * Tolerances: on the CPU the page and the engine run the same float64 code on the same
 * data from the same start, so they agree exactly. On the GPU both run the same kernels
 * on the same adapter; a run the page splits into several calls restarts its Kahan
 * compensations, about one float32 ulp (6e-8 relative) per parameter each time
 * (e2e/page-resume.spec.ts), so 1e-6 relative.
 */
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil, readParameters } from './helpers/playground';

const EPOCHS = 200;

for (const backend of ['cpu', 'gpu'] as const) {
  test(`Leaky ReLU, picked in the settings, trains on the ${backend.toUpperCase()} as the engine does`, async ({ page }) => {
    await openPlayground(page, `dataset=linear&n=1000&features=2&noise=0.1&seed=3&activation=identity&loss=mse&lr=0.05&batch=mini&batchSize=100&reduction=mean&epochs=${EPOCHS}&backend=${backend}`);
    await page.getByLabel('Activation').selectOption({ label: 'Leaky ReLU' });
    await expect(page).toHaveURL(/activation=leakyRelu/);
    const initial = await readParameters(page);
    await playUntil(page, EPOCHS);
    await expect(page.getByTestId('status')).toContainText(backend.toUpperCase());
    const trained = await readParameters(page);

    const engine = await page.evaluate(async ({ backend, initial, epochs }) => {
      const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
      return engine.train({
        backend, dataset: { kind: 'linear', n: 1000, features: 2, noise: 0.1, seed: 3 }, activation: 'leakyRelu', loss: 'mse',
        learningRate: 0.05, reduction: 'mean', epochs, batchSize: 100, init: initial, seed: 3,
      });
    }, { backend, initial, epochs: EPOCHS });
    expect(engine.backend).toBe(backend);
    const got = [...trained.weights, trained.bias];
    const want = [...engine.weights, engine.bias];
    // Training moved the parameters: the comparison is not of two untouched starts.
    expect(want).not.toEqual([...initial.weights, initial.bias]);
    if (backend === 'cpu') expect(got).toEqual(want);
    else got.forEach((value, i) => expect(Math.abs(value - want[i]) / Math.max(1, Math.abs(want[i]))).toBeLessThanOrEqual(1e-6));
  });
}
