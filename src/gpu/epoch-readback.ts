/**
 * What a submission's readback says, and whether training diverged. The values are
 * checked here, on the CPU, because WGSL compilers may assume that NaN and infinity never
 * occur and fold away any test for them in a shader.
 */
import { DivergenceError } from '../engine/errors';
import { isDiverged, type Checkpoint, type EpochReport } from '../engine/trainer';
import { STATE } from './layouts';
import { LOSS_RING } from './training-buffers';

/** The staging buffer's layout: the parameters after the last whole epoch, the cursor, the loss ring. */
export function readbackLayout(d: number) {
  const paramBytes = (d + 1) * 4;
  return { paramBytes, stateOffset: paramBytes, ringOffset: paramBytes + STATE.bytes, bytes: paramBytes + STATE.bytes + LOSS_RING * 4 };
}

export interface Readback extends EpochReport {
  /** Batch the cursor stands at within its epoch. */
  batch: number;
  /** Batches the small-batch kernel was allowed and did not run. */
  remaining: number;
}

/** Decodes mapped staging bytes; `losses` are those of epochs from `firstEpoch` on. */
export function decodeReadback(bytes: ArrayBuffer, d: number, firstEpoch: number): Readback {
  const layout = readbackLayout(d);
  const params = new Float32Array(bytes, 0, d + 1);
  const { epoch, batch, remaining } = STATE.read(bytes, layout.stateOffset);
  const ring = new Float32Array(bytes, layout.ringOffset, LOSS_RING);
  const losses: number[] = [];
  for (let e = firstEpoch; e < epoch; e++) losses.push(ring[e % LOSS_RING]);
  return { weights: Array.from(params.subarray(0, d)), bias: params[d], epoch, batch, remaining, losses };
}

/**
 * Throws a DivergenceError when a new loss or the parameters overflowed, naming the first
 * epoch that did and carrying the last finite checkpoint and the finite losses so far.
 */
export function throwIfDiverged(read: Readback, epochsDone: number, checkpoint: Checkpoint, lossesSoFar: number[], learningRate: number): void {
  const firstBad = read.losses.findIndex(isDiverged);
  if (firstBad < 0 && !isDiverged(read.bias) && !read.weights.some(isDiverged)) return;
  const epochOfOverflow = firstBad >= 0 ? epochsDone + firstBad + 1 : Math.max(read.epoch, epochsDone + 1);
  const finite = firstBad >= 0 ? read.losses.slice(0, firstBad) : read.losses;
  throw new DivergenceError(epochOfOverflow, checkpoint, [...lossesSoFar, ...finite], learningRate);
}
