/**
 * Gradient descent on the GPU: the coordinator of the parts that do it. Parameters, the
 * (epoch, batch) cursor and the loss of each epoch live in GPU buffers (training-buffers)
 * and are updated by the kernels themselves (a KernelStrategy: small-batch or parallel),
 * so many steps go into one submission with nothing read back between them; submissions
 * and their checked readbacks go through a SubmissionQueue, sized by SubmissionSizing.
 */
import { makeSchedule, type BatchSchedule } from '../engine/schedule';
import { DeviceLostError } from '../engine/errors';
import { datasetRowsReporter, type Checkpoint, type EpochReport, type NeuronParameters, type Trainer, type TrainerOptions } from '../engine/trainer';
import type { CheckedConfig } from '../engine/validate';
import { throwIfAborted } from '../engine/yield';
import { BufferOwner } from './buffer-owner';
import { destroyBuffer } from './buffer-registry';
import { acquireRows } from './dataset-cache';
import { maxChunkBytesOf, uploadRows, type GpuRows } from './dataset-upload';
import { isDeviceLost, lostReason, requireGpu, type GpuContext } from './device';
import { throwIfDiverged } from './epoch-readback';
import { fullGradient } from './gpu-gradients';
import { launchShapeFor, type LaunchShape } from './launch-shape';
import { parallelStrategy } from './strategies/parallel';
import { smallBatchServes, smallBatchStrategy } from './strategies/small-batch';
import type { KernelStrategy, StrategyContext, StrategyName } from './strategies/strategy';
import { MAX_IN_FLIGHT, SubmissionQueue } from './submission-queue';
import { SubmissionSizing } from './submission-sizing';
import { createTrainingBuffers } from './training-buffers';

export interface GpuTrainerOptions extends TrainerOptions {
  /** The device to train on; defaults to the shared one. */
  gpu?: GpuContext;
  /** Largest chunk of rows per storage binding; defaults to the device's limit. */
  maxChunkBytes?: number;
  /** Launch shape; defaults to the one chosen for this adapter. */
  shape?: LaunchShape;
}

export class GpuTrainer implements Trainer {
  readonly backend = 'gpu' as const;
  readonly adapter: string;
  /** How batches are run: one workgroup walking many small batches, or a wide dispatch per batch. */
  readonly strategy: StrategyName;
  /** Number of storage buffers the dataset was split into. */
  readonly chunkCount: number;
  /** Parameters as last read back, all finite. */
  checkpoint: Checkpoint;

  /** The buffers this trainer made and the checks of its bind groups. */
  readonly #owner: BufferOwner;
  /** What the strategies and gradients() build on. */
  readonly #context: StrategyContext;
  readonly #queue: SubmissionQueue;
  readonly #sizing: SubmissionSizing;
  /** Epochs finished (from the start of the whole run), as last read back. */
  #epochsDone: number;
  /** Lets go of the dataset rows (shared, or this trainer's own copy). */
  #releaseRows: () => void;

  private constructor(owner: BufferOwner, context: StrategyContext, kernels: KernelStrategy, adapter: string, releaseRows: () => void) {
    const { config, schedule } = context;
    this.#owner = owner;
    this.#context = context;
    this.#releaseRows = releaseRows;
    this.adapter = adapter;
    this.strategy = kernels.name;
    this.chunkCount = context.rows.buffers.length;
    this.#epochsDone = config.startEpoch;
    this.checkpoint = { epoch: config.startEpoch, weights: [...config.weights], bias: config.bias };
    const d = config.dataset.d;
    this.#queue = new SubmissionQueue(owner, context.buffers, kernels, schedule.batchesPerEpoch, d, { epoch: config.startEpoch, batch: 0 });
    this.#sizing = new SubmissionSizing(kernels.batchesPerDispatch, schedule.batchesPerEpoch, config.batchSize * (d + 1));
  }

