/**
 * lossSurface() on the CPU: validation, the direct sum against an independent float64
 * reference for every activation and loss pair, the closed form of identity + mse against
 * the direct sum, celsius's minimum, agreement with gradients(), progress and cancelling.
 *
 * Tolerance of the CPU against the reference: both sum float64 losses of the same
 * float32 data, in different orders (blocks of 256 rows against one at a time) and with z
 * formed differently (held part + p u + q v against one dot product), so they differ by
 * float64 rounding: a few 2^-52 relative per term; 1e-10 S (S the scale of the terms,
 * see surface-reference.ts) leaves a factor of about 500 over that.
 */
import { describe, expect, test } from 'vitest';
import { ConfigError, gradients, lossSurface, type Activation, type LossKind, type TrainConfig } from '../../src/index';
import { lossFunction, NEURON_PAIRS } from '../../src/engine/functions/losses';
import { closedFormSurfaceCpu, directSurfaceCpu } from '../../src/cpu/cpu-surface';
import { checkTrainConfig } from '../../src/engine/validate';
import type { SurfaceSpec } from '../../src/engine/surface';
import { referencePoint, samplePoints } from '../gpu/surface-reference';

function config(activation: Activation, loss: LossKind, d: number, n: number): TrainConfig {
  return {
    backend: 'cpu',
    dataset: { kind: lossFunction(loss).binaryTargets ? 'blobs' : 'linear', n, features: d, seed: n + d },
    activation, loss, learningRate: 0.1, epochs: 1, batchSize: n, init: { seed: 5 },
  };
}

const spec = (d: number): SurfaceSpec => ({
  x: { param: 0, from: -2, to: 3 },
  y: { param: d > 1 ? d - 1 : 'bias', from: -1.5, to: 2.5 },
  resolution: 17,
});

describe('validation', () => {
  const base = config('identity', 'mse', 2, 50);
  const good = spec(2);
  const cases: [string, unknown][] = [
    ['surface.y.param', { ...good, y: { ...good.y, param: 0 } }],
    ['surface.x.to', { ...good, x: { ...good.x, to: -2 } }],
    ['surface.x.to', { ...good, x: { ...good.x, to: -5 } }],
    ['surface.x.param', { ...good, x: { ...good.x, param: 2 } }],
    ['surface.x.param', { ...good, x: { ...good.x, param: 0.5 } }],
    ['surface.resolution', { ...good, resolution: 1 }],
    ['surface.resolution', { ...good, resolution: 513 }],
    ['surface.resolution', { ...good, resolution: 16.5 }],
    ['surface.y.from', { ...good, y: { ...good.y, from: NaN } }],
    ['surface.x.to', { ...good, x: { ...good.x, to: Infinity } }],
    ['surface.x.from', { ...good, x: { ...good.x, from: -Infinity } }],
    ['surface.y', { ...good, y: undefined }],
    ['surface.z', { ...good, z: 1 }],
  ];
  test.each(cases)('%s is named', async (field, surface) => {
    const error = await lossSurface(base, surface as SurfaceSpec).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as Error).message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')} (must be|is not)`));
  });

  test('the messages say what is allowed', async () => {
    await expect(lossSurface(base, { ...good, y: { ...good.y, param: 0 } })).rejects.toThrow('surface.y.param must be a parameter other than surface.x.param (0); got 0');
    await expect(lossSurface(base, { ...good, x: { ...good.x, param: 2 } })).rejects.toThrow("surface.x.param must be a weight index from 0 to 1 or 'bias'; got 2");
    await expect(lossSurface(base, { ...good, resolution: 1 })).rejects.toThrow('surface.resolution must be an integer from 2 to 512; got 1');
    await expect(lossSurface(base, { ...good, x: { ...good.x, to: -2 } })).rejects.toThrow('surface.x.to must be a finite number above -2; got -2');
    await expect(lossSurface(base, { ...good, y: { ...good.y, from: NaN } })).rejects.toThrow('surface.y.from must be a finite number; got NaN');
  });
});

