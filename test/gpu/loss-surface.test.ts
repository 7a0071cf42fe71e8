/**
 * The loss surface kernel (shaders/loss-surface.wgsl) against an independent float64
 * reference, for every activation and loss pair, d in {1, 2, 5} (and 70, where z's
 * features are looped, not unrolled), awkward n, and datasets split over several storage
 * bindings; celsius's minimum; agreement with the GPU's gradients(); cancelling.
 *
 * Tolerance: the kernel rounds each z and each loss to float32 (relative 2^-24 per
 * operation, a few operations per term: z moves the loss by dJ/dz times its error) and
 * adds the losses with Kahan compensation, so the sum adds no error that grows with n.
 * Each point is then within a small multiple of 2^-24 S, S = mean(|loss_i| + |dJ/dz_i|
 * (|b| + sum |w_j x_ij|)) (surface-reference.ts); WGSL's exp and tanh may be a few ulp
 * off. 2e-6 S is about 30 ulp of S.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { gradients, liveGpuBuffers, lossSurface, type Activation, type LossKind, type TrainConfig } from '../../src/index';
import { lossFunction, NEURON_PAIRS } from '../../src/engine/functions/losses';
import { checkTrainConfig } from '../../src/engine/validate';
import { acquireGpu, type GpuContext } from '../../src/gpu/device';
import { directSurfaceGpu } from '../../src/gpu/gpu-surface';
import { closedFormSurfaceCpu } from '../../src/cpu/cpu-surface';
import type { SurfaceSpec } from '../../src/engine/surface';
import { referencePoint, samplePoints } from './surface-reference';

let gpu: GpuContext;
beforeAll(async () => {
  const got = await acquireGpu();
  if (typeof got === 'string') throw new Error(`these tests need WebGPU: ${got}`);
  gpu = got;
});

const TOLERANCE = 2e-6;

function config(activation: Activation, loss: LossKind, d: number, n: number): TrainConfig {
  return {
    backend: 'gpu',
    dataset: { kind: lossFunction(loss).binaryTargets ? 'blobs' : 'linear', n, features: d, seed: n + d },
    activation, loss, learningRate: 0.1, epochs: 1, batchSize: n, init: { seed: 5 },
  };
}

const spec = (d: number, resolution = 13): SurfaceSpec => ({
  x: { param: 0, from: -2, to: 3 },
  y: { param: d > 1 ? d - 1 : 'bias', from: -1.5, to: 2.5 },
  resolution,
});

async function expectNearReference(c: TrainConfig, s: SurfaceSpec, values: Float32Array, seed: number): Promise<void> {
  for (const [i, j] of samplePoints(s.resolution, 4, seed)) {
    const { loss, scale } = referencePoint(c, s, i, j);
    const got = values[j * s.resolution + i];
    expect(Math.abs(got - loss), `point (${i}, ${j}): ${got} against ${loss}`).toBeLessThanOrEqual(TOLERANCE * scale);
  }
}

describe('the GPU against the float64 reference', () => {
  for (const [activation, loss] of NEURON_PAIRS) {
    for (const d of [1, 2, 5]) {
      for (const n of [1, 63, 1000 + 3]) {
        test(`${activation} + ${loss}, d = ${d}, n = ${n}`, async () => {
          const c = config(activation, loss, d, n);
          const s = spec(d);
          const { values } = await directSurfaceGpu(checkTrainConfig(c), s, { gpu });
          await expectNearReference(c, s, values, n * 31 + d);
        });
      }
    }
  }

  test('d = 70: the held part of z in a loop', async () => {
    const c = config('tanh', 'mse', 70, 300);
    const s = spec(70);
    await expectNearReference(c, s, (await directSurfaceGpu(checkTrainConfig(c), s, { gpu })).values, 7);
  });
});

describe('a dataset split over several storage bindings', () => {
  // 1 KiB per binding: 85 rows of 2 features each, so 2,001 rows lie in 24 chunks, and a
  // grid of 300² points takes 186 rows per dispatch (2^24 / 90,000): ranges end at chunk ends.
  for (const [activation, loss] of NEURON_PAIRS) {
    test(`${activation} + ${loss}`, async () => {
      const c = config(activation, loss, 2, 2001);
      const s = spec(2, activation === 'identity' ? 300 : 11);
      const { values } = await directSurfaceGpu(checkTrainConfig(c), s, { gpu, maxChunkBytes: 2 ** 10 });
      await expectNearReference(c, s, values, 99);
    });
  }
});

test('identity + mse: the kernel equals the closed form over the whole grid', async () => {
  const c = config('identity', 'mse', 5, 4097);
  const s = { ...spec(5, 64), x: { param: 'bias' as const, from: -3, to: 3 } };
  const checked = checkTrainConfig(c);
  const { values } = await directSurfaceGpu(checked, s, { gpu });
  const closed = await closedFormSurfaceCpu(checked, s);
  const scale = Math.max(...closed);
  for (let p = 0; p < values.length; p++) expect(Math.abs(values[p] - closed[p])).toBeLessThanOrEqual(TOLERANCE * (closed[p] + 1e-3 * scale));
});

test("celsius's mse minimum lies at w = 1.8, b = 32 on the GPU, to the grid's resolution", async () => {
  const celsius: TrainConfig = { ...config('identity', 'mse', 1, 100), dataset: { kind: 'celsius', n: 100 } };
  const s: SurfaceSpec = { x: { param: 0, from: 0, to: 4 }, y: { param: 'bias', from: 0, to: 64 }, resolution: 129 };
  const result = await lossSurface(celsius, s);
  expect(result.backend).toBe('gpu');
  const best = result.values.indexOf(result.min);
  expect(Math.abs((best % 129) * (4 / 128) - 1.8)).toBeLessThanOrEqual(4 / 128);
  expect(Math.abs(Math.floor(best / 129) * (64 / 128) - 32)).toBeLessThanOrEqual(64 / 128);
});

test('the surface at the current parameters equals the loss the GPU\'s gradients() reports', async () => {
  for (const [activation, loss] of NEURON_PAIRS) {
    const c: TrainConfig = { ...config(activation, loss, 3, 5000), init: { weights: [0.3, -0.7, 1.1], bias: 0.4 } };
    const s: SurfaceSpec = { x: { param: 1, from: -1.7, to: 0.3 }, y: { param: 'bias', from: -0.6, to: 1.4 }, resolution: 3 };
    const surface = await lossSurface(c, s);
    const reported = await gradients(c);
    expect(reported.backend).toBe('gpu');
    // Both float32 over the same data; gradients() sums without compensation over ~80 rows
    // per thread (gpu-matches-cpu.test.ts's bound): 1e-5 of the loss.
    expect(Math.abs(surface.values[4] - reported.loss)).toBeLessThanOrEqual(1e-5 * reported.loss);
  }
});

test("'auto' times both and answers from one of them; a cancel leaves no buffers behind", async () => {
  const c: TrainConfig = { ...config('sigmoid', 'bce', 2, 20_000), backend: 'auto' };
  const result = await lossSurface(c, spec(2, 32));
  expect(['gpu', 'cpu']).toContain(result.backend);
  const before = liveGpuBuffers();
  const controller = new AbortController();
  const pending = lossSurface({ ...c, backend: 'gpu' }, spec(2, 512), { signal: controller.signal, onProgress: () => controller.abort() });
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  expect(liveGpuBuffers()).toBe(before);
});
