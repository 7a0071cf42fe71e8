/**
 * Data-parallel CPU training: one worker per core, returning partial sums for each
 * batch, which the trainer adds up in a fixed order (so results do not depend on
 * timing). The pool outlives trainers so the data is generated once per dataset; one
 * trainer uses it at a time.
 *
 * Where the page is cross-origin isolated, the workers generate one SharedArrayBuffer
 * of the dataset together, and each batch is cut into blocks that the workers take from
 * a shared counter: a core that runs slower (a busy or an efficiency core) takes fewer
 * blocks instead of holding up the batch. Blocks are added in block order. That buffer
 * is a shared WebAssembly.Memory's where one can be made, and every worker then sums
 * with the SIMD kernel (wasm-kernel.ts) if every one of them can; else all use the
 * float64 TypeScript kernel, so a block sums the same whoever takes it. Elsewhere each
 * worker owns a contiguous shard and sums its own rows with the TypeScript kernel. A
 * table (numbers given, not generated) reaches the workers as data: the pool copies it
 * once into the shared buffer, or packs each worker's shard and transfers it.
 */
import { datasetIdentity, datasetKey, fillPackedRows, rowsPerSlice } from '../engine/dataset';
import type { BatchSchedule } from '../engine/schedule';
import type { Activation, CpuKernel, LossKind } from '../engine/types';
import type { CheckedDataset } from '../engine/validate';
import { throwIfAborted, yieldToEventLoop } from '../engine/yield';
import { allocateRows } from './dataset-cache';
import type { BatchSummer } from './batch-summer';
import { KERNEL_SLOTS, cpuSimdAllowed, kernelMemory, simdImplements, type KernelMemory } from './wasm-kernel';
import type { FromWorker, ToWorker } from './worker-protocol';

/** Tests and benchmarks switch the SIMD kernel off here, for the workers and the main thread alike. */
export { setCpuSimd } from './wasm-kernel';

/** Workers to use; 'auto' is one per core (at most 8). Benchmarks set 1 to measure one worker. */
let requestedWorkers: number | 'auto' = 'auto';
/** Whether the shared dataset may be used where the page allows it (tests turn it off to cover shards). */
let sharedAllowed = true;
let pool: WorkerPool | null = null;
let poolInUse = false;

export function setCpuWorkers(count: number | 'auto'): void {
  requestedWorkers = count;
}

export function setCpuSharedMemory(allowed: boolean): void {
  sharedAllowed = allowed;
}