describe('the direct sum against the float64 reference', () => {
  for (const [activation, loss] of NEURON_PAIRS) {
    for (const d of [1, 2, 5]) {
      for (const n of [1, 37, 1000 + 3]) {
        test(`${activation} + ${loss}, d = ${d}, n = ${n}`, async () => {
          const c = config(activation, loss, d, n);
          const s = spec(d);
          const values = await directSurfaceCpu(checkTrainConfig(c), s);
          for (const [i, j] of samplePoints(s.resolution, 4, n * 31 + d)) {
            const { loss: expected, scale } = referencePoint(c, s, i, j);
            expect(Math.abs(values[j * s.resolution + i] - expected)).toBeLessThanOrEqual(1e-10 * scale + Math.abs(expected) * 2 ** -23);
          }
        });
      }
    }
  }
});

test('the closed form of identity + mse equals the direct sum', async () => {
  for (const d of [1, 2, 5]) {
    for (const s of [spec(d), { ...spec(d), x: { param: 'bias' as const, from: -40, to: 10 }, y: { param: 0, from: 0.5, to: 0.6 } }]) {
      const c = checkTrainConfig(config('identity', 'mse', d, 2000 + 7));
      const direct = await directSurfaceCpu(c, s);
      const closed = await closedFormSurfaceCpu(c, s);
      for (let p = 0; p < direct.length; p++) {
        // Both float64, then rounded to float32: the expansion's cancellation costs about
        // 2^-52 of its largest term, far below float32's 2^-24 of the value.
        expect(Math.abs(closed[p] - direct[p])).toBeLessThanOrEqual(2 ** -22 * direct[p] + 1e-12);
      }
    }
  }
});

test("celsius's mse surface has its minimum at w = 1.8, b = 32, to the grid's resolution", async () => {
  const celsius: TrainConfig = { ...config('identity', 'mse', 1, 100), dataset: { kind: 'celsius', n: 100 } };
  const s: SurfaceSpec = { x: { param: 0, from: 0, to: 4 }, y: { param: 'bias', from: 0, to: 64 }, resolution: 129 };
  const stepX = 4 / 128;
  const stepY = 64 / 128;
  for (const result of [await lossSurface(celsius, s), { values: await directSurfaceCpu(checkTrainConfig(celsius), s) }]) {
    const best = result.values.indexOf(Math.min(...result.values));
    const w = (best % 129) * stepX;
    const b = Math.floor(best / 129) * stepY;
    expect(Math.abs(w - 1.8)).toBeLessThanOrEqual(stepX);
    expect(Math.abs(b - 32)).toBeLessThanOrEqual(stepY);
  }
});

test('the surface at the current parameters equals the loss gradients() reports', async () => {
  for (const [activation, loss] of NEURON_PAIRS) {
    const c: TrainConfig = { ...config(activation, loss, 3, 500), init: { weights: [0.3, -0.7, 1.1], bias: 0.4 } };
    const s: SurfaceSpec = { x: { param: 1, from: -1.7, to: 0.3 }, y: { param: 'bias', from: -0.6, to: 1.4 }, resolution: 3 };
    const surface = await lossSurface(c, s);
    const { loss: expected } = await gradients(c);
    expect(surface.values[4]).toBeCloseTo(expected, 6);
    expect(Math.abs(surface.values[4] - expected)).toBeLessThanOrEqual(2 ** -22 * expected);
    expect(surface.backend).toBe('cpu');
    expect(surface.method).toBe(activation === 'identity' && loss === 'mse' ? 'closed-form' : 'direct');
  }
});

test('progress rises to 1, min and max are the values\' range, and a signal cancels', async () => {
  const c = config('tanh', 'mse', 2, 3000);
  const s = { ...spec(2), resolution: 64 };
  const seen: number[] = [];
  const result = await lossSurface(c, s, { onProgress: (done) => seen.push(done) });
  expect(seen.length).toBeGreaterThan(1);
  expect(seen.at(-1)).toBe(1);
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  expect(result.min).toBe(Math.min(...result.values));
  expect(result.max).toBe(Math.max(...result.values));
  const controller = new AbortController();
  const pending = lossSurface(c, { ...s, resolution: 512 }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
});
