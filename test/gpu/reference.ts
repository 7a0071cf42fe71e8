/**
 * Float64 helpers for the GPU tests: the scale of each gradient component, against which
 * float32 summation error is measured, and a GPU trainer held to the CPU's float64 run.
 */
import { expect } from 'vitest';
import { gradients, makeDataset, train, type TrainConfig } from '../../src/index';
import { lossGradientAtZ } from '../../src/engine/neuron-math';
import { checkTrainConfig } from '../../src/engine/validate';
import type { GpuTrainer } from '../../src/gpu/gpu-trainer';
import { setCpuSimd } from '../../src/cpu/worker-pool';

/**
 * S_k = (1/n or 1) * sum_i |dJ/dz_i * x_ik| (and |dJ/dz_i| for the bias, |loss_i| for the
 * loss): float32 sums of n terms of these magnitudes carry an error of about
 * (serial length) * 2^-24 * S_k at worst, so tolerances are stated as multiples of S_k.
 */
export function gradientScale(config: TrainConfig): { dw: number[]; db: number } {
  const c = checkTrainConfig(config);
  const { x, y, n, d } = makeDataset(config.dataset);
  const dw = new Array<number>(d).fill(0);
  let db = 0;
  for (let i = 0; i < n; i++) {
    let z = c.bias;
    for (let j = 0; j < d; j++) z += c.weights[j] * x[i * d + j];
    const dz = Math.abs(lossGradientAtZ(c.loss, c.activation, z, y[i]));
    for (let j = 0; j < d; j++) dw[j] += dz * Math.abs(x[i * d + j]);
    db += dz;
  }
  const scale = c.reduction === 'mean' ? 1 / n : 1;
  return { dw: dw.map((v) => v * scale), db: db * scale };
}

/**
 * A GPU trainer made for `config` (not yet run) against the CPU's float64 kernel: its
 * gradients within 1e-5 of each component's scale, and after `config.epochs` epochs the
 * parameters within 1e-4 and the losses within 2e-5 (relative), plus `lossFloor` absolute
 * for losses near zero. The bounds are the GPU-CPU matrix's (see gpu-matches-cpu.test.ts).
 */
export async function expectTrainerMatchesCpu(trainer: GpuTrainer, config: TrainConfig, lossFloor = 0): Promise<void> {
  const { d } = checkTrainConfig(config).dataset;
  // The reference is the float64 kernel, also where the data is large enough for SIMD.
  setCpuSimd(false);
  const reference = (async () => ({ grad: await gradients({ ...config, backend: 'cpu' }), run: await train({ ...config, backend: 'cpu' }) }))();
  const { grad: cpuGrad, run: cpu } = await reference.finally(() => setCpuSimd(true));
  const g = await trainer.gradients(); // the batch kernel, whatever the strategy
  const scale = gradientScale(config);
  for (let j = 0; j < d; j++) expect(Math.abs(g.dw[j] - cpuGrad.dw[j])).toBeLessThanOrEqual(1e-5 * scale.dw[j]);
  expect(Math.abs(g.db - cpuGrad.db)).toBeLessThanOrEqual(1e-5 * scale.db);
  const result = await trainer.run(checkTrainConfig(config).epochs, () => undefined);
  for (let j = 0; j < d; j++) expect(Math.abs(result.weights[j] - cpu.weights[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.weights[j])));
  expect(Math.abs(result.bias - cpu.bias)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.bias)));
  result.losses.forEach((l, e) => expect(Math.abs(l - cpu.losses[e])).toBeLessThanOrEqual(2e-5 * cpu.losses[e] + lossFloor));
}
