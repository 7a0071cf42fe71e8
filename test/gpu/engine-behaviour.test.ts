/** Large datasets, continued runs, divergence and buffer hygiene on the GPU. */
import { describe, expect, test } from 'vitest';
import { DivergenceError, gradients, liveGpuBuffers, train, type TrainConfig } from '../../src/index';
import { checkTrainConfig } from '../../src/engine/validate';
import { acquireGpu, type GpuContext } from '../../src/gpu/device';
import { GpuTrainer } from '../../src/gpu/gpu-trainer';
import { acquireRows, evictCachedRows } from '../../src/gpu/dataset-cache';
import { maxChunkBytesOf } from '../../src/gpu/dataset-upload';
import { launchShapeFor, type LaunchShape } from '../../src/gpu/launch-shape';
import { expectTrainerMatchesCpu, gradientScale } from './reference';

async function gpu(): Promise<GpuContext> {
  const got = await acquireGpu();
  if (typeof got === 'string') throw new Error(`this test needs WebGPU: ${got}`);
  return got;
}

describe('a dataset larger than one storage binding', () => {
  // The device allows 1 GiB per binding here; training with a 1 MiB limit per binding
  // makes the same trainer split 300,000 rows of 3 features (4.6 MiB) into 5 chunks.
  const config: TrainConfig = {
    backend: 'gpu', dataset: { kind: 'linear', n: 300_000, features: 3, seed: 5 }, activation: 'tanh', loss: 'mse',
    learningRate: 0.05, epochs: 2, batchSize: 300_000, init: { seed: 1 },
  };
  for (const batchSize of [300_000, 70_001, 1000]) {
    test(`is split across bindings and matches the CPU (batch ${batchSize})`, async () => {
      const checked = checkTrainConfig({ ...config, batchSize });
      const trainer = await GpuTrainer.create(checked, undefined, { gpu: await gpu(), maxChunkBytes: 2 ** 20 });
      try {
        expect(trainer.chunkCount).toBe(5);
        const result = await trainer.run(checked.epochs, () => undefined);
        const cpu = await train({ ...config, batchSize, backend: 'cpu' });
        // Same bound as the GPU-CPU matrix (see gpu-matches-cpu.test.ts).
        for (let j = 0; j < 3; j++) expect(Math.abs(result.weights[j] - cpu.weights[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.weights[j])));
        expect(Math.abs(result.bias - cpu.bias)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.bias)));
        result.losses.forEach((l, e) => expect(Math.abs(l - cpu.losses[e])).toBeLessThanOrEqual(2e-5 * cpu.losses[e]));
      } finally {
        trainer.dispose();
      }
    });
  }
  // The small-batch kernel reads each row by one switch on its chunk where the features
  // are unrolled (src/gpu/shader-source.ts): 64 features, the most unrolled, over 3 chunks.
  test('is split across bindings in the small-batch kernel with 64 features and matches the CPU', async () => {
    const wide: TrainConfig = { ...config, dataset: { kind: 'linear', n: 10_000, features: 64, seed: 5 }, activation: 'identity', learningRate: 0.01, batchSize: 32 };
    const checked = checkTrainConfig(wide);
    const trainer = await GpuTrainer.create(checked, undefined, { gpu: await gpu(), maxChunkBytes: 2 ** 20 });
    try {
      expect(trainer.chunkCount).toBe(3);
      expect(trainer.strategy).toBe('small-batch');
      const result = await trainer.run(checked.epochs, () => undefined);
      const cpu = await train({ ...wide, backend: 'cpu' });
      // Same bound as the GPU-CPU matrix (see gpu-matches-cpu.test.ts).
      for (let j = 0; j < 64; j++) expect(Math.abs(result.weights[j] - cpu.weights[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.weights[j])));
      expect(Math.abs(result.bias - cpu.bias)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.bias)));
      result.losses.forEach((l, e) => expect(Math.abs(l - cpu.losses[e])).toBeLessThanOrEqual(2e-5 * cpu.losses[e]));
    } finally {
      trainer.dispose();
    }
  });
  test('gradients over split bindings match the CPU', async () => {
    const checked = checkTrainConfig(config);
    const trainer = await GpuTrainer.create(checked, undefined, { gpu: await gpu(), maxChunkBytes: 2 ** 20 });
    try {
      const g = await trainer.gradients();
      const cpu = await gradients({ ...config, backend: 'cpu' });
      const scale = gradientScale(config);
      for (let j = 0; j < 3; j++) expect(Math.abs(g.dw[j] - cpu.dw[j])).toBeLessThanOrEqual(1e-5 * scale.dw[j]);
      expect(Math.abs(g.db - cpu.db)).toBeLessThanOrEqual(1e-5 * scale.db);
    } finally {
      trainer.dispose();
    }
  });
});

