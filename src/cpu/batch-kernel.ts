/**
 * The CPU's inner loop: forward pass, loss and dJ/dz for a run of batch positions, adding
 * dJ/dw, dJ/db and the loss into float64 sums. The twin of shaders/fused-step.wgsl.
 */
import { lossGradientAtZ, sampleLoss, sigmoid, softplus } from '../engine/neuron-math';
import { rowAt, type BatchSchedule } from '../engine/schedule';
import type { Activation, LossKind } from '../engine/types';

/** Sums over a batch: [dJ/dw_0 .. dJ/dw_{d-1}, dJ/db, loss]. */
export type GradientSums = Float64Array;

export interface KernelInputs {
  /** Packed rows: d features then the label. */
  rows: Float32Array;
  /** Index of the first row held in `rows` (a worker may hold a shard). */
  firstRow: number;
  d: number;
  activation: Activation;
  loss: LossKind;
  weights: Float64Array;
  bias: number;
}

/**
 * Adds the contributions of batch positions [from, to) of the epoch with shuffle key
 * `key` into `sums`. When `rows` holds only a shard, rows outside it are skipped (their
 * owner adds them).
 */
export function accumulatePositions(
  input: KernelInputs, schedule: BatchSchedule, key: number, from: number, to: number, sums: GradientSums,
): void {
  const { rows, firstRow, d, weights, activation, loss } = input;
  const stride = d + 1;
  const shardRows = rows.length / stride;
  const general = !(activation === 'identity' && loss === 'mse') && !(loss === 'bce');
  let sumB = 0;
  let sumLoss = 0;
  for (let p = from; p < to; p++) {
    const local = rowAt(schedule, key, p) - firstRow;
    if (local < 0 || local >= shardRows) continue;
    const o = local * stride;
    let z = input.bias;
    for (let j = 0; j < d; j++) z += weights[j] * rows[o + j];
    const y = rows[o + d];
    let dz: number;
    if (loss === 'bce') {
      dz = sigmoid(z) - y;
      sumLoss += softplus(z) - y * z;
    } else if (!general) {
      const diff = z - y;
      dz = 2 * diff;
      sumLoss += diff * diff;
    } else {
      dz = lossGradientAtZ(loss, activation, z, y);
      sumLoss += sampleLoss(loss, activation, z, y);
    }
    for (let j = 0; j < d; j++) sums[j] += dz * rows[o + j];
    sumB += dz;
  }
  sums[d] += sumB;
  sums[d + 1] += sumLoss;
}
