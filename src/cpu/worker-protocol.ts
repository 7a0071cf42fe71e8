/** Messages between the CPU trainer's worker pool and its workers. */
import type { BatchSchedule } from '../engine/schedule';
import type { Activation, LossKind } from '../engine/types';
import type { CheckedDataset } from '../engine/validate';

/** Generate (or keep) rows [first, end) of a dataset. */
export interface LoadShard {
  type: 'load';
  id: number;
  spec: CheckedDataset;
  first: number;
  end: number;
}

/** Sums of batch positions [from, to) over the rows of this worker's shard. */
export interface SumShard {
  type: 'sums';
  id: number;
  activation: Activation;
  loss: LossKind;
  weights: Float64Array;
  bias: number;
  schedule: BatchSchedule;
  key: number;
  from: number;
  to: number;
}

export type ToWorker = LoadShard | SumShard;

export type FromWorker =
  | { type: 'loaded'; id: number }
  | { type: 'sums'; id: number; sums: Float64Array }
  | { type: 'error'; id: number; message: string };
