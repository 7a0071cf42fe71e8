/**
 * A `table` dataset on the GPU: the same numbers given as arrays train to the same
 * parameters as when generated, also split over several storage bindings, and 'auto'
 * (which times both backends on the table's first rows) trains it too.
 */
import { describe, expect, test } from 'vitest';
import { gradients, makeDataset, train, type TrainConfig } from '../../src/index';
import { checkTrainConfig } from '../../src/engine/validate';
import { acquireGpu, type GpuContext } from '../../src/gpu/device';
import { GpuTrainer } from '../../src/gpu/gpu-trainer';

async function gpu(): Promise<GpuContext> {
  const got = await acquireGpu();
  if (typeof got === 'string') throw new Error(`this test needs WebGPU: ${got}`);
  return got;
}

function asTable(config: TrainConfig): TrainConfig {
  const { x, y, d } = makeDataset(config.dataset);
  return { ...config, dataset: { kind: 'table', x, y, features: d } };
}

const linear: TrainConfig = {
  backend: 'gpu', dataset: { kind: 'linear', n: 300_000, features: 3, seed: 5 }, activation: 'tanh', loss: 'mse',
  learningRate: 0.05, epochs: 2, batchSize: 300_000, init: { seed: 1 }, seed: 2,
};

// The same float32 rows reach the same kernels in the same order: the results are equal to
// the last bit, not merely close (the kernels' sums run in a fixed order).
describe('a table larger than one storage binding trains as its generated twin', () => {
  for (const batchSize of [300_000, 70_001, 1000]) {
    test(`batch ${batchSize}`, async () => {
      const results = [];
      for (const config of [{ ...linear, batchSize }, asTable({ ...linear, batchSize })]) {
        // 300,000 rows of 3 features are 4.6 MiB; 1 MiB per binding makes 5 chunks.
        const trainer = await GpuTrainer.create(checkTrainConfig(config), undefined, { gpu: await gpu(), maxChunkBytes: 2 ** 20 });
        try {
          expect(trainer.chunkCount).toBe(5);
          results.push({ ...(await trainer.run(config.epochs, () => undefined)), gradients: await trainer.gradients() });
        } finally {
          trainer.dispose();
        }
      }
      expect(results[1]).toEqual(results[0]);
    });
  }
});

test('train() and gradients() take a table on the GPU, through the dataset cache', async () => {
  const blobs: TrainConfig = {
    backend: 'gpu', dataset: { kind: 'blobs', n: 20_000, features: 2, seed: 7 }, activation: 'sigmoid', loss: 'bce',
    learningRate: 0.5, epochs: 5, batchSize: 512,
  };
  const table = asTable(blobs);
  const generated = await train(blobs);
  const given = await train(table);
  expect(given.backend).toBe('gpu');
  expect([given.weights, given.bias, given.losses]).toEqual([generated.weights, generated.bias, generated.losses]);
  expect(await gradients(table)).toEqual(await gradients(blobs));
});

test("'auto' trains a table, timing both backends on its first rows", async () => {
  const config = asTable({ ...linear, backend: 'auto', dataset: { kind: 'linear', n: 100_000, features: 3, seed: 5 }, batchSize: 4096 });
  const auto = await train(config);
  expect(auto.backendReason.kind).toBe('auto');
  const cpu = await train({ ...config, backend: 'cpu' });
  // The GPU-CPU bound of gpu-matches-cpu.test.ts (float32 against float64 sums).
  auto.weights.forEach((w, j) => expect(Math.abs(w - cpu.weights[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.weights[j]))));
  expect(Math.abs(auto.bias - cpu.bias)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.bias)));
});
