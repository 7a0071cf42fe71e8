/**
 * Gradient descent on the CPU: float64 parameters and sums over float32 data, in slices
 * of at most SLICE_MS between yields so the page never stalls.
 */
import { batchLength, keyOfEpoch, makeSchedule, type BatchSchedule } from '../engine/schedule';
import { DivergenceError } from '../engine/errors';
import { isDiverged, type Checkpoint, type EpochReport, type Parameters, type Trainer } from '../engine/trainer';
import type { CheckedConfig } from '../engine/validate';
import { SLICE_MS, throwIfAborted, yieldToEventLoop } from '../engine/yield';
import { accumulatePositions, type KernelInputs } from './batch-kernel';
import { packedRows } from './dataset-cache';

/** Positions processed between clock checks: small enough to keep slices near SLICE_MS. */
const POSITIONS_PER_CHECK = 4096;

/** When the current slice of main-thread work began, and positions since the last clock check. */
interface SliceClock {
  sliceStart: number;
  positions: number;
}

export class CpuTrainer implements Trainer {
  readonly backend = 'cpu' as const;
  /** The checked configuration being trained. */
  #config: CheckedConfig;
  /** Packed rows (features, label) of the whole dataset. */
  #rows: Float32Array;
  /** Which rows form each batch. */
  #schedule: BatchSchedule;
  /** Current parameters, float64. */
  #weights: Float64Array;
  #bias: number;
  /** Epochs trained so far (from the start of the whole run), which selects each epoch's shuffle. */
  #epochsDone: number;
  /** Parameters after the last epoch that stayed finite. */
  checkpoint: Checkpoint;

  private constructor(config: CheckedConfig, rows: Float32Array) {
    this.#config = config;
    this.#rows = rows;
    this.#schedule = makeSchedule(config.dataset.n, config.batchSize, config.seed);
    this.#weights = Float64Array.from(config.weights);
    this.#bias = config.bias;
    this.#epochsDone = config.startEpoch;
    this.checkpoint = { epoch: config.startEpoch, weights: [...config.weights], bias: config.bias };
  }

  /** Generates the dataset (or reuses the last one) and returns a trainer for it. */
  static async create(config: CheckedConfig, signal?: AbortSignal): Promise<CpuTrainer> {
    return new CpuTrainer(config, await packedRows(config.dataset, signal));
  }

  #inputs(): KernelInputs {
    const { d } = this.#config.dataset;
    return {
      rows: this.#rows, firstRow: 0, d, activation: this.#config.activation, loss: this.#config.loss,
      weights: this.#weights, bias: this.#bias,
    };
  }

  /**
   * Adds positions [from, to) into `sums`, checking the clock every POSITIONS_PER_CHECK
   * positions (counted across calls in `clock`) and yielding when a slice runs long.
   */
  async #accumulate(
    inputs: KernelInputs, schedule: BatchSchedule, key: number, from: number, to: number,
    sums: Float64Array, clock: SliceClock, signal?: AbortSignal,
  ): Promise<void> {
    for (let p = from; p < to;) {
      const stop = Math.min(to, p + POSITIONS_PER_CHECK - clock.positions);
      accumulatePositions(inputs, schedule, key, p, stop, sums);
      clock.positions += stop - p;
      p = stop;
      if (clock.positions >= POSITIONS_PER_CHECK) {
        clock.positions = 0;
        if (performance.now() - clock.sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          throwIfAborted(signal);
          clock.sliceStart = performance.now();
        }
      }
    }
  }

  async run(epochs: number, report: (r: EpochReport) => void, signal?: AbortSignal): Promise<Parameters & { losses: number[] }> {
    const { learningRate, reduction } = this.#config;
    const d = this.#config.dataset.d;
    const schedule = this.#schedule;
    const inputs = this.#inputs();
    const sums = new Float64Array(d + 2);
    const clock: SliceClock = { sliceStart: performance.now(), positions: 0 };
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
        await this.#accumulate(inputs, schedule, key, from, from + count, sums, clock, signal);
        const scale = learningRate * (reduction === 'mean' ? 1 / count : 1);
        for (let j = 0; j < d; j++) this.#weights[j] -= scale * sums[j];
        this.#bias -= scale * sums[d];
        inputs.bias = this.#bias;
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
    const clock: SliceClock = { sliceStart: performance.now(), positions: 0 };
    await this.#accumulate(this.#inputs(), makeSchedule(n, n, 0), 0, 0, n, sums, clock);
    const scale = this.#config.reduction === 'mean' ? 1 / n : 1;
    return { dw: Array.from(sums.subarray(0, d), (g) => g * scale), db: sums[d] * scale, loss: sums[d + 1] / n };
  }

  #parameters(): Parameters {
    return { weights: Array.from(this.#weights), bias: this.#bias };
  }

  dispose(): void {
    this.#rows = new Float32Array(0);
  }
}
