/**
 * Gradient descent on the GPU. Parameters, the (epoch, batch) cursor and the loss of each
 * epoch live in GPU buffers and are updated by the kernels themselves, so many steps are
 * recorded into one submission with nothing read back between them. After each
 * submission a copy of the parameters after the last whole epoch, the cursor and the loss
 * ring goes to a staging buffer that is mapped asynchronously while the next submission
 * already runs; the cursor is checked against what was submitted.
 */
import { createBuffer, destroyBuffer } from './buffer-registry';
import { makeSchedule, type BatchSchedule } from '../engine/schedule';
import { DeviceLostError, DivergenceError, GpuRefusedError } from '../engine/errors';
import { datasetRowsReporter, isDiverged, type Checkpoint, type EpochReport, type NeuronParameters, type Trainer, type TrainerOptions } from '../engine/trainer';
import type { CheckedConfig } from '../engine/validate';
import { throwIfAborted } from '../engine/yield';
import { lostReason, requireGpu, type GpuContext } from './device';
import { acquireRows } from './dataset-cache';
import { maxChunkBytesOf, uploadRows, type GpuRows } from './dataset-upload';
import { launchShapeFor, type LaunchShape } from './launch-shape';
import { computePipeline } from './pipeline-cache';
import { checkParallelLoops, LOOP_BUDGET, parallelLoopsPerThread, smallBatchLoopsPerStep } from './loop-budget';
import { applyUpdateSource, batchPartialsSource, readsQuadRows, smallBatchEpochsSource, type KernelConstants } from './shader-source';

/** Epoch losses kept on the GPU between readbacks; a submission never spans more epochs. */
const LOSS_RING = 4096;
/** Aim for submissions of about this many milliseconds: cancel and progress stay prompt. */
const TARGET_SUBMISSION_MS = 60;
/** Submissions in flight at once: one runs while the previous one's results are mapped. */
const MAX_IN_FLIGHT = 2;
/** Work of one small-batch dispatch, in row values read, bounded so no dispatch runs long. */
const SMALL_DISPATCH_VALUES = 2 ** 20;
/** Bytes of the settings uniform (12 u32/f32 fields). */
const SETTINGS_BYTES = 48;
/** Bytes of the cursor (shaders' State): epoch, batch, running epoch loss, batches left, loss compensation, padding. */
const STATE_BYTES = 32;
/**
 * The parameters buffer holds, in units of D + 1 floats: the parameters, their Kahan
 * compensations, and the parameters after the last whole epoch, which the kernels write
 * as each epoch ends and readbacks report (a checkpoint is never taken mid-epoch).
 */
const EPOCH_PARAMS_BLOCK = 2;

export interface GpuTrainerOptions extends TrainerOptions {
  /** The device to train on; defaults to the shared one. */
  gpu?: GpuContext;
  /** Largest chunk of rows per storage binding; defaults to the device's limit. */
  maxChunkBytes?: number;
  /** Launch shape; defaults to the one chosen for this adapter. */
  shape?: LaunchShape;
}

type Strategy = 'small-batch' | 'parallel';

/** A position in training: the epoch (from the start of the whole run) and the batch within it. */
interface Cursor {
  epoch: number;
  batch: number;
}

interface InFlight {
  staging: GPUBuffer;
  mapped: Promise<void>;
  batches: number;
  /** Where the cursor must stand once the submission has run. */
  end: Cursor;
  /** What the validation error scope around encoding and submitting caught. */
  refused: Promise<GPUError | null>;
}

function largestPowerOfTwoAtMost(x: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, x)));
}

export class GpuTrainer implements Trainer {
  readonly backend = 'gpu' as const;
  readonly adapter: string;
  /** How batches are run: one workgroup walking many small batches, or a wide dispatch per batch. */
  readonly strategy: Strategy;
  /** Number of storage buffers the dataset was split into. */
  readonly chunkCount: number;

