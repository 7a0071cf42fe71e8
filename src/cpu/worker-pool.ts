/**
 * Data-parallel CPU training: one worker per core, each owning a contiguous shard of the
 * dataset and returning partial sums for each batch, which the trainer adds up in worker
 * order (so results do not depend on timing). The pool outlives trainers so shards are
 * generated once per dataset; one trainer uses it at a time.
 */
import type { BatchSchedule } from '../engine/schedule';
import type { Activation, LossKind } from '../engine/types';
import type { CheckedDataset } from '../engine/validate';
import { throwIfAborted } from '../engine/yield';
import type { BatchSummer } from './batch-summer';
import type { FromWorker, ToWorker } from './worker-protocol';

/** Workers to use; 'auto' is one per core (at most 8). Benchmarks set 1 to measure one worker. */
let requestedWorkers: number | 'auto' = 'auto';
let pool: WorkerPool | null = null;
let poolInUse = false;

export function setCpuWorkers(count: number | 'auto'): void {
  requestedWorkers = count;
}

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
    this.#pending.delete(message.id);
    if (message.type === 'error') pending.reject(new Error(`a CPU worker failed: ${message.message}`));
    else pending.resolve(message);
  }

  #fail(error: Error): void {
    this.broken = true;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  #ask(worker: Worker, message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      if (this.broken) return reject(new Error('a CPU worker failed earlier'));
      this.#pending.set(message.id, { resolve, reject });
      worker.postMessage(message);
    });
  }

  /** Gives each worker its shard of `spec` (generated in parallel; kept if it already has it). */
  async load(spec: CheckedDataset, activation: Activation, loss: LossKind, signal?: AbortSignal): Promise<void> {
    this.#activation = activation;
    this.#loss = loss;
    await Promise.all(this.#workers.map((worker, w) => this.#ask(worker, {
      type: 'load', id: this.#nextId++, spec,
      first: Math.floor((w * spec.n) / this.size), end: Math.floor(((w + 1) * spec.n) / this.size),
    })));
    throwIfAborted(signal);
  }

  async sums(weights: Float64Array, bias: number, schedule: BatchSchedule, key: number, from: number, to: number,
    out: Float64Array, signal?: AbortSignal): Promise<void> {
    const replies = await Promise.all(this.#workers.map((worker) => this.#ask(worker, {
      type: 'sums', id: this.#nextId++, activation: this.#activation, loss: this.#loss,
      weights, bias, schedule, key, from, to,
    })));
    for (const reply of replies) {
      if (reply.type !== 'sums') continue;
      for (let k = 0; k < out.length; k++) out[k] += reply.sums[k];
    }
    throwIfAborted(signal);
  }

  /** Lets the next trainer use the pool; the workers and their shards stay. */
  dispose(): void {
    poolInUse = false;
  }

  terminate(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#fail(new Error('the CPU worker pool was closed'));
  }
}
