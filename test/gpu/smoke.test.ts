import { test, expect } from 'vitest';
import { train, gradients } from '../../src/index';

test('celsius both', async () => {
  for (const backend of ['cpu', 'gpu'] as const) {
    const t0 = performance.now();
    const r = await train({ backend, dataset: { kind: 'celsius', n: 100 }, activation: 'identity', loss: 'mse', learningRate: 1e-3, epochs: 10000, batchSize: 100, init: { weights: [0.5], bias: 0 } });
    console.log(backend, r.adapter, r.weights, r.bias, r.losses.slice(-1), r.ms, performance.now() - t0);
  }
  for (const backend of ['cpu', 'gpu'] as const) {
    const g = await gradients({ backend, dataset: { kind: 'linear', n: 100000, features: 8 }, activation: 'tanh', loss: 'mse', learningRate: 1e-3, epochs: 1, batchSize: 100 });
    console.log(backend, JSON.stringify(g));
  }
  for (const backend of ['cpu', 'gpu'] as const) {
    for (const batchSize of [1, 32, 100000]) {
    const r = await train({ backend, dataset: { kind: 'blobs', n: 100000, features: 8 }, activation: 'sigmoid', loss: 'bce', learningRate: 0.1, epochs: 3, batchSize });
    console.log(backend, batchSize, r.weights.map(w=>w.toFixed(5)).join(','), r.bias, r.losses, r.ms);
    }
  }
  expect(1).toBe(1);
});
