/**
 * The GPU (float32) against the CPU (float64) for every valid activation and loss pair,
 * d in {1, 3, 17}, n in {1, 63, 64, 65, 1000, 2^20 + 3} and all three batch modes.
 *
 * Tolerances, from float32 error analysis and what was measured on SwiftShader:
 * - Gradients: |gpu - cpu| <= 1e-5 * S, where S = sum |dJ/dz_i x_ij| (with the reduction)
 *   is the scale of the terms being summed. Each term is rounded to float32 (relative
 *   2^-24) and each GPU thread adds up to ~2,000 of them serially before a tree sum, so
 *   the typical error is ~sqrt(2000) * 2^-24 * S ~ 3e-6 S; the worst measured was 3e-7 S.
 * - Parameters after training: |gpu - cpu| <= 1e-4 * (1 + |w|). Updates are Kahan
 *   compensated on the GPU, so what remains is per-step gradient error; a million
 *   stochastic steps measured 3.4e-6.
 * - Epoch losses: |gpu - cpu| <= 2e-5 * |loss| + 1e-7; sums of batch losses are
 *   compensated too; measured 2.5e-6.
 *
 * The CPU side is the float64 TypeScript kernel throughout: large batches would otherwise
 * go to the workers' WebAssembly SIMD kernel, which is float32 itself and is held to the
 * same float64 kernel in test/unit/wasm-kernel.test.ts and test/gpu/cpu-workers.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gradients, train, type Activation, type LossKind, type TrainConfig } from '../../src/index';
import { setCpuSimd } from '../../src/cpu/worker-pool';
import { lossFunction, NEURON_PAIRS } from '../../src/engine/functions/losses';
import { gradientScale } from './reference';

beforeAll(() => setCpuSimd(false));
afterAll(() => setCpuSimd(true));

// Every valid pair of the tables (src/engine/functions/), so a new activation is tested here without an edit.
const PAIRS = NEURON_PAIRS.map((pair) => [...pair] as [Activation, LossKind]);
const FEATURES = [1, 3, 17];
const SIZES = [1, 63, 64, 65, 1000, 2 ** 20 + 3];

function config(activation: Activation, loss: LossKind, d: number, n: number, batchSize: number): TrainConfig {
  const stochastic = batchSize < 8;
  return {
    backend: 'cpu',
    dataset: { kind: lossFunction(loss).binaryTargets ? 'blobs' : 'linear', n, features: d, seed: n + d },
    activation, loss,
    learningRate: stochastic ? 0.002 : 0.05,
    epochs: n > 100_000 ? 1 : 3,
    batchSize,
    init: { seed: 7 },
    seed: 3,
  };
}

/** Full batch, a mini-batch of about n/4 (short last batch when n is not a multiple) and stochastic. */
function batchModes(n: number): number[] {
  return [...new Set([n, Math.max(1, Math.ceil(n / 4)), 1])];
}

describe.each(PAIRS)('%s + %s', (activation, loss) => {
  describe.each(FEATURES)('d = %i', (d) => {
    test.each(SIZES)('n = %i', async (n) => {
      const full = config(activation, loss, d, n, n);
      const cpu = await gradients(full);
      const gpu = await gradients({ ...full, backend: 'gpu' });
      expect([cpu.backend, gpu.backend]).toEqual(['cpu', 'gpu']);
      const scale = gradientScale(full);
      for (let j = 0; j < d; j++) expect(Math.abs(gpu.dw[j] - cpu.dw[j])).toBeLessThanOrEqual(1e-5 * scale.dw[j]);
      expect(Math.abs(gpu.db - cpu.db)).toBeLessThanOrEqual(1e-5 * scale.db);
      expect(Math.abs(gpu.loss - cpu.loss)).toBeLessThanOrEqual(2e-5 * cpu.loss + 1e-7);

      for (const batchSize of batchModes(n)) {
        const c = config(activation, loss, d, n, batchSize);
        const a = await train(c);
        expect(a.cpuKernel).toBe('typescript');
        const b = await train({ ...c, backend: 'gpu' });
        expect(b.backend).toBe('gpu');
        for (let j = 0; j < d; j++) expect(Math.abs(b.weights[j] - a.weights[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(a.weights[j])));
        expect(Math.abs(b.bias - a.bias)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(a.bias)));
        expect(b.losses).toHaveLength(a.losses.length);
        a.losses.forEach((l, e) => expect(Math.abs(b.losses[e] - l)).toBeLessThanOrEqual(2e-5 * Math.abs(l) + 1e-7));
      }
    });
  });
});
