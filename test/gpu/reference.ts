/**
 * Float64 helpers for the GPU tests: the scale of each gradient component, against which
 * float32 summation error is measured.
 */
import { makeDataset, type TrainConfig } from '../../src/index';
import { lossGradientAtZ } from '../../src/engine/neuron-math';
import { checkTrainConfig } from '../../src/engine/validate';

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
