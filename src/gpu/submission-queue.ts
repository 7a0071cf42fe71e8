/**
 * Submissions in flight and their readbacks. After each submission a copy of the
 * parameters after the last whole epoch, the cursor and the loss ring goes to a staging
 * buffer that is mapped while the next submission already runs. Each readback's cursor is
 * checked against what was submitted: an implementation that drops work must not pass
 * for one that did it.
 */
import { GpuRefusedError } from '../engine/errors';
import type { BufferOwner } from './buffer-owner';
import { decodeReadback, readbackLayout, type Readback } from './epoch-readback';
import type { KernelStrategy } from './strategies/strategy';
import { EPOCH_PARAMS_BLOCK, LOSS_RING, type TrainingBuffers } from './training-buffers';
import { STATE } from './layouts';

/** Submissions in flight at once: one runs while the previous one's results are mapped. */
export const MAX_IN_FLIGHT = 2;

/** A position in training: the epoch (from the start of the whole run) and the batch within it. */
export interface Cursor {
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

export class SubmissionQueue {
  readonly #owner: BufferOwner;
  readonly #buffers: TrainingBuffers;
  readonly #strategy: KernelStrategy;
  readonly #batchesPerEpoch: number;
  readonly #d: number;
  /** Submitted, oldest first, not read back yet. */
  #inFlight: InFlight[] = [];
  /** Staging buffers free for reuse. */
  #stagingPool: GPUBuffer[] = [];
  /** Where the cursor will stand once everything submitted has run. */
  #submittedTo: Cursor;

  constructor(owner: BufferOwner, buffers: TrainingBuffers, strategy: KernelStrategy, batchesPerEpoch: number, d: number, start: Cursor) {
    this.#owner = owner;
    this.#buffers = buffers;
    this.#strategy = strategy;
    this.#batchesPerEpoch = batchesPerEpoch;
    this.#d = d;
    this.#submittedTo = start;
  }

  get inFlight(): number {
    return this.#inFlight.length;
  }

  /** Records and submits `batches` batches, then the copy of results to a staging buffer. */
  submit(batches: number): void {
    const { device } = this.#owner;
    const { params, state, losses } = this.#buffers;
    this.#strategy.beforeSubmit(batches);
    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: `train ${batches} batches` });
    const pass = encoder.beginComputePass();
    this.#strategy.encode(pass, batches);
    pass.end();
    const layout = readbackLayout(this.#d);
    const staging = this.#stagingPool.pop() ?? this.#owner.buffer('readback', layout.bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    encoder.copyBufferToBuffer(params, EPOCH_PARAMS_BLOCK * layout.paramBytes, staging, 0, layout.paramBytes);
    encoder.copyBufferToBuffer(state, 0, staging, layout.stateOffset, STATE.bytes);
    encoder.copyBufferToBuffer(losses, 0, staging, layout.ringOffset, LOSS_RING * 4);
    device.queue.submit([encoder.finish()]);
    // A lost device settles scopes with null; nothing is refused then.
    const refused = device.popErrorScope().catch(() => null);
    // Counted as (epoch, batch): epochs times batches per epoch can pass 2^53.
    const batch = this.#submittedTo.batch + batches;
    this.#submittedTo = { epoch: this.#submittedTo.epoch + Math.floor(batch / this.#batchesPerEpoch), batch: batch % this.#batchesPerEpoch };
    this.#inFlight.push({ staging, mapped: staging.mapAsync(GPUMapMode.READ), batches, end: this.#submittedTo, refused });
  }

  /**
   * Waits for the oldest submission and reads it back (losses of epochs from `firstEpoch`
   * on), throwing a GpuRefusedError if the implementation refused its commands or did not
   * run all of them.
   */
  async readOldest(firstEpoch: number): Promise<Readback & { batches: number }> {
    const flight = this.#inFlight.shift()!;
    try {
      await flight.mapped;
      const refused = await flight.refused;
      if (refused) throw new GpuRefusedError('training commands', refused.message);
      const read = decodeReadback(flight.staging.getMappedRange(), this.#d, firstEpoch);
      this.#checkCursor(flight, read);
      return { ...read, batches: flight.batches };
    } finally {
      this.#recycle(flight);
    }
  }

  /** Lets mappings still pending settle, so their buffers can be reused or freed. */
  async drain(): Promise<void> {
    for (const flight of this.#inFlight.splice(0)) {
      await flight.mapped.catch(() => undefined);
      this.#recycle(flight);
    }
  }

  #recycle(flight: InFlight): void {
    if (flight.staging.mapState === 'mapped') flight.staging.unmap();
    this.#stagingPool.push(flight.staging);
  }

  /** Refuses a readback whose cursor did not move exactly as far as its submission asked. */
  #checkCursor(flight: InFlight, read: Readback): void {
    const { end } = flight;
    const { epoch, batch } = read;
    const leftOver = this.#strategy.unrun(read.remaining);
    if (epoch === end.epoch && batch === end.batch && leftOver === 0) return;
    const expected = `epoch ${end.epoch}, batch ${end.batch}`;
    // Exact for any shortfall within a submission, which spans at most half the loss ring's epochs.
    const ran = flight.batches - ((end.epoch - epoch) * this.#batchesPerEpoch + end.batch - batch);
    throw new GpuRefusedError('training commands',
      `a submission of ${flight.batches} batches moved the cursor by ${ran} (to epoch ${epoch}, batch ${batch}; expected ${expected}` +
      `${leftOver ? `, with ${leftOver} batches left unrun` : ''}): this WebGPU implementation did not run all the work it accepted`);
  }
}