  /** Device everything lives on. */
  #device: GPUDevice;
  /** The checked configuration being trained. */
  #config: CheckedConfig;
  /** Which rows form each batch. */
  #schedule: BatchSchedule;
  /** Dataset rows, split into chunks. */
  #rows: GpuRows;
  /** Weights then bias (float32), then their Kahan compensations. */
  #params: GPUBuffer;
  /** Epoch, batch, running epoch loss, batches left. */
  #state: GPUBuffer;
  /** Mean loss of epoch e at index e % LOSS_RING. */
  #losses: GPUBuffer;
  /** Every buffer this trainer created, destroyed by dispose(). */
  #owned: GPUBuffer[] = [];
  /** Validation error scopes around bind group creation not yet checked. */
  #refusals: Promise<GPUError | null>[] = [];
  /** Staging buffers free for reuse. */
  #stagingPool: GPUBuffer[] = [];
  /** Records `count` batches of training into a pass. */
  #encodeBatches: (pass: GPUComputePassEncoder, count: number) => void = () => {};
  /** Most batches per submission: whole dispatches spanning at most half the loss ring's epochs. */
  #maxBatchesPerSubmission = 1;
  /** Batches per submission, adapted to the measured speed. */
  #batchesPerSubmission: number;
  /** Batch granularity of a submission (the small kernel runs whole dispatches). */
  #batchesPerDispatch = 1;
  /** Epochs finished (from the start of the whole run), as last read back. */
  #epochsDone: number;
  /** Where the cursor will stand once everything submitted has run. */
  #submittedTo: Cursor;
  /** Parameters as last read back, all finite. */
  checkpoint: Checkpoint;
  #shape: LaunchShape;
  #kernel: KernelConstants;

  /** Lets go of the shared dataset rows. */
  #releaseRows: () => void;

