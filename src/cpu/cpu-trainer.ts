/**
 * Gradient descent on the CPU: float64 parameters and sums over float32 data. Large
 * batches are summed by workers that each own a shard of the data; small ones on the
 * main thread in slices of at most SLICE_MS between yields, so the page never stalls.
 */
import { batchLength, keyOfEpoch, makeSchedule, type BatchSchedule } from '../engine/schedule';
import { DivergenceError, isAbortError } from '../engine/errors';
import { datasetRowsReporter, isDiverged, type Checkpoint, type EpochReport, type NeuronParameters, type Trainer, type TrainerOptions } from '../engine/trainer';
import type { CpuKernel } from '../engine/types';
import type { CheckedConfig } from '../engine/validate';
import { SLICE_MS, throwIfAborted } from '../engine/yield';
import { InlineSummer, type BatchSummer } from './batch-summer';
import { generateRows, packedRows } from './dataset-cache';
import { acquireWorkerPool } from './worker-pool';

/**
 * Batches of at least this many values (batch size * (d + 1)) are summed by the worker
 * pool; smaller ones cost less on the main thread than the message round trip. Both with
 * the SIMD kernel, Chromium, 2 cores, d = 8, µs per epoch, main thread against 2 workers:
 * identity + mse 108 / 129 at 2^16 rows, 226 / 215 at 2^17; sigmoid + bce 141 / 142 at
 * 2^15, 290 / 228 at 2^16, 615 / 407 at 2^17. 2^20 values (2^16.8 rows of 8 features)
 * sits between the two crossovers.
 */
export const WORKER_MIN_VALUES = 2 ** 20;

/** Whether batches of `batchSize` rows of `d` features go to the worker pool. */
export function summedByWorkers(batchSize: number, d: number): boolean {
  return batchSize * (d + 1) >= WORKER_MIN_VALUES;
}

export class CpuTrainer implements Trainer {
  readonly backend = 'cpu' as const;
  /** The checked configuration being trained. */
  #config: CheckedConfig;
  /** Where batch sums come from: the main thread or the worker pool. */
  #summer: BatchSummer;
  /** Threads summing each batch: 1 on the main thread, else the workers. */
  readonly threads: number;
  /** Which inner loop sums the batches. */
  readonly cpuKernel: CpuKernel;
  /** Which rows form each batch. */
  #schedule: BatchSchedule;
  /** Current parameters, float64. */
  #weights: Float64Array;
  #bias: number;
  /** Epochs trained so far (from the start of the whole run), which selects each epoch's shuffle. */
  #epochsDone: number;
  /** Parameters after the last epoch that stayed finite. */
  checkpoint: Checkpoint;

  private constructor(config: CheckedConfig, summer: BatchSummer, threads: number) {
    this.#config = config;
    this.#summer = summer;
    this.threads = threads;
    this.cpuKernel = summer.kernel;
    this.#schedule = makeSchedule(config.dataset.n, config.batchSize, config.seed);
    this.#weights = Float64Array.from(config.weights);
    this.#bias = config.bias;
    this.#epochsDone = config.startEpoch;
    this.checkpoint = { epoch: config.startEpoch, weights: [...config.weights], bias: config.bias };
  }

  /**
   * A trainer for `config`: on the worker pool when batches are large enough and workers
   * exist, else on the main thread (reusing the last dataset generated there).
   */
  static async create(config: CheckedConfig, signal?: AbortSignal, options: TrainerOptions = {}): Promise<CpuTrainer> {
    const { d } = config.dataset;
    const onRows = datasetRowsReporter(options, 'cpu', config.dataset.n);
    if (summedByWorkers(config.batchSize, d)) {
      const pool = acquireWorkerPool();
      if (pool) {
        try {
          await pool.load(config.dataset, config.activation, config.loss, signal, onRows);
          onRows(config.dataset.n);
          return new CpuTrainer(config, pool, pool.size);
        } catch (e) {
          pool.dispose();
          if (isAbortError(e)) throw e;
          console.warn(`Training on the main thread: ${(e as Error).message}`);
        }
      }
    }
    const rows = options.uncached ? await generateRows(config.dataset, signal, onRows) : await packedRows(config.dataset, signal, onRows);
    onRows(config.dataset.n);
    return new CpuTrainer(config, await InlineSummer.create(rows, d, config.activation, config.loss, config.batchSize), 1);
  }

  async run(epochs: number, report: (r: EpochReport) => void, signal?: AbortSignal): Promise<NeuronParameters & { losses: number[] }> {
    const { learningRate, reduction } = this.#config;
    const d = this.#config.dataset.d;
    const schedule = this.#schedule;
    const sums = new Float64Array(d + 2);
    const losses: number[] = [];
    let pending: number[] = [];
    let lastReport = performance.now();
    for (let e = 0; e < epochs; e++) {
      throwIfAborted(signal);
      const key = keyOfEpoch(schedule, this.#epochsDone);
      let epochLoss = 0;
      for (let batch = 0; batch < schedule.batchesPerEpoch; batch++) {
        const from = batch * schedule.batchSize;
        const count = batchLength(schedule, batch);
        sums.fill(0);
        await this.#summer.sums(this.#weights, this.#bias, schedule, key, from, from + count, sums, signal);
        const scale = learningRate * (reduction === 'mean' ? 1 / count : 1);
        for (let j = 0; j < d; j++) this.#weights[j] -= scale * sums[j];
        this.#bias -= scale * sums[d];
        epochLoss += sums[d + 1] / count;
      }
      this.#epochsDone++;
      const loss = epochLoss / schedule.batchesPerEpoch;
      const parameters = this.#parameters();
      if (isDiverged(loss) || isDiverged(parameters.bias) || parameters.weights.some(isDiverged)) {
        throw new DivergenceError(this.#epochsDone, this.checkpoint, losses, learningRate);
      }
      this.checkpoint = { epoch: this.#epochsDone, ...parameters };
      losses.push(loss);
      pending.push(loss);
      const now = performance.now();
      if (now - lastReport > SLICE_MS || e === epochs - 1) {
        report({ epoch: this.#epochsDone, losses: pending, ...parameters });
        pending = [];
        lastReport = now;
      }
    }
    return { ...this.#parameters(), losses };
  }

  async gradients(): Promise<{ dw: number[]; db: number; loss: number }> {
    const { n, d } = this.#config.dataset;
    const sums = new Float64Array(d + 2);
    await this.#summer.sums(this.#weights, this.#bias, makeSchedule(n, n, 0), 0, 0, n, sums);
    const scale = this.#config.reduction === 'mean' ? 1 / n : 1;
    return { dw: Array.from(sums.subarray(0, d), (g) => g * scale), db: sums[d] * scale, loss: sums[d + 1] / n };
  }

  #parameters(): NeuronParameters {
    return { weights: Array.from(this.#weights), bias: this.#bias };
  }

  dispose(): void {
    this.#summer.dispose();
  }
}
