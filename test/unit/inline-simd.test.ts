/**
 * The main thread (here Node, where there are no workers) sums a large dataset with the
 * SIMD kernel and a small one, or batches under 8 rows, with the float64 kernel.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { gradients, train, type TrainConfig } from '../../src/index';
import { setCpuSimd } from '../../src/cpu/worker-pool';
import { SIMD_MIN_VALUES } from '../../src/cpu/dataset-cache';

afterAll(() => setCpuSimd(true));

const large = (batchSize: number, extra: Partial<TrainConfig> = {}): TrainConfig => ({
  backend: 'cpu', dataset: { kind: 'blobs', n: 20_011, features: 3, seed: 4 }, activation: 'sigmoid', loss: 'bce',
  learningRate: 0.5, epochs: 3, batchSize, seed: 9, ...extra,
});

test('the large case is large and the small one small', () => {
  expect(20_011 * 4).toBeGreaterThanOrEqual(SIMD_MIN_VALUES);
  expect(1_000 * 4).toBeLessThan(SIMD_MIN_VALUES);
});

/**
 * Against the float64 kernel on the same data. The SIMD kernel adds float32 products into
 * float64 every 256 rows (test/unit/wasm-kernel.test.ts bounds each sum); over 3 epochs
 * the parameters, losses and gradients moved by at most 1.4e-8 (full batch), 1.8e-8
 * (batches of 500) and 1.9e-7 (batches of 64: 939 steps at lr 0.5) of (1 + |value|) when
 * this was written, so 1e-6 leaves 5x room and still catches a wrong pair or a dropped block.
 */
describe.each([
  ['full batch, sigmoid + bce', large(20_011)],
  ['shuffled batches of 64, sigmoid + bce', large(64)],
  ['shuffled batches of 500, tanh + mse', large(500, { dataset: { kind: 'linear', n: 20_011, features: 3, seed: 4 }, activation: 'tanh', loss: 'mse', learningRate: 0.05 })],
] as const)('%s', (_, config) => {
  test('is summed by the SIMD kernel, within 1e-6 of the float64 kernel', async () => {
    setCpuSimd(false);
    const reference = await train(config);
    const referenceGrad = await gradients(config);
    expect(reference.cpuKernel).toBe('typescript');
    setCpuSimd(true);
    const simd = await train(config);
    const simdGrad = await gradients(config);
    expect(simd.cpuKernel).toBe('wasm-simd');
    let worst = 0;
    const close = (a: number, b: number) => {
      worst = Math.max(worst, Math.abs(a - b) / (1 + Math.abs(b)));
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(b)));
    };
    simd.weights.forEach((w, j) => close(w, reference.weights[j]));
    close(simd.bias, reference.bias);
    simd.losses.forEach((l, e) => close(l, reference.losses[e]));
    simdGrad.dw.forEach((g, j) => close(g, referenceGrad.dw[j]));
    close(simdGrad.loss, referenceGrad.loss);
    console.log(`${config.batchSize}: worst difference ${worst.toExponential(2)} of (1 + |value|)`);
    // Not the float64 kernel's bits: the SIMD kernel really ran.
    expect(simd.losses).not.toEqual(reference.losses);
  });
});

test('a small dataset, and batches under 8 rows, stay on the float64 kernel', async () => {
  setCpuSimd(true);
  const small = await train({ ...large(1_000), dataset: { kind: 'blobs', n: 1_000, features: 3, seed: 4 } });
  expect(small.cpuKernel).toBe('typescript');
  const tiny = await train({ ...large(4), epochs: 1 });
  expect(tiny.cpuKernel).toBe('typescript');
  const eight = await train({ ...large(8), epochs: 1 });
  expect(eight.cpuKernel).toBe('wasm-simd');
});