describe('both launch shapes give the CPU\'s answers on this adapter', () => {
  // Only one kind of adapter runs here, so the other kind's shape (workgroup tree sums
  // instead of per-thread partials, other sizes and limits) is forced on it.
  const shapes: [string, LaunchShape][] = [['software', launchShapeFor(true, 2)], ['hardware', launchShapeFor(false, 2)]];
  for (const [kind, shape] of shapes) {
    for (const d of [3, 65]) {
      for (const batchSize of [3000, 1500, 200, 1]) {
        test(`${kind} shape, d = ${d}, batch ${batchSize}`, async () => {
          const config: TrainConfig = {
            backend: 'gpu', dataset: { kind: 'linear', n: 3000, features: d, seed: d }, activation: 'tanh', loss: 'mse',
            learningRate: (batchSize === 1 ? 0.01 : 0.1) / d, epochs: 2, batchSize, init: { seed: 4 }, seed: 6,
          };
          const checked = checkTrainConfig(config);
          const trainer = await GpuTrainer.create(checked, undefined, { gpu: await gpu(), shape });
          try {
            // The small-batch kernel up to the shape's limit, the parallel one beyond.
            expect(trainer.strategy).toBe(batchSize <= shape.smallBatchLimit ? 'small-batch' : 'parallel');
            await expectTrainerMatchesCpu(trainer, config);
          } finally {
            trainer.dispose();
          }
        });
      }
    }
  }
});