  /** Uploads the dataset (or shares the cached one) and builds the kernels. */
  static async create(config: CheckedConfig, signal?: AbortSignal, options: GpuTrainerOptions = {}): Promise<GpuTrainer> {
    const gpu = options.gpu ?? await requireGpu();
    const cores = (globalThis.navigator as Navigator | undefined)?.hardwareConcurrency ?? 4;
    const shape = options.shape ?? launchShapeFor(gpu.software, cores, gpu.subgroupMinSize);
    const maxChunkBytes = Math.min(options.maxChunkBytes ?? Infinity, maxChunkBytesOf(gpu.device));
    const onRows = datasetRowsReporter(options, 'gpu', config.dataset.n);
    const { rows, release } = options.uncached
      ? await uploadRows(gpu.device, config.dataset, maxChunkBytes, signal, onRows).then((r) => ({ rows: r, release: () => r.buffers.forEach(destroyBuffer) }))
      : await acquireRows(gpu.device, config.dataset, maxChunkBytes, signal, onRows);
    onRows(config.dataset.n);
    const owner = new BufferOwner(gpu.device);
    try {
      options.onPhase?.({ phase: 'compiling' });
      const context = strategyContext(owner, config, rows, shape);
      const kernels = smallBatchServes(context) ? await smallBatchStrategy(context) : await parallelStrategy(context);
      await owner.throwIfRefused('training kernels');
      return new GpuTrainer(owner, context, kernels, gpu.adapterName, release);
    } catch (e) {
      owner.dispose();
      release();
      throw e;
    }
  }

  async run(epochs: number, report: (r: EpochReport) => void, signal?: AbortSignal): Promise<NeuronParameters & { losses: number[] }> {
    const queue = this.#queue;
    const total = epochs * this.#context.schedule.batchesPerEpoch;
    const losses: number[] = [];
    let latest: NeuronParameters | null = null;
    let submitted = 0;
    let lastDone = performance.now();
    try {
      while (submitted < total || queue.inFlight > 0) {
        // Before anything is submitted, and after every readback: what is in flight is
        // drained below, so an abort never leaves a mapping pending.
        throwIfAborted(signal);
        if (submitted < total && queue.inFlight < MAX_IN_FLIGHT) {
          const batches = this.#sizing.next(total - submitted);
          queue.submit(batches);
          submitted += batches;
          continue;
        }
        const read = await queue.readOldest(this.#epochsDone);
        const now = performance.now();
        this.#sizing.adapt(read.batches, now - lastDone);
        lastDone = now;
        throwIfDiverged(read, this.#epochsDone, this.checkpoint, losses, this.#context.config.learningRate);
        this.#epochsDone = read.epoch;
        const result = { weights: read.weights, bias: read.bias, epoch: read.epoch, losses: read.losses };
        if (result.losses.length > 0) this.checkpoint = { epoch: result.epoch, weights: result.weights, bias: result.bias };
        latest = result;
        losses.push(...result.losses);
        if (result.losses.length > 0) report(result);
      }
    } catch (e) {
      // A lost device rejects pending mappings; say so, with where training can go on from.
      if (await isDeviceLost(this.#owner.device)) throw new DeviceLostError(lostReason(this.#owner.device) ?? 'unknown', this.checkpoint);
      throw e;
    } finally {
      await queue.drain();
    }
    return { ...latest!, losses };
  }

  gradients(): Promise<{ dw: number[]; db: number; loss: number }> {
    return fullGradient(this.#context);
  }

  dispose(): void {
    this.#owner.dispose();
    this.#releaseRows();
    this.#releaseRows = () => undefined;
  }
}

function strategyContext(owner: BufferOwner, config: CheckedConfig, rows: GpuRows, shape: LaunchShape): StrategyContext {
  const schedule: BatchSchedule = makeSchedule(config.dataset.n, config.batchSize, config.seed);
  const buffers = createTrainingBuffers(owner, config);
  return { owner, config, schedule, rows, shape, buffers, kernel: { features: config.dataset.d, activation: config.activation, loss: config.loss } };
}
