/** The CPU's worker pool (real Web Workers in Chromium) against the main-thread sums. */
import { afterAll, describe, expect, test } from 'vitest';
import { gradients, train, type Progress, type TrainConfig } from '../../src/index';
import { setCpuSharedMemory, setCpuSimd, setCpuWorkers } from '../../src/cpu/worker-pool';

afterAll(() => {
  setCpuWorkers('auto');
  setCpuSharedMemory(true);
  setCpuSimd(true);
});

const configs: [string, TrainConfig][] = [
  // Batches of at least 2^20 values go to the workers (see cpu-trainer.ts).
  ['full batch, sigmoid + bce', { backend: 'cpu', dataset: { kind: 'blobs', n: 200_003, features: 5 }, activation: 'sigmoid', loss: 'bce', learningRate: 0.5, epochs: 3, batchSize: 200_003 }],
  ['shuffled mini-batches, tanh + mse', { backend: 'cpu', dataset: { kind: 'linear', n: 600_003, features: 3 }, activation: 'tanh', loss: 'mse', learningRate: 0.05, epochs: 2, batchSize: 270_000, seed: 5 }],
];

test('the test page is cross-origin isolated, so the shared dataset is what the workers use by default', () => {
  expect(globalThis.crossOriginIsolated).toBe(true);
});

/**
 * Tolerances against the main thread's float64 sums. The TypeScript kernel in workers
 * differs only in the order of float64 additions (shard by shard, block by block): ~1e-16
 * per term, so 1e-10. The SIMD kernel rounds to float32 (test/unit/wasm-kernel.test.ts
 * bounds each sum by (d + 146) u Σ|x|(|dJ/dz| + L m), so rounding that falls one way
 * could reach 1e-5 of the mean term); its errors mostly cancel: measured 5.5e-9 of
 * (1 + |value|) on gradients, losses and the parameters after 3 epochs. 1e-6 leaves 180x
 * room and still catches a wrong activation, a dropped block or a misplaced row.
 */
describe.each([
  ['one shared WebAssembly.Memory, blocks from a counter, the SIMD kernel', true, true, 'wasm-simd', 1e-6],
  ['one shared dataset, blocks from a counter, the TypeScript kernel', true, false, 'typescript', 1e-10],
  ['a shard per worker', false, true, 'typescript', 1e-10],
] as const)('workers on %s sum as the main thread does', (_, shared, simd, kernel, tolerance) => {
  afterAll(() => {
    setCpuSharedMemory(true);
    setCpuSimd(true);
  });
  for (const [name, config] of configs) {
    test(name, async () => {
      setCpuSharedMemory(shared);
      setCpuSimd(false); // the reference: the main thread's float64 sums
      setCpuWorkers(0); // no pool: the main thread sums every batch
      const inline = await train(config);
      expect(inline.cpuKernel).toBe('typescript');
      const inlineGrad = await gradients(config);
      setCpuSimd(simd);
      let worst = 0;
      for (const workers of [1, 3]) {
        setCpuWorkers(workers);
        const reports: Progress[] = [];
        const pooled = await train(config, { onProgress: (p) => { if (p.phase === 'training') reports.push(p); } });
        expect(pooled.cpuKernel).toBe(kernel);
        expect(reports.every((p) => p.cpuKernel === kernel)).toBe(true);
        const pooledGrad = await gradients(config);
        const close = (a: number, b: number) => {
          worst = Math.max(worst, Math.abs(a - b) / (1 + Math.abs(b)));
          expect(Math.abs(a - b)).toBeLessThanOrEqual(tolerance * (1 + Math.abs(b)));
        };
        pooled.weights.forEach((w, j) => close(w, inline.weights[j]));
        close(pooled.bias, inline.bias);
        pooled.losses.forEach((l, e) => close(l, inline.losses[e]));
        pooledGrad.dw.forEach((g, j) => close(g, inlineGrad.dw[j]));
        close(pooledGrad.db, inlineGrad.db);
        close(pooledGrad.loss, inlineGrad.loss);
      }
      console.log(`${kernel}, ${name}: worst difference ${worst.toExponential(2)} of (1 + |value|)`);
    });
  }
});

test('on the shared dataset the result does not depend on the number of workers, to the last bit', async () => {
  setCpuSharedMemory(true);
  const results = [];
  for (const workers of [1, 2, 3]) {
    setCpuWorkers(workers);
    for (const [, config] of configs) results.push({ workers, ...(await train(config)) });
  }
  const [one, ...others] = [results.filter((r) => r.workers === 1), results.filter((r) => r.workers === 2), results.filter((r) => r.workers === 3)];
  for (const other of others) {
    other.forEach((r, i) => {
      expect(r.weights).toEqual(one[i].weights);
      expect(r.bias).toBe(one[i].bias);
      expect(r.losses).toEqual(one[i].losses);
    });
  }
});

test('with no workers, the page\'s main thread sums a large dataset with the SIMD kernel too', async () => {
  setCpuWorkers(0);
  setCpuSimd(true);
  const [, config] = configs[1];
  const result = await train({ ...config, epochs: 1 });
  expect(result.cpuKernel).toBe('wasm-simd');
  setCpuWorkers('auto');
});