describe('commands the GPU refuses reject the call instead of returning numbers it never computed', () => {
  // A real validation error: the dataset's buffer is destroyed under a prepared trainer,
  // so every later submission that reads it is refused.
  for (const batchSize of [2000, 100]) {
    test(`batch ${batchSize}`, async () => {
      const config: TrainConfig = {
        backend: 'gpu', dataset: { kind: 'linear', n: 2000, features: 2, seed: 11 }, activation: 'identity', loss: 'mse',
        learningRate: 0.01, epochs: 3, batchSize,
      };
      const checked = checkTrainConfig(config);
      const context = await gpu();
      const trainer = await GpuTrainer.create(checked, undefined, { gpu: context });
      const shared = await acquireRows(context.device, checked.dataset, maxChunkBytesOf(context.device));
      try {
        shared.rows.buffers[0].destroy();
        await expect(trainer.run(checked.epochs, () => undefined)).rejects.toThrow(/GPU refused the engine's training commands/);
        await expect(trainer.gradients()).rejects.toThrow(/GPU refused the engine's gradient (commands|kernels)/); // wgpu refuses the destroyed buffer already at createBindGroup
      } finally {
        shared.release();
        trainer.dispose();
        evictCachedRows();
      }
    });
  }
});

describe('a run continued with startEpoch follows the same batches as one that never stopped', () => {
  for (const backend of ['cpu', 'gpu'] as const) {
    test(backend, async () => {
      const config: TrainConfig = {
        backend, dataset: { kind: 'linear', n: 1000, features: 4 }, activation: 'identity', loss: 'mse',
        learningRate: 0.01, epochs: 6, batchSize: 32, seed: 9, init: { seed: 2 },
      };
      const whole = await train(config);
      const first = await train({ ...config, epochs: 2 });
      const rest = await train({ ...config, epochs: 4, startEpoch: 2, init: { weights: first.weights, bias: first.bias } });
      // Only the GPU's Kahan compensation restarts at zero, a float32 rounding of each parameter.
      const tol = backend === 'cpu' ? 1e-12 : 1e-5;
      rest.weights.forEach((w, j) => expect(Math.abs(w - whole.weights[j])).toBeLessThanOrEqual(tol));
      [...first.losses, ...rest.losses].forEach((l, e) => expect(Math.abs(l - whole.losses[e])).toBeLessThanOrEqual(tol * (1 + whole.losses[e])));
    });
  }
});

describe('divergence stops the run with the last finite parameters', () => {
  for (const backend of ['cpu', 'gpu'] as const) {
    for (const batchSize of [100, 10]) {
      test(`${backend}, batch ${batchSize}`, async () => {
        const config: TrainConfig = {
          backend, dataset: { kind: 'celsius', n: 100 }, activation: 'identity', loss: 'mse',
          learningRate: 0.1, epochs: 5000, batchSize, init: { weights: [0], bias: 0 },
        };
        const error = await train(config).then(() => null, (e) => e);
        expect(error).toBeInstanceOf(DivergenceError);
        const diverged = error as DivergenceError;
        expect(diverged.message).toMatch(/^Training diverged at epoch \d+/);
        expect(diverged.epoch).toBeGreaterThan(0);
        expect(diverged.epoch).toBeLessThan(200);
        expect(diverged.parametersEpoch).toBeLessThan(diverged.epoch);
        expect([...diverged.weights, diverged.bias].every(Number.isFinite)).toBe(true);
        expect(diverged.losses.every(Number.isFinite)).toBe(true);
        expect(diverged.losses.length).toBeGreaterThanOrEqual(diverged.parametersEpoch);
      });
    }
  }
});

test('a hundred runs leave the number of live GPU buffers where it started', async () => {
  const config: TrainConfig = {
    backend: 'gpu', dataset: { kind: 'blobs', n: 500, features: 2 }, activation: 'sigmoid', loss: 'bce',
    learningRate: 0.1, epochs: 3, batchSize: 50,
  };
  await train(config); // the dataset stays cached: one entry, whatever the number of runs
  const before = liveGpuBuffers();
  for (let i = 0; i < 100; i++) {
    const controller = new AbortController();
    const run = train({ ...config, batchSize: i % 2 ? 50 : 500, epochs: i % 3 ? 3 : 200_000 }, { signal: controller.signal });
    if (i % 3 === 0) setTimeout(() => controller.abort(), 5);
    await run.catch((e) => expect((e as Error).name).toBe('AbortError'));
  }
  expect(liveGpuBuffers()).toBe(before);
});

describe('many features: the kernels loop over features instead of unrolling them', () => {
  for (const d of [65, 1024]) {
    for (const batchSize of [400, 7]) {
      test(`d = ${d}, batch ${batchSize}`, async () => {
        const config: TrainConfig = {
          backend: 'cpu', dataset: { kind: 'linear', n: 400, features: d, seed: d }, activation: 'tanh', loss: 'mse',
          // |x|^2 ~ d, so a step of lr * d ~ 0.1 stays stable; larger ones make the run
          // chaotic, and chaos magnifies float32 rounding beyond any fair tolerance.
          learningRate: 0.1 / d, epochs: 2, batchSize, init: { seed: 3 },
        };
        const [cpuGrad, gpuGrad] = [await gradients(config), await gradients({ ...config, backend: 'gpu' })];
        const scale = gradientScale(config);
        for (let j = 0; j < d; j++) expect(Math.abs(gpuGrad.dw[j] - cpuGrad.dw[j])).toBeLessThanOrEqual(1e-5 * scale.dw[j]);
        const [cpu, gpu] = [await train(config), await train({ ...config, backend: 'gpu' })];
        for (let j = 0; j < d; j++) expect(Math.abs(gpu.weights[j] - cpu.weights[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.weights[j])));
        cpu.losses.forEach((l, e) => expect(Math.abs(gpu.losses[e] - l)).toBeLessThanOrEqual(2e-5 * l));
      });
    }
  }
});