  private constructor(gpu: GpuContext, config: CheckedConfig, rows: GpuRows, releaseRows: () => void, shape: LaunchShape) {
    const device = gpu.device;
    this.#device = device;
    this.adapter = gpu.adapterName;
    this.#config = config;
    this.#rows = rows;
    this.#releaseRows = releaseRows;
    this.#shape = shape;
    this.chunkCount = rows.buffers.length;
    this.#schedule = makeSchedule(config.dataset.n, config.batchSize, config.seed);
    const d = config.dataset.d;
    // The D + 1 parameters, the Kahan compensation of each (starting at 0), the parameters after the last epoch.
    this.#params = this.#buffer('parameters', (EPOCH_PARAMS_BLOCK + 1) * (d + 1) * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    const initial = Float32Array.from([...config.weights, config.bias]);
    device.queue.writeBuffer(this.#params, 0, initial);
    device.queue.writeBuffer(this.#params, EPOCH_PARAMS_BLOCK * (d + 1) * 4, initial);
    this.#state = this.#buffer('cursor', STATE_BYTES, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(this.#state, 0, Uint32Array.of(config.startEpoch));
    this.#epochsDone = config.startEpoch;
    this.#submittedTo = { epoch: config.startEpoch, batch: 0 };
    this.checkpoint = { epoch: config.startEpoch, weights: [...config.weights], bias: config.bias };
    this.#losses = this.#buffer('epoch losses', LOSS_RING * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    const bindingsLeft = device.limits.maxStorageBuffersPerShaderStage - 3;
    // A batch whose one step would outrun LOOP_BUDGET goes to the parallel kernel, whose threads share it out.
    const oneStep = smallBatchLoopsPerStep(config.batchSize, this.#smallWorkgroupSize(), d, shape.perThreadPartials);
    this.strategy = config.batchSize <= shape.smallBatchLimit && rows.buffers.length <= bindingsLeft && oneStep <= LOOP_BUDGET
      ? 'small-batch' : 'parallel';
    this.#kernel = { features: d, workgroupSize: 1, activation: config.activation, loss: config.loss };
    this.#batchesPerSubmission = 1;
  }

  /** Compiles the kernels; until then no batch can be encoded. */
  async #prepare(): Promise<void> {
    const config = this.#config;
    const d = config.dataset.d;
    this.#encodeBatches = this.strategy === 'small-batch' ? await this.#prepareSmallBatch() : await this.#prepareParallel();
    await this.#throwIfRefused('training kernels');
    // First guess: about a million row values per submission; adapted after each readback.
    const perBatch = Math.max(1, config.batchSize * (d + 1));
    this.#maxBatchesPerSubmission = Math.max(this.#batchesPerDispatch,
      Math.floor((LOSS_RING / 2) * this.#schedule.batchesPerEpoch / this.#batchesPerDispatch) * this.#batchesPerDispatch);
    this.#batchesPerSubmission = Math.min(this.#maxBatchesPerSubmission, this.#roundToDispatch(Math.max(1, Math.floor(2 ** 20 / perBatch))));
  }

  /** Uploads the dataset and builds the kernels. */
  static async create(config: CheckedConfig, signal?: AbortSignal, options: GpuTrainerOptions = {}): Promise<GpuTrainer> {
    const gpu = options.gpu ?? await requireGpu();
    const cores = (globalThis.navigator as Navigator | undefined)?.hardwareConcurrency ?? 4;
    const shape = options.shape ?? launchShapeFor(gpu.software, cores);
    const maxChunkBytes = Math.min(options.maxChunkBytes ?? Infinity, maxChunkBytesOf(gpu.device));
    const onRows = datasetRowsReporter(options, 'gpu', config.dataset.n);
    const { rows, release } = options.uncached
      ? await uploadRows(gpu.device, config.dataset, maxChunkBytes, signal, onRows).then((r) => ({ rows: r, release: () => r.buffers.forEach(destroyBuffer) }))
      : await acquireRows(gpu.device, config.dataset, maxChunkBytes, signal, onRows);
    onRows(config.dataset.n);
    const trainer = new GpuTrainer(gpu, config, rows, release, shape);
    try {
      options.onPhase?.({ phase: 'compiling' });
      await trainer.#prepare();
    } catch (e) {
      trainer.dispose();
      throw e;
    }
    return trainer;
  }

  #buffer(label: string, size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const buffer = createBuffer(this.#device, { label, size: Math.max(16, Math.ceil(size / 16) * 16), usage });
    this.#owned.push(buffer);
    return buffer;
  }

  #settings(schedule: BatchSchedule, partialCount: number, batchesPerDispatch: number): GPUBuffer {
    const data = new ArrayBuffer(SETTINGS_BYTES);
    const u = new Uint32Array(data);
    const f = new Float32Array(data);
    u[0] = schedule.n;
    u[1] = schedule.batchSize;
    u[2] = schedule.batchesPerEpoch;
    u[3] = schedule.shuffled ? 1 : 0;
    u[4] = schedule.permutationBits;
    u[5] = schedule.shuffleBase;
    f[6] = this.#config.learningRate;
    u[7] = this.#config.reduction === 'mean' ? 1 : 0;
    u[8] = partialCount;
    u[9] = LOSS_RING;
    u[10] = batchesPerDispatch;
    u[11] = 0; // settings.zero: hides the Kahan identity from optimizers (see opaqueZero in neuron.wgsl)
    const buffer = this.#buffer('settings', SETTINGS_BYTES, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.#device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  /** A bind group made inside a validation error scope; `#throwIfRefused` reports what the scopes caught. */
  #bindGroup(descriptor: GPUBindGroupDescriptor): GPUBindGroup {
    this.#device.pushErrorScope('validation');
    const group = this.#device.createBindGroup(descriptor);
    this.#refusals.push(this.#device.popErrorScope().catch(() => null));
    return group;
  }

  async #throwIfRefused(what: string): Promise<void> {
    const error = (await Promise.all(this.#refusals.splice(0))).find((e) => e !== null);
    if (error) throw new GpuRefusedError(what, error.message);
  }

  #pipeline(label: string, code: string): Promise<GPUComputePipeline> {
    return computePipeline(this.#device, label, code);
  }

  /**
   * Largest workgroup (up to `wanted`) whose workgroup memory fits: a vec4 per thread for
   * the tree sum plus `fixedFloats` floats of the kernel's own arrays.
   */
  #workgroupFitting(wanted: number, fixedFloats: number): number {
    const limit = this.#device.limits.maxComputeWorkgroupStorageSize;
    return Math.max(1, Math.min(wanted, largestPowerOfTwoAtMost((limit - 4 * fixedFloats - 64) / 16)));
  }

  /** Threads of the small-batch kernel: parameters, their compensations and the batch totals live in workgroup memory. */
  #smallWorkgroupSize(): number {
    const d = this.#config.dataset.d;
    return this.#workgroupFitting(Math.min(this.#shape.smallWorkgroupSize, 2 ** Math.ceil(Math.log2(this.#config.batchSize))), 3 * (d + 2));
  }

