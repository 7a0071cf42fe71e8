/** The CPU's worker pool (real Web Workers in Chromium) against the main-thread sums. */
import { afterAll, describe, expect, test } from 'vitest';
import { gradients, train, type TrainConfig } from '../../src/index';
import { setCpuSharedMemory, setCpuWorkers } from '../../src/cpu/worker-pool';

afterAll(() => {
  setCpuWorkers('auto');
  setCpuSharedMemory(true);
});

const configs: [string, TrainConfig][] = [
  // Batches of at least 2^20 values go to the workers (see cpu-trainer.ts).
  ['full batch, sigmoid + bce', { backend: 'cpu', dataset: { kind: 'blobs', n: 200_003, features: 5 }, activation: 'sigmoid', loss: 'bce', learningRate: 0.5, epochs: 3, batchSize: 200_003 }],
  ['shuffled mini-batches, tanh + mse', { backend: 'cpu', dataset: { kind: 'linear', n: 600_003, features: 3 }, activation: 'tanh', loss: 'mse', learningRate: 0.05, epochs: 2, batchSize: 270_000, seed: 5 }],
];

test('the test page is cross-origin isolated, so the shared dataset is what the workers use by default', () => {
  expect(globalThis.crossOriginIsolated).toBe(true);
});

describe.each([
  ['one shared dataset, blocks taken from a counter', true],
  ['a shard per worker', false],
])('workers on %s sum the same as the main thread', (_, shared) => {
  afterAll(() => setCpuSharedMemory(true));
  for (const [name, config] of configs) {
    test(name, async () => {
      setCpuSharedMemory(shared);
      setCpuWorkers(0); // no pool: the main thread sums every batch
      const inline = await train(config);
      const inlineGrad = await gradients(config);
      for (const workers of [1, 3]) {
        setCpuWorkers(workers);
        const pooled = await train(config);
        const pooledGrad = await gradients(config);
        // Only the order of float64 additions differs (shard by shard): ~1e-16 per term.
        const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(b)));
        pooled.weights.forEach((w, j) => close(w, inline.weights[j]));
        close(pooled.bias, inline.bias);
        pooled.losses.forEach((l, e) => close(l, inline.losses[e]));
        pooledGrad.dw.forEach((g, j) => close(g, inlineGrad.dw[j]));
        close(pooledGrad.loss, inlineGrad.loss);
      }
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
