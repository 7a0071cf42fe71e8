/**
 * The CPU's inner loop: forward pass, loss and dJ/dz for a run of batch positions, adding
 * dJ/dw, dJ/db and the loss into float64 sums. The twin of shaders/batch-partials.wgsl.
 * Each activation and loss pair is written out inline (one exp at most per sample):
 * calling the reference functions of neuron-math.ts per sample measured 4x slower for
 * sigmoid with cross-entropy. test/unit/batch-kernel.test.ts holds the two together.
 */
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

const enum Pair { IdentityMse, ReluMse, TanhMse, SigmoidMse, SigmoidBce }

function pairOf(activation: Activation, loss: LossKind): Pair {
  if (loss === 'bce') return Pair.SigmoidBce;
  return { identity: Pair.IdentityMse, relu: Pair.ReluMse, tanh: Pair.TanhMse, sigmoid: Pair.SigmoidMse }[activation];
}

/**
 * Adds the contributions of batch positions [from, to) of the epoch with shuffle key
 * `key` into `sums`. When `rows` holds only a shard, rows outside it are skipped (their
 * owner adds them).
 */
export function accumulatePositions(
  input: KernelInputs, schedule: BatchSchedule, key: number, from: number, to: number, sums: GradientSums,
): void {
  const { rows, firstRow, d, weights } = input;
  const pair = pairOf(input.activation, input.loss);
  const stride = d + 1;
  const shardRows = rows.length / stride;
  let sumB = 0;
  let sumLoss = 0;
  // Unshuffled, positions are rows: a shard visits only its own instead of skipping the
  // others' (2 ms of 18 per shard at n = 2^20, d = 8, two workers).
  const first = schedule.shuffled ? from : Math.max(from, firstRow);
  const end = schedule.shuffled ? to : Math.min(to, firstRow + shardRows);
  for (let p = first; p < end; p++) {
    const local = rowAt(schedule, key, p) - firstRow;
    if (local < 0 || local >= shardRows) continue;
    const o = local * stride;
    let z = input.bias;
    for (let j = 0; j < d; j++) z += weights[j] * rows[o + j];
    const y = rows[o + d];
    let dz: number;
    let loss: number;
    switch (pair) {
      case Pair.IdentityMse: {
        const diff = z - y;
        dz = 2 * diff;
        loss = diff * diff;
        break;
      }
      case Pair.ReluMse: {
        const diff = (z > 0 ? z : 0) - y;
        dz = z > 0 ? 2 * diff : 0;
        loss = diff * diff;
        break;
      }
      case Pair.TanhMse: {
        const a = Math.tanh(z);
        const diff = a - y;
        dz = 2 * diff * (1 - a * a);
        loss = diff * diff;
        break;
      }
      case Pair.SigmoidMse: {
        const e = Math.exp(-Math.abs(z));
        const a = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        const diff = a - y;
        dz = 2 * diff * a * (1 - a);
        loss = diff * diff;
        break;
      }
      default: {
        // Cross-entropy from z: softplus(z) - y z, with dJ/dz = sigmoid(z) - y.
        const e = Math.exp(-Math.abs(z));
        dz = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y;
        loss = (z > 0 ? z : 0) + Math.log1p(e) - y * z;
      }
    }
    for (let j = 0; j < d; j++) sums[j] += dz * rows[o + j];
    sumB += dz;
    sumLoss += loss;
  }
  sums[d] += sumB;
  sums[d + 1] += sumLoss;
}
