/**
 * Where the CPU trainer gets each batch's sums from: the main thread in time slices, or
 * a pool of workers that each own a shard of the data (see worker-pool.ts).
 */
import type { BatchSchedule } from '../engine/schedule';
import type { Activation, CpuKernel, LossKind } from '../engine/types';
import { SLICE_MS, throwIfAborted, yieldToEventLoop } from '../engine/yield';
import { accumulatePositions } from './batch-kernel';

export interface BatchSummer {
  /** Which inner loop sums: known once the data is loaded. */
  readonly kernel: CpuKernel;
  /** Adds the sums of positions [from, to) of the epoch with shuffle key `key` into `out` (length d + 2). */
  sums(weights: Float64Array, bias: number, schedule: BatchSchedule, key: number, from: number, to: number,
    out: Float64Array, signal?: AbortSignal): Promise<void>;
  dispose(): void;
}

/** Positions processed between clock checks: small enough to keep slices near SLICE_MS. */
const POSITIONS_PER_CHECK = 4096;

/** Sums on the main thread, yielding to the page whenever a slice passes SLICE_MS. */
export class InlineSummer implements BatchSummer {
  /** The main thread holds the rows in an ordinary array: the float64 kernel sums them. */
  readonly kernel = 'typescript';
  /** Packed rows (d features, then the label) of the whole dataset. */
  #rows: Float32Array;
  #d: number;
  #activation: Activation;
  #loss: LossKind;
  /** When the current slice of main-thread work began. */
  #sliceStart = performance.now();
  /** Positions since the last clock check, counted across batches: tiny batches check rarely too. */
  #positions = 0;

  constructor(rows: Float32Array, d: number, activation: Activation, loss: LossKind) {
    this.#rows = rows;
    this.#d = d;
    this.#activation = activation;
    this.#loss = loss;
  }

  async sums(weights: Float64Array, bias: number, schedule: BatchSchedule, key: number, from: number, to: number,
    out: Float64Array, signal?: AbortSignal): Promise<void> {
    const inputs = { rows: this.#rows, firstRow: 0, d: this.#d, activation: this.#activation, loss: this.#loss, weights, bias };
    for (let p = from; p < to;) {
      const stop = Math.min(to, p + POSITIONS_PER_CHECK - this.#positions);
      accumulatePositions(inputs, schedule, key, p, stop, out);
      this.#positions += stop - p;
      p = stop;
      if (this.#positions >= POSITIONS_PER_CHECK) {
        this.#positions = 0;
        if (performance.now() - this.#sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          throwIfAborted(signal);
          this.#sliceStart = performance.now();
        }
      }
    }
  }

  dispose(): void {
    this.#rows = new Float32Array(0);
  }
}