function sharedMemoryAvailable(): boolean {
  return sharedAllowed && globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

/** Shared packed rows: a buffer and where in it row 0 starts; `memory` when it is a WebAssembly.Memory's. */
interface SharedRows {
  rows: SharedArrayBuffer;
  byteOffset: number;
  memory?: WebAssembly.Memory;
}

/**
 * Shared memory for the dataset's packed rows (a WebAssembly.Memory's, for the SIMD
 * kernel, where one can be made), or null where the browser refuses that much: the
 * workers still hold the previous dataset until the new one reaches them, so for a
 * moment both are alive. Shards then take over; each worker lets its old data go before
 * allocating its shard.
 */
function allocateShared(spec: CheckedDataset, workers: number): SharedRows | null {
  const values = spec.n * (spec.d + 1);
  const home: KernelMemory | null = cpuSimdAllowed() && workers <= KERNEL_SLOTS ? kernelMemory(values) : null;
  if (home) return { rows: home.memory.buffer as unknown as SharedArrayBuffer, byteOffset: home.rowsOffset, memory: home.memory };
  try {
    return { rows: new SharedArrayBuffer(values * 4), byteOffset: 0 };
  } catch {
    return null;
  }
}

/**
 * Copies rows [first, end) of a table into `out`, whose first row is row `outFirst`,
 * yielding between slices so the page keeps drawing while a large table is copied.
 */
async function copyInSlices(spec: CheckedDataset, first: number, end: number, out: Float32Array, outFirst: number,
  signal?: AbortSignal): Promise<void> {
  const step = rowsPerSlice(spec.d);
  for (let begin = first; begin < end; begin += step) {
    const stop = Math.min(end, begin + step);
    fillPackedRows(spec, begin, stop, out, (begin - outFirst) * (spec.d + 1));
    if (stop < end) {
      await yieldToEventLoop();
      throwIfAborted(signal);
    }
  }
}

/** Positions per block of a batch on the shared dataset: 64 blocks at n = 2^20. */
const BLOCK_POSITIONS = 2 ** 14;

function workerCount(): number {
  const cores = (globalThis.navigator as Navigator | undefined)?.hardwareConcurrency ?? 1;
  return requestedWorkers === 'auto' ? Math.min(8, cores) : requestedWorkers;
}

/**
 * The pool, for one trainer at a time; null where workers are unavailable (Node, one
 * core) or already in use, in which case the trainer sums on the main thread.
 */
export function acquireWorkerPool(): WorkerPool | null {
  const count = workerCount();
  if (typeof Worker === 'undefined' || count < 1 || (count < 2 && requestedWorkers === 'auto') || poolInUse) return null;
  if (pool && (pool.size !== count || pool.broken)) {
    pool.terminate();
    pool = null;
  }
  pool ??= new WorkerPool(count);
  poolInUse = true;
  return pool;
}

interface Pending {
  resolve: (message: FromWorker) => void;
  reject: (error: Error) => void;
  /** Hears a loading worker's rows done so far. */
  onRows?: (done: number) => void;
}

export class WorkerPool implements BatchSummer {
  readonly size: number;
  /** A worker failed to start or crashed: the pool is replaced on next use. */
  broken = false;
  #workers: Worker[];
  /** Replies awaited, by message id. */
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #activation: Activation = 'identity';
  #loss: LossKind = 'mse';
  /** The shared dataset, once every worker has filled its part; null in shard mode. */
  #shared: { key: string; rows: SharedRows } | null = null;
  /** Which inner loop sums the loaded data: SIMD only when every worker has it. */
  kernel: CpuKernel = 'typescript';
  /** Whether the loaded dataset is the shared one. */
  #useShared = false;
  /** The block counter and the per-block sums, grown as batches need. */
  #blocks: { next: SharedArrayBuffer; partials: SharedArrayBuffer } | null = null;

  constructor(size: number) {
    this.size = size;
    this.#workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./cpu-worker.ts', import.meta.url), { type: 'module', name: 'neuron cpu worker' });
      worker.onmessage = (event: MessageEvent<FromWorker>) => this.#settle(event.data);
      worker.onerror = (event) => this.#fail(new Error(`a CPU worker failed: ${event.message || 'it could not start'}`));
      return worker;
    });
  }

  #settle(message: FromWorker): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'rows') return pending.onRows?.(message.done);
    this.#pending.delete(message.id);
    if (message.type === 'error') pending.reject(new Error(`a CPU worker failed: ${message.message}`));
    else pending.resolve(message);
  }

  /** Ends the workers and fails what they were asked with `error`; the pool is replaced on next use. */
  #abandon(error: Error): void {
    for (const worker of this.#workers) worker.terminate();
    this.#fail(error);
  }

  #fail(error: Error): void {
    this.broken = true;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  #ask(worker: Worker, message: ToWorker, onRows?: (done: number) => void, transfer: Transferable[] = []): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      if (this.broken) return reject(new Error('a CPU worker failed earlier'));
      this.#pending.set(message.id, { resolve, reject, onRows });
      worker.postMessage(message, transfer);
    });
  }

  /**
   * Gives the workers `spec`: its shared copy or a shard each (generated in parallel; kept
   * if they have it). `onRows` hears the rows generated so far, all workers together.
   * Cancelling ends the workers at once (a worker cannot look at the signal while it
   * generates): nothing half-made is kept, and the next trainer gets a new pool.
   */
  async load(spec: CheckedDataset, activation: Activation, loss: LossKind, signal?: AbortSignal,
    onRows?: (done: number) => void): Promise<void> {
    throwIfAborted(signal);
    const cancel = () => this.#abandon(signal?.reason ?? new DOMException('Training was aborted', 'AbortError'));
    signal?.addEventListener('abort', cancel);
    try {
      await this.#load(spec, activation, loss, signal, onRows);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    throwIfAborted(signal);
  }

  async #load(spec: CheckedDataset, activation: Activation, loss: LossKind, signal?: AbortSignal,
    onRows?: (done: number) => void): Promise<void> {
    this.#activation = activation;
    this.#loss = loss;
    const range = (w: number) => ({ first: Math.floor((w * spec.n) / this.size), end: Math.floor(((w + 1) * spec.n) / this.size) });
    const identity = datasetIdentity(spec);
    const key = datasetKey(identity);
    // Kept only if it is still the kind asked for (the SIMD kernel needs a WebAssembly.Memory).
    const kept = this.#shared?.key === key && (this.#shared.rows.memory !== undefined) === cpuSimdAllowed() ? this.#shared.rows : null;
    this.#shared = null; // let the previous dataset go before allocating the next
    const rows = sharedMemoryAvailable() ? kept ?? allocateShared(spec, this.size) : null;
    this.#useShared = rows !== null;
    const done = new Array<number>(this.size).fill(0);
    const heard = (w: number) => (rowsDone: number) => {
      done[w] = rowsDone;
      onRows?.(done.reduce((a, b) => a + b, 0));
    };
    const table = spec.kind === 'table';
    this.kernel = 'typescript';
    if (rows) {
      if (table && !kept) await copyInSlices(spec, 0, spec.n, new Float32Array(rows.rows, rows.byteOffset, spec.n * (spec.d + 1)), 0, signal);
      const replies = await Promise.all(this.#workers.map((worker, w) => this.#ask(worker, {
        type: 'load', id: this.#nextId++, spec: identity, ...range(w), shared: { ...rows, slot: w, fill: !kept && !table },
      }, heard(w))));
      this.#shared = { key, rows };
      if (cpuSimdAllowed() && simdImplements(activation, loss) && replies.every((r) => r.type === 'loaded' && r.kernel === 'wasm-simd')) this.kernel = 'wasm-simd';
    } else {
      const shards = table ? await Promise.all(this.#workers.map(async (_, w) => {
        const { first, end } = range(w);
        const shard = allocateRows(spec, end - first);
        await copyInSlices(spec, first, end, shard, first, signal);
        return shard;
      })) : null;
      await Promise.all(this.#workers.map((worker, w) => {
        const message: ToWorker = { type: 'load', id: this.#nextId++, spec: identity, ...range(w), ...(shards ? { rows: shards[w] } : {}) };
        return this.#ask(worker, message, heard(w), shards ? [shards[w].buffer] : []);
      }));
    }
    // A table's rows were copied, not generated by the workers: they are all there now.
    if (table) onRows?.(spec.n);
  }

  /** Counter and per-block sums for `values` float64 values (reset counter). */
  #blockBuffers(values: number): { next: SharedArrayBuffer; partials: SharedArrayBuffer } {
    if (!this.#blocks || this.#blocks.partials.byteLength < values * 8) {
      this.#blocks = { next: new SharedArrayBuffer(4), partials: new SharedArrayBuffer(values * 8) };
    }
    Atomics.store(new Int32Array(this.#blocks.next), 0, 0);
    return this.#blocks;
  }

  async sums(weights: Float64Array, bias: number, schedule: BatchSchedule, key: number, from: number, to: number,
    out: Float64Array, signal?: AbortSignal): Promise<void> {
    const sums = out.length;
    const count = Math.ceil((to - from) / BLOCK_POSITIONS);
    const blocks = this.#useShared ? this.#blockBuffers(count * sums) : null;
    const replies = await Promise.all(this.#workers.map((worker) => this.#ask(worker, {
      type: 'sums', id: this.#nextId++, activation: this.#activation, loss: this.#loss,
      weights, bias, schedule, key, from, to, kernel: this.kernel,
      ...(blocks ? { blocks: { ...blocks, size: BLOCK_POSITIONS, count } } : {}),
    })));
    if (blocks) {
      const partials = new Float64Array(blocks.partials, 0, count * sums);
      for (let b = 0; b < count; b++) {
        for (let k = 0; k < sums; k++) out[k] += partials[b * sums + k];
      }
    } else {
      for (const reply of replies) {
        if (reply.type !== 'sums') continue;
        for (let k = 0; k < sums; k++) out[k] += reply.sums[k];
      }
    }
    throwIfAborted(signal);
  }

  /** Lets the next trainer use the pool; the workers and their shards stay. */
  dispose(): void {
    poolInUse = false;
  }

  terminate(): void {
    this.#abandon(new Error('the CPU worker pool was closed'));
  }
}
