/**
 * The CPU's inner loop: forward pass, loss and dJ/dz for a run of batch positions, adding
 * dJ/dw, dJ/db and the loss into float64 sums. The twin of shaders/batch-partials.wgsl.
 *
 * Rows go through in blocks, in three passes: z for every row, then dJ/dz and the loss
 * (the loss table's block form, src/engine/functions/), then the gradient. The first
 * and last passes take four rows at a time, so each weight is read once for four rows
 * and four independent sums are in flight. Against one row at a time this measured 2.7x
 * faster for identity + mse at d = 8. Taking the loss and activation from the table
 * block by block (one call per block, each entry's loop its own code) costs against the
 * former hand-written loop per pair, at n = 2^20, d = 8 on two shared cores: identity +
 * mse 8-16% (16.8 against 15.2 ms in the quietest run), sigmoid + bce 4-5% (35.0
 * against 33.5 ms), tanh + mse 3-9%, relu + mse 12-18%. A call per sample through the
 * table measured up to 1.8x slower once several activations had run in one process.
 * test/unit/batch-kernel.test.ts holds it to the reference math of neuron-math.ts.
 */
import { rowsAt, type BatchSchedule } from '../engine/schedule';
import { activationFunction } from '../engine/functions/activations';
import { lossFunction } from '../engine/functions/losses';
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

/** Rows per block: a block of 64 features stays within a core's L1 cache (about 65 KiB). */
const BLOCK = 256;
/** Rows at the block's positions (shuffled: some may belong to another shard). */
const rowsOfBlock = new Int32Array(BLOCK);
/** Offsets into `rows` of the block's rows. */
const offsets = new Int32Array(BLOCK);
/** z of each row of the block, then dJ/dz in its place. */
const slopes = new Float64Array(BLOCK);
/** The label of each row of the block. */
const targets = new Float64Array(BLOCK);

/**
 * Adds the contributions of batch positions [from, to) of the epoch with shuffle key
 * `key` into `sums`. When `rows` holds only a shard, rows outside it are skipped (their
 * owner adds them).
 */
export function accumulatePositions(
  input: KernelInputs, schedule: BatchSchedule, key: number, from: number, to: number, sums: GradientSums,
): void {
  const { rows, firstRow, d } = input;
  const stride = d + 1;
  const shardRows = rows.length / stride;
  const f = activationFunction(input.activation);
  const loss = lossFunction(input.loss);
  let sumB = 0;
  let sumLoss = 0;
  // Unshuffled, positions are rows: a shard visits only its own instead of skipping the
  // others' (2 ms of 18 per shard at n = 2^20, d = 8, two workers).
  let p = schedule.shuffled ? from : Math.max(from, firstRow);
  const end = schedule.shuffled ? to : Math.min(to, firstRow + shardRows);
  while (p < end) {
    let count = 0;
    if (!schedule.shuffled) {
      const stop = Math.min(end, p + BLOCK);
      for (; p < stop; p++) offsets[count++] = (p - firstRow) * stride;
    } else {
      const positions = Math.min(BLOCK, end - p);
      rowsAt(schedule, key, p, positions, rowsOfBlock);
      p += positions;
      for (let i = 0; i < positions; i++) {
        const local = rowsOfBlock[i] - firstRow;
        if (local >= 0 && local < shardRows) offsets[count++] = local * stride;
      }
    }
    forward(rows, count, d, input.weights, input.bias);
    // Each z of the block becomes dJ/dz, in place.
    sumLoss += loss.block(f, slopes, targets, count);
    sumB += addGradient(rows, count, d, sums);
  }
  sums[d] += sumB;
  sums[d + 1] += sumLoss;
}

/** z = b + Σ w_j x_j for each row of the block, into `slopes`, and its label into `targets`. */
function forward(rows: Float32Array, count: number, d: number, weights: Float64Array, bias: number): void {
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const r0 = offsets[i], r1 = offsets[i + 1], r2 = offsets[i + 2], r3 = offsets[i + 3];
    let z0 = bias, z1 = bias, z2 = bias, z3 = bias;
    for (let j = 0; j < d; j++) {
      const w = weights[j];
      z0 += w * rows[r0 + j];
      z1 += w * rows[r1 + j];
      z2 += w * rows[r2 + j];
      z3 += w * rows[r3 + j];
    }
    slopes[i] = z0;
    slopes[i + 1] = z1;
    slopes[i + 2] = z2;
    slopes[i + 3] = z3;
    targets[i] = rows[r0 + d];
    targets[i + 1] = rows[r1 + d];
    targets[i + 2] = rows[r2 + d];
    targets[i + 3] = rows[r3 + d];
  }
  for (; i < count; i++) {
    const r = offsets[i];
    let z = bias;
    for (let j = 0; j < d; j++) z += weights[j] * rows[r + j];
    slopes[i] = z;
    targets[i] = rows[r + d];
  }
}

/** Adds Σ dJ/dz · x_j of the block into sums[j]; returns Σ dJ/dz (the bias's share). */
function addGradient(rows: Float32Array, count: number, d: number, sums: GradientSums): number {
  let sumB = 0;
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const r0 = offsets[i], r1 = offsets[i + 1], r2 = offsets[i + 2], r3 = offsets[i + 3];
    const g0 = slopes[i], g1 = slopes[i + 1], g2 = slopes[i + 2], g3 = slopes[i + 3];
    for (let j = 0; j < d; j++) sums[j] += (g0 * rows[r0 + j] + g1 * rows[r1 + j]) + (g2 * rows[r2 + j] + g3 * rows[r3 + j]);
    sumB += (g0 + g1) + (g2 + g3);
  }
  for (; i < count; i++) {
    const r = offsets[i];
    const g = slopes[i];
    for (let j = 0; j < d; j++) sums[j] += g * rows[r + j];
    sumB += g;
  }
  return sumB;
}