  async #prepareSmallBatch(): Promise<(pass: GPUComputePassEncoder, count: number) => void> {
    const { d } = this.#config.dataset;
    const batch = this.#config.batchSize;
    const workgroupSize = this.#smallWorkgroupSize();
    const constants = { ...this.#kernel, workgroupSize };
    // Bounded by the work per dispatch and by the loss ring: a dispatch (and so a
    // submission) must not span more epochs than the ring holds between readbacks.
    const ringBatches = (LOSS_RING / 2) * this.#schedule.batchesPerEpoch;
    const loopsPerStep = smallBatchLoopsPerStep(batch, workgroupSize, d, this.#shape.perThreadPartials);
    this.#batchesPerDispatch = Math.max(1, Math.min(65536, ringBatches, Math.floor(SMALL_DISPATCH_VALUES / (batch * (d + 1) + 64)),
      Math.floor(LOOP_BUDGET / loopsPerStep)));
    const settings = this.#settings(this.#schedule, 0, this.#batchesPerDispatch);
    const pipeline = await this.#pipeline('small-batch epochs',
      smallBatchEpochsSource(constants, this.#rows.buffers.length, this.#rows.chunkRows, this.#shape.perThreadPartials));
    // Read only with per-thread partials; the hardware kernel merely declares it.
    const threadSums = this.#buffer('thread sums', this.#shape.perThreadPartials ? workgroupSize * (d + 2) * 4 : 16, GPUBufferUsage.STORAGE);
    const common = this.#bindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [settings, this.#params, this.#state, this.#losses, threadSums].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const data = this.#bindGroup({
      layout: pipeline.getBindGroupLayout(1),
      entries: this.#rows.buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    return (pass, count) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, common);
      pass.setBindGroup(1, data);
      for (let done = 0; done < count; done += this.#batchesPerDispatch) pass.dispatchWorkgroups(1);
    };
  }

