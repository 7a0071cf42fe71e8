/**
 * Which rows go into which batch. Both backends follow this exactly: batches of
 * `batchSize` consecutive positions of a per-epoch permutation, the last one short when
 * n is not a multiple. A full batch is not shuffled (the order cannot change the sum).
 */
import { hash32, permutationBits, permuteIndex, permuteRange, Stream, streamKey } from './random';

export interface BatchSchedule {
  n: number;
  batchSize: number;
  batchesPerEpoch: number;
  shuffled: boolean;
  /** Bits of the permutation domain: 2^bits >= n. */
  permutationBits: number;
  /** Key from which each epoch's shuffle key is derived (see `keyOfEpoch`). */
  shuffleBase: number;
}

export function makeSchedule(n: number, batchSize: number, seed: number): BatchSchedule {
  return {
    n,
    batchSize,
    batchesPerEpoch: Math.ceil(n / batchSize),
    shuffled: batchSize < n,
    permutationBits: permutationBits(n),
    shuffleBase: streamKey(seed, Stream.shuffle),
  };
}

/** Shuffle key of an epoch (counted from 0); epochKey in shaders/neuron.wgsl computes the same. */
export function keyOfEpoch(schedule: BatchSchedule, epoch: number): number {
  return hash32(schedule.shuffleBase ^ hash32(epoch >>> 0));
}

/** Row of the dataset at position `position` of the epoch with shuffle key `key`. */
export function rowAt(schedule: BatchSchedule, key: number, position: number): number {
  return schedule.shuffled ? permuteIndex(position, schedule.n, key, schedule.permutationBits) : position;
}

/** Rows at positions [from, from + count) of the epoch with shuffle key `key`, into out[0 .. count). */
export function rowsAt(schedule: BatchSchedule, key: number, from: number, count: number, out: Int32Array): void {
  if (schedule.shuffled) permuteRange(from, count, schedule.n, key, schedule.permutationBits, out);
  else for (let i = 0; i < count; i++) out[i] = from + i;
}

/** Number of samples in batch `batch` of an epoch. */
export function batchLength(schedule: BatchSchedule, batch: number): number {
  return Math.min(schedule.batchSize, schedule.n - batch * schedule.batchSize);
}
