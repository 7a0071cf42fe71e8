/**
 * Where the CPU trainer gets each batch's sums from: the main thread in time slices, or
 * a pool of workers that each own a shard of the data (see worker-pool.ts).
 */
import type { BatchSchedule } from '../engine/schedule';
import type { Activation, CpuKernel, LossKind } from '../engine/types';
import { SLICE_MS, throwIfAborted, yieldToEventLoop } from '../engine/yield';
import { accumulatePositions } from './batch-kernel';
import { kernelHomeOf } from './dataset-cache';
import { cpuSimdAllowed, simdImplements, WasmKernel } from './wasm-kernel';

export interface BatchSummer {
  /** Which inner loop sums: known once the data is loaded. */
  readonly kernel: CpuKernel;
  /** Adds the sums of positions [from, to) of the epoch with shuffle key `key` into `out` (length d + 2). */
  sums(weights: Float64Array, bias: number, schedule: BatchSchedule, key: number, from: number, to: number,
    out: Float64Array, signal?: AbortSignal): Promise<void>;
  dispose(): void;
}

/**
 * Smallest batch the SIMD kernel sums on the main thread: each call costs about 1 µs of
 * setting up. Node 20, n = 2^16, d = 8, ms per epoch, SIMD against float64: batch 4
 * 7.7-8.4 against 7.6 (sigmoid + bce), batch 8 4.9-5.1 against 5.3, batch 16 2.8 against
 * 4.1 (identity + mse).
 */
const SIMD_MIN_BATCH = 8;

/** Positions processed between clock checks: small enough to keep slices near SLICE_MS. */
const POSITIONS_PER_CHECK = 4096;

/**
 * Sums on the main thread, yielding to the page whenever a slice passes SLICE_MS: with the
 * SIMD kernel where the rows live in a kernel memory (a large dataset, see dataset-cache.ts)
 * and it implements the pair, else with the float64 kernel.
 */
export class InlineSummer implements BatchSummer {
  readonly kernel: CpuKernel;
  /** Packed rows (d features, then the label) of the whole dataset. */
  #rows: Float32Array;
  #simd: WasmKernel | null;
  #d: number;
  #activation: Activation;
  #loss: LossKind;
  /** When the current slice of main-thread work began. */
  #sliceStart = performance.now();
  /** Positions since the last clock check, counted across batches: tiny batches check rarely too. */
  #positions = 0;

  private constructor(rows: Float32Array, d: number, activation: Activation, loss: LossKind, simd: WasmKernel | null) {
    this.#rows = rows;
    this.#simd = simd;
    this.kernel = simd ? 'wasm-simd' : 'typescript';
    this.#d = d;
    this.#activation = activation;
    this.#loss = loss;
  }

  static async create(rows: Float32Array, d: number, activation: Activation, loss: LossKind, batchSize: number): Promise<InlineSummer> {
    const home = batchSize >= SIMD_MIN_BATCH ? kernelHomeOf(rows) : undefined;
    // Slot 0 of the dataset's own memory: the main thread runs one sum at a time.
    const simd = home && cpuSimdAllowed() && simdImplements(activation, loss) ? await WasmKernel.create(home, 0) : null;
    return new InlineSummer(rows, d, activation, loss, simd);
  }

  async sums(weights: Float64Array, bias: number, schedule: BatchSchedule, key: number, from: number, to: number,
    out: Float64Array, signal?: AbortSignal): Promise<void> {
    const d = this.#d, activation = this.#activation, loss = this.#loss, simd = this.#simd;
    const inputs = { rows: this.#rows, firstRow: 0, d, activation, loss, weights, bias };
    for (let p = from; p < to;) {
      const stop = Math.min(to, p + POSITIONS_PER_CHECK - this.#positions);
      if (simd) simd.accumulatePositions(d, activation, loss, weights, bias, schedule, key, p, stop, out);
      else accumulatePositions(inputs, schedule, key, p, stop, out);
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
