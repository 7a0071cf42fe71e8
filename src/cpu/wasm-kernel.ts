/**
 * The WebAssembly SIMD twin of batch-kernel.ts (wasm/batch-kernel.wat): the same sums of
 * batch positions, read from a shared WebAssembly.Memory that holds the whole dataset
 * after one scratch slot per worker. Float32 lanes, added into float64 per block of 256
 * rows; test/unit/wasm-kernel.test.ts holds it to the float64 kernel. Where the browser
 * lacks SIMD or shared memory, `kernelMemory` or `WasmKernel.create` give null and the
 * float64 TypeScript kernel sums instead.
 */
import { rowsAt, type BatchSchedule } from '../engine/schedule';
import type { Activation, LossKind } from '../engine/types';
import { BATCH_KERNEL_BASE64 } from './wasm/batch-kernel-bytes';

/**
 * The kernel's numbering of the activations and losses it implements (its
 * `gradientAndLoss`). An activation of the table without a code here is summed by the
 * float64 TypeScript kernel, so a new activation needs no WebAssembly to work everywhere.
 */
export const ACTIVATION_CODES: Partial<Record<Activation, number>> = { identity: 0, relu: 1, tanh: 2, sigmoid: 3, leakyRelu: 4 };
export const LOSS_CODES: Partial<Record<LossKind, number>> = { mse: 0, bce: 1 };

/** Whether the SIMD kernel may sum (tests and benchmarks turn it off to run the float64 kernel everywhere). */
let simdAllowed = true;

export function setCpuSimd(allowed: boolean): void {
  simdAllowed = allowed;
}

export function cpuSimdAllowed(): boolean {
  return simdAllowed;
}

/** Whether the SIMD kernel implements this activation and loss. */
export function simdImplements(activation: Activation, loss: LossKind): boolean {
  return ACTIVATION_CODES[activation] !== undefined && LOSS_CODES[loss] !== undefined;
}

/** Bytes of one worker's scratch slot: the kernel's SLOT_BYTES (checked on instantiation). */
const SLOT_BYTES = 32768;
/** Scratch slots before the dataset: one per worker, and the pool runs at most 8. */
export const KERNEL_SLOTS = 8;
/** Readable bytes after the dataset: the last row's last vector of features reads 12 past it. */
const TAIL_BYTES = 16;
const PAGE_BYTES = 65536;

interface KernelExports {
  init(slot: number): void;
  sumRows(base: number, d: number, first: number, count: number, bias: number, activation: number, loss: number): void;
  sumListed(base: number, d: number, count: number, bias: number, activation: number, loss: number): void;
  SLOT_BYTES: WebAssembly.Global;
  ROWS: WebAssembly.Global;
  WEIGHTS: WebAssembly.Global;
  SUMS: WebAssembly.Global;
  SUM_BIAS: WebAssembly.Global;
  SUM_LOSS: WebAssembly.Global;
  MAX_BLOCK: WebAssembly.Global;
}

/** The bytes of a module assembled by scripts/build-wasm.mjs. */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export function kernelBytes(): Uint8Array<ArrayBuffer> {
  return bytesOfBase64(BATCH_KERNEL_BASE64);
}

let compiled: Promise<WebAssembly.Module | null> | null = null;

/** The compiled kernel, or null where this engine has no SIMD or threads, or its policy forbids compiling. */
function kernelModule(): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = kernelBytes();
    if (!WebAssembly.validate(bytes)) return null;
    try {
      return await WebAssembly.compile(bytes);
    } catch {
      return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
    }
  })();
  return compiled;
}

/** A dataset's home for the kernel: a shared memory and where its packed rows start. */
export interface KernelMemory {
  memory: WebAssembly.Memory;
  /** Byte offset of row 0, after the workers' scratch slots. */
  rowsOffset: number;
}

/**
 * A shared WebAssembly.Memory for `values` float32 values of packed rows, or null where
 * shared WebAssembly memory does not exist (no cross-origin isolation) or the browser
 * refuses that much.
 */
