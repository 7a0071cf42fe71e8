/** The tutorials' worked examples, on both backends. */
import { describe, expect, test } from 'vitest';
import { datasetSample, datasetTruth, train, type TrainConfig } from '../../src/index';

const celsius = (backend: 'cpu' | 'gpu', reduction: 'mean' | 'sum'): TrainConfig => ({
  backend, dataset: { kind: 'celsius', n: 100 }, activation: 'identity', loss: 'mse',
  // Summing 100 gradients makes them 100 times larger, so the learning rate is 100 times smaller.
  learningRate: reduction === 'mean' ? 1e-3 : 1e-5, reduction,
  epochs: 10_000, batchSize: 100, init: { weights: [0.5], bias: 0 },
});

describe('first tutorial: Celsius to Fahrenheit, 10,000 full-batch epochs', () => {
  for (const backend of ['cpu', 'gpu'] as const) {
    for (const reduction of ['mean', 'sum'] as const) {
      test(`${backend}, ${reduction} reduction: w = 1.8 and b = 32`, async () => {
        const r = await train(celsius(backend, reduction));
        expect(r.backend).toBe(backend);
        // The slowest mode (the bias) shrinks by 1 - 2 lr = 0.998 per epoch: 2e-9 of its start
        // after 10,000 epochs, so the CPU (float64) is held to 1e-6. The GPU keeps float32
        // parameters: 1.8 itself is 4.8e-8 away from the nearest float32, and 32 is spaced
        // 3.8e-6 from its neighbours; with compensated updates it measured exactly
        // fround(1.8) and 32. 1e-5 allows a few float32 steps around the optimum.
        const tol = backend === 'cpu' ? 1e-6 : 1e-5;
        expect(Math.abs(r.weights[0] - 1.8)).toBeLessThan(tol);
        expect(Math.abs(r.bias - 32)).toBeLessThan(tol);
        expect(r.losses).toHaveLength(10_000);
        expect(r.losses[9999]).toBeLessThan(1e-6);
      });
    }
  }
});

describe('last tutorial: a logistic neuron with cross-entropy separates two blobs', () => {
  for (const backend of ['cpu', 'gpu'] as const) {
    for (const batchSize of [4000, 64, 1]) {
      test(`${backend}, batch ${batchSize}: accuracy >= 99%`, async () => {
        const spec = { kind: 'blobs' as const, n: 4000, features: 2, noise: 0.5, seed: 11 };
        const r = await train({
          backend, dataset: spec, activation: 'sigmoid', loss: 'bce',
          learningRate: batchSize === 1 ? 0.05 : 0.5, epochs: batchSize === 4000 ? 50 : 5, batchSize,
        });
        const data = datasetSample(spec, 4000);
        let correct = 0;
        for (let i = 0; i < data.n; i++) {
          const z = r.bias + r.weights[0] * data.x[2 * i] + r.weights[1] * data.x[2 * i + 1];
          correct += (z > 0 ? 1 : 0) === data.y[i] ? 1 : 0;
        }
        // The blobs are 8 standard deviations apart (centres at +-m, |m| = 2, noise 0.5).
        expect(correct / data.n).toBeGreaterThanOrEqual(0.99);
        // The learned boundary points the same way as the true centres.
        const m = datasetTruth(spec).weights;
        expect(r.weights[0] * m[0] + r.weights[1] * m[1]).toBeGreaterThan(0);
      });
    }
  }
});
