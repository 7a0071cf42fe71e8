/**
 * One thread of the batch kernel walks its share of a batch in a loop. Where an
 * implementation silently ends shader loops early (lavapipe: after 65,535 iterations,
 * found by the engine's probe), a batch whose share is longer must be refused, never
 * summed short: d = 128 and n = 300,000 once gave a loss of 71.5 there against 127.1.
 * Elsewhere the same batch matches the CPU, to the float32 tolerance of
 * gpu-matches-cpu.test.ts (1e-5 of the sum of the magnitudes added).
 */
import { expect, test } from 'vitest';
import { gradients, type TrainConfig } from '../../src/index';
import { acquireGpu } from '../../src/gpu/device';
import { loopLimitOf } from '../../src/gpu/loop-budget';
import { gradientScale } from './reference';

test('a batch longer than the loop cap allows is refused where there is a cap, and right where there is none', async () => {
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') throw new Error(`this test needs WebGPU: ${gpu}`);
  const config: TrainConfig = {
    backend: 'gpu', dataset: { kind: 'linear', n: 300_000, features: 128, seed: 2 }, activation: 'identity', loss: 'mse',
    learningRate: 0.01, epochs: 1, batchSize: 300_000, init: { seed: 1 },
  };
  const limit = await loopLimitOf(gpu.device);
  if (limit !== null) {
    await expect(gradients(config)).rejects.toThrow(/^dataset\.n: 300,000 samples of 128 features are more than this WebGPU implementation trains correctly: it ends every shader loop after [\d,]+ iterations/);
    return;
  }
  const [onGpu, onCpu] = [await gradients(config), await gradients({ ...config, backend: 'cpu' })];
  const scale = gradientScale(config);
  for (let j = 0; j < 128; j++) expect(Math.abs(onGpu.dw[j] - onCpu.dw[j])).toBeLessThanOrEqual(1e-5 * scale.dw[j]);
  expect(Math.abs(onGpu.db - onCpu.db)).toBeLessThanOrEqual(1e-5 * scale.db);
});