  /** Partials pipeline and per-chunk bind groups for batches of `schedule` into `partials`. */
  async #batchDispatches(schedule: BatchSchedule, state: GPUBuffer) {
    const { n } = this.#config.dataset;
    const workgroupSize = this.#workgroupFitting(this.#shape.workgroupSize, 0);
    const groups = Math.max(1, Math.min(this.#shape.maxWorkgroups, Math.ceil(Math.min(schedule.batchSize, n) / workgroupSize)));
    const chunks = this.#rows.buffers.length;
    const sums = this.#config.dataset.d + 2;
    const perThread = this.#shape.perThreadPartials;
    const partialCount = groups * chunks * (perThread ? workgroupSize : 1);
    const partials = this.#buffer('partial sums', partialCount * sums * 4, GPUBufferUsage.STORAGE);
    const kernel = { ...this.#kernel, workgroupSize };
    const quads = readsQuadRows(kernel, this.#shape);
    await checkParallelLoops(this.#device, this.#config.dataset, parallelLoopsPerThread({
      batch: Math.min(schedule.batchSize, n), chunkRows: this.#rows.chunkRows, threads: groups * workgroupSize,
      shuffled: schedule.shuffled, quads, d: this.#config.dataset.d, partialCount,
    }));
    const settings = this.#settings(schedule, partialCount, 1);
    const pipeline = await this.#pipeline('batch partials', batchPartialsSource(kernel, this.#shape));
    const common = this.#bindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [settings, this.#params, state, partials].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const perChunk = this.#rows.buffers.map((rows, c) => {
      const chunk = this.#buffer(`chunk ${c}`, 16, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
      const firstRow = c * this.#rows.chunkRows;
      this.#device.queue.writeBuffer(chunk, 0, Uint32Array.from([firstRow, Math.min(this.#rows.chunkRows, n - firstRow), c * groups, 0]));
      return this.#bindGroup({
        layout: pipeline.getBindGroupLayout(1),
        // Binding 2, where the kernel has it, is the same rows as vec4s.
        entries: [chunk, rows, ...(quads ? [rows] : [])].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
    });
    const encode = (pass: GPUComputePassEncoder) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, common);
      for (const group of perChunk) {
        pass.setBindGroup(1, group);
        pass.dispatchWorkgroups(groups);
      }
    };
    return { settings, partials, encode };
  }

  /** Sums partials; APPLY updates parameters and the cursor, else writes the gradient to `out`. */
  async #applyStep(settings: GPUBuffer, state: GPUBuffer, partials: GPUBuffer, apply: boolean, out: GPUBuffer) {
    const pipeline = await this.#pipeline(apply ? 'apply update' : 'gradient total',
      applyUpdateSource({ ...this.#kernel, workgroupSize: 64 }, apply));
    const group = this.#bindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [settings, this.#params, state, partials, this.#losses, out].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    return (pass: GPUComputePassEncoder) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(1);
    };
  }

  async #prepareParallel(): Promise<(pass: GPUComputePassEncoder, count: number) => void> {
    const batch = await this.#batchDispatches(this.#schedule, this.#state);
    const unused = this.#buffer('unused gradient output', 16, GPUBufferUsage.STORAGE);
    const apply = await this.#applyStep(batch.settings, this.#state, batch.partials, true, unused);
    return (pass, count) => {
      for (let i = 0; i < count; i++) {
        batch.encode(pass);
        apply(pass);
      }
    };
  }

  #roundToDispatch(batches: number): number {
    return Math.max(1, Math.round(batches / this.#batchesPerDispatch)) * this.#batchesPerDispatch;
  }

  #stagingBytes(): number {
    return ((this.#config.dataset.d + 1) + STATE_BYTES / 4 + LOSS_RING) * 4;
  }

  /** Records and submits `batches` batches, then the copy of results to a staging buffer. */
  #submit(batches: number): InFlight {
    const device = this.#device;
    if (this.strategy === 'small-batch') {
      device.queue.writeBuffer(this.#state, 12, Uint32Array.of(batches));
    }
    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: `train ${batches} batches` });
    const pass = encoder.beginComputePass();
    this.#encodeBatches(pass, batches);
    pass.end();
    const staging = this.#stagingPool.pop()
      ?? this.#buffer('readback', this.#stagingBytes(), GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    const paramBytes = (this.#config.dataset.d + 1) * 4;
    encoder.copyBufferToBuffer(this.#params, EPOCH_PARAMS_BLOCK * paramBytes, staging, 0, paramBytes);
    encoder.copyBufferToBuffer(this.#state, 0, staging, paramBytes, STATE_BYTES);
    encoder.copyBufferToBuffer(this.#losses, 0, staging, paramBytes + STATE_BYTES, LOSS_RING * 4);
    device.queue.submit([encoder.finish()]);
    // A lost device settles scopes with null; nothing is refused then.
    const refused = device.popErrorScope().catch(() => null);
    // Counted as (epoch, batch): epochs times batches per epoch can pass 2^53.
    const batch = this.#submittedTo.batch + batches;
    const perEpoch = this.#schedule.batchesPerEpoch;
    this.#submittedTo = { epoch: this.#submittedTo.epoch + Math.floor(batch / perEpoch), batch: batch % perEpoch };
    return { staging, mapped: staging.mapAsync(GPUMapMode.READ), batches, end: this.#submittedTo, refused };
  }

  /**
   * Reads a finished submission: the parameters after the last whole epoch, epochs done,
   * and the losses of new epochs. The values are checked here, on the CPU, because WGSL
   * compilers may assume that NaN and infinity never occur and fold away any test for
   * them in a shader. So is the cursor: an implementation that drops work must not pass
   * for one that did it.
   */
  #read(flight: InFlight, lossesSoFar: number[]): EpochReport {
    const d = this.#config.dataset.d;
    const bytes = flight.staging.getMappedRange();
    const params = new Float32Array(bytes, 0, d + 1);
    const [epoch, batch, , remaining] = new Uint32Array(bytes, (d + 1) * 4, 4);
    const ring = new Float32Array(bytes, (d + 1) * 4 + STATE_BYTES, LOSS_RING);
    const losses: number[] = [];
    for (let e = this.#epochsDone; e < epoch; e++) losses.push(ring[e % LOSS_RING]);
    const result = { weights: Array.from(params.subarray(0, d)), bias: params[d], epoch, losses };
    flight.staging.unmap();
    this.#stagingPool.push(flight.staging);
    this.#checkCursor(flight, epoch, batch, remaining);
    const firstBad = losses.findIndex(isDiverged);
    if (firstBad >= 0 || isDiverged(result.bias) || result.weights.some(isDiverged)) {
      const epochOfOverflow = firstBad >= 0 ? this.#epochsDone + firstBad + 1 : Math.max(epoch, this.#epochsDone + 1);
      const finite = firstBad >= 0 ? losses.slice(0, firstBad) : losses;
      throw new DivergenceError(epochOfOverflow, this.checkpoint, [...lossesSoFar, ...finite], this.#config.learningRate);
    }
    this.#epochsDone = epoch;
    if (losses.length > 0) this.checkpoint = { epoch, weights: result.weights, bias: result.bias };
    return result;
  }

  async run(epochs: number, report: (r: EpochReport) => void, signal?: AbortSignal): Promise<NeuronParameters & { losses: number[] }> {
    const total = epochs * this.#schedule.batchesPerEpoch;
    const losses: number[] = [];
    let latest: NeuronParameters | null = null;
    const inFlight: InFlight[] = [];
    let submitted = 0;
    let lastDone = performance.now();
    try {
      while (submitted < total || inFlight.length > 0) {
        // Before anything is submitted, and after every readback: what is in flight is
        // drained below, so an abort never leaves a mapping pending.
        throwIfAborted(signal);
        if (submitted < total && inFlight.length < MAX_IN_FLIGHT) {
          const batches = Math.min(total - submitted, this.#batchesPerSubmission);
          inFlight.push(this.#submit(batches));
          submitted += batches;
          continue;
        }
        const flight = inFlight.shift()!;
        await flight.mapped;
        const refused = await flight.refused;
        if (refused) throw new GpuRefusedError('training commands', refused.message);
        const now = performance.now();
        this.#adapt(flight.batches, now - lastDone);
        lastDone = now;
        const result = this.#read(flight, losses);
        latest = result;
        losses.push(...result.losses);
        if (result.losses.length > 0) report(result);
      }
    } catch (e) {
      // A lost device rejects pending mappings; say so, with where training can go on from.
      if (await this.#isLost()) throw new DeviceLostError(lostReason(this.#device) ?? 'unknown', this.checkpoint);
      throw e;
    } finally {
      // Let mappings that are still pending settle so their buffers can be reused or freed.
      for (const flight of inFlight) {
        await flight.mapped.catch(() => undefined);
        if (flight.staging.mapState === 'mapped') flight.staging.unmap();
        this.#stagingPool.push(flight.staging);
      }
    }
    return { ...latest!, losses };
  }

  /**
   * Whether the device is gone: `lost` resolves promptly once it is. (Waiting on the
   * promise here, not in the constructor, keeps a finished trainer collectable.)
   */
  async #isLost(): Promise<boolean> {
    if (lostReason(this.#device) !== null) return true;
    const lost = await Promise.race([this.#device.lost.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50))]);
    return lost;
  }

  /** Refuses a readback whose cursor did not move exactly as far as its submission asked. */
  #checkCursor(flight: InFlight, epoch: number, batch: number, remaining: number): void {
    const { end } = flight;
    const leftOver = this.strategy === 'small-batch' ? remaining : 0;
    if (epoch === end.epoch && batch === end.batch && leftOver === 0) return;
    const expected = `epoch ${end.epoch}, batch ${end.batch}`;
    // Exact for any shortfall within a submission, which spans at most half the loss ring's epochs.
    const ran = flight.batches - ((end.epoch - epoch) * this.#schedule.batchesPerEpoch + end.batch - batch);
    throw new GpuRefusedError('training commands',
      `a submission of ${flight.batches} batches moved the cursor by ${ran} (to epoch ${epoch}, batch ${batch}; expected ${expected}` +
      `${leftOver ? `, with ${leftOver} batches left unrun` : ''}): this WebGPU implementation did not run all the work it accepted`);
  }

  /** Scales the batches per submission towards TARGET_SUBMISSION_MS. */
  #adapt(batches: number, ms: number): void {
    if (ms <= 0) return;
    const wanted = (batches * TARGET_SUBMISSION_MS) / ms;
    const next = this.#roundToDispatch(Math.max(1, Math.min(wanted, 4 * this.#batchesPerSubmission)));
    this.#batchesPerSubmission = Math.min(this.#maxBatchesPerSubmission, next);
  }

  async gradients(): Promise<{ dw: number[]; db: number; loss: number }> {
    const device = this.#device;
    const { n, d } = this.#config.dataset;
    const state = this.#buffer('gradient cursor', STATE_BYTES, GPUBufferUsage.STORAGE);
    const out = this.#buffer('gradient', (d + 2) * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    const batch = await this.#batchDispatches(makeSchedule(n, n, 0), state);
    const total = await this.#applyStep(batch.settings, state, batch.partials, false, out);
    const staging = this.#buffer('gradient readback', (d + 2) * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    await this.#throwIfRefused('gradient kernels');
    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: 'gradients' });
    const pass = encoder.beginComputePass();
    batch.encode(pass);
    total(pass);
    pass.end();
    encoder.copyBufferToBuffer(out, 0, staging, 0, (d + 2) * 4);
    device.queue.submit([encoder.finish()]);
    const refused = device.popErrorScope().catch(() => null);
    await staging.mapAsync(GPUMapMode.READ);
    const error = await refused;
    if (error) {
      staging.unmap();
      throw new GpuRefusedError('gradient commands', error.message);
    }
    const values = Array.from(new Float32Array(staging.getMappedRange(), 0, d + 2));
    staging.unmap();
    for (const b of [state, out, batch.partials, batch.settings, staging]) this.#release(b);
    return { dw: values.slice(0, d), db: values[d], loss: values[d + 1] };
  }

  #release(buffer: GPUBuffer): void {
    destroyBuffer(buffer);
    this.#owned = this.#owned.filter((b) => b !== buffer);
  }

  dispose(): void {
    for (const b of this.#owned) destroyBuffer(b);
    this.#releaseRows();
    this.#owned = [];
    this.#stagingPool = [];
  }
}