export function kernelMemory(values: number): KernelMemory | null {
  const rowsOffset = KERNEL_SLOTS * SLOT_BYTES;
  const pages = Math.ceil((rowsOffset + values * 4 + TAIL_BYTES) / PAGE_BYTES);
  try {
    return { memory: new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }), rowsOffset };
  } catch {
    return null;
  }
}

export class WasmKernel {
  #exports: KernelExports;
  /** Byte offset of row 0 in the memory. */
  #rowsOffset: number;
  /** This worker's views of its slot. */
  #rows: Int32Array;
  #weights: Float32Array;
  #sums: Float64Array;
  #sumBias: Float64Array;
  #sumLoss: Float64Array;
  #maxBlock: number;

  private constructor(instance: WebAssembly.Instance, buffer: ArrayBufferLike, slot: number, rowsOffset: number) {
    const e = instance.exports as unknown as KernelExports;
    if (e.SLOT_BYTES.value !== SLOT_BYTES) throw new Error(`the kernel's slot is ${e.SLOT_BYTES.value} bytes, not ${SLOT_BYTES}`);
    const base = slot * SLOT_BYTES;
    e.init(base);
    this.#exports = e;
    this.#rowsOffset = rowsOffset;
    this.#maxBlock = e.MAX_BLOCK.value;
    this.#rows = new Int32Array(buffer, base + e.ROWS.value, this.#maxBlock);
    this.#weights = new Float32Array(buffer, base + e.WEIGHTS.value, (e.SUMS.value - e.WEIGHTS.value) / 4);
    this.#sums = new Float64Array(buffer, base + e.SUMS.value, (e.SUM_BIAS.value - e.SUMS.value) / 8);
    this.#sumBias = new Float64Array(buffer, base + e.SUM_BIAS.value, 1);
    this.#sumLoss = new Float64Array(buffer, base + e.SUM_LOSS.value, 1);
  }

  /** The kernel on `memory`, using scratch slot `slot` (one per worker), or null where it cannot run here. */
  static async create(home: KernelMemory, slot: number): Promise<WasmKernel | null> {
    if (slot < 0 || slot >= KERNEL_SLOTS) throw new Error(`kernel slot must be 0 to ${KERNEL_SLOTS - 1}; got ${slot}`);
    const module = await kernelModule();
    if (!module) return null;
    const instance = await WebAssembly.instantiate(module, { env: { memory: home.memory } });
    return new WasmKernel(instance, home.memory.buffer, slot, home.rowsOffset);
  }

  /**
   * Adds the sums [dJ/dw_0 .. dJ/dw_{d-1}, dJ/db, loss] of batch positions [from, to) of
   * the epoch with shuffle key `key` into `out`, as accumulatePositions does.
   */
  accumulatePositions(d: number, activation: Activation, loss: LossKind, weights: Float64Array, bias: number,
    schedule: BatchSchedule, key: number, from: number, to: number, out: Float64Array): void {
    const padded = (d + 3) & ~3;
    this.#weights.set(weights);
    this.#weights.fill(0, d, padded);
    this.#sums.fill(0, 0, padded);
    this.#sumBias[0] = 0;
    this.#sumLoss[0] = 0;
    const e = this.#exports;
    const a = ACTIVATION_CODES[activation], l = LOSS_CODES[loss];
    if (a === undefined || l === undefined) throw new Error(`the SIMD kernel does not implement ${activation} + ${loss}`);
    if (!schedule.shuffled) {
      if (to > from) e.sumRows(this.#rowsOffset, d, from, to - from, bias, a, l);
    } else {
      for (let p = from; p < to; p += this.#maxBlock) {
        const count = Math.min(this.#maxBlock, to - p);
        rowsAt(schedule, key, p, count, this.#rows);
        e.sumListed(this.#rowsOffset, d, count, bias, a, l);
      }
    }
    for (let j = 0; j < d; j++) out[j] += this.#sums[j];
    out[d] += this.#sumBias[0];
    out[d + 1] += this.#sumLoss[0];
  }
}
