/** Messages between the CPU trainer's worker pool and its workers. */
import type { BatchSchedule } from '../engine/schedule';
import type { Activation, CpuKernel, LossKind } from '../engine/types';
import type { CheckedSynthetic, TableIdentity } from '../engine/validate';

/**
 * Generate (or keep) rows [first, end) of a dataset. With `shared`, the rows go into
 * that buffer of the whole dataset, from byte `byteOffset` (only when `fill`: the pool
 * knows whether it is filled already), and the worker then reads every row from it.
 * When the buffer is a shared WebAssembly.Memory's (`memory`), the worker also sets up
 * the SIMD kernel on it, in scratch slot `slot`. A table cannot be generated: its spec
 * comes without its numbers, and its rows come as data, either already in `shared`
 * (filled by the pool, `fill` false) or as `rows`, this shard's packed rows
 * (transferred, so each value is copied once).
 */
export interface LoadShard {
  type: 'load';
  id: number;
  spec: CheckedSynthetic | TableIdentity;
  first: number;
  end: number;
  shared?: { rows: SharedArrayBuffer; byteOffset: number; memory?: WebAssembly.Memory; slot: number; fill: boolean };
  rows?: Float32Array;
}

/**
 * Positions [from, to) cut into `count` blocks of `size`: each worker takes the next
 * block from `next` (Atomics) until none is left, and writes block b's sums at
 * partials[b (d + 2) ..]. Which worker took which block does not change the result.
 */
export interface SharedBlocks {
  next: SharedArrayBuffer;
  partials: SharedArrayBuffer;
  size: number;
  count: number;
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
  blocks?: SharedBlocks;
  /** The inner loop to sum with: the pool asks for SIMD only when every worker has it, so blocks sum alike. */
  kernel: CpuKernel;
}

export type ToWorker = LoadShard | SumShard;

export type FromWorker =
  /** Rows of the asked range [first, end) filled so far, sent after each slice while loading. */
  | { type: 'rows'; id: number; done: number }
  /** `kernel`: the best inner loop this worker can run on the loaded data. */
  | { type: 'loaded'; id: number; kernel: CpuKernel }
  | { type: 'sums'; id: number; sums: Float64Array }
  | { type: 'error'; id: number; message: string };
