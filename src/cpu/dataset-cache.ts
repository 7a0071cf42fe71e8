/**
 * The CPU's copy of the most recent dataset, generated in slices (yielding between them)
 * and kept so that training the same data again starts at once. Trainers only read it.
 * A large one lives in a WebAssembly.Memory, so the main thread can sum it with the SIMD
 * kernel (batch-summer.ts); a small one in an ordinary array, summed by the float64 kernel.
 */
import { datasetKey, fillPackedRows, rowsPerSlice } from '../engine/dataset';
import { DeviceCapacityError, isAbortError } from '../engine/errors';
import type { CheckedDataset } from '../engine/validate';
import { throwIfAborted, yieldToEventLoop } from '../engine/yield';
import { cpuSimdAllowed, kernelMemory, type KernelMemory } from './wasm-kernel';

let latest: { key: string; rows: Promise<Float32Array> } | null = null;

/**
 * Datasets of at least this many values (n * (d + 1)) go in a WebAssembly.Memory for the
 * SIMD kernel. Below it an epoch takes well under a millisecond on the float64 kernel, and
 * the small worked examples keep the float64 reference's answers.
 */
export const SIMD_MIN_VALUES = 2 ** 16;

/** The WebAssembly.Memory behind rows made by generateRows, where they live in one. */
const homes = new WeakMap<Float32Array, KernelMemory>();

export function kernelHomeOf(rows: Float32Array): KernelMemory | undefined {
  return homes.get(rows);
}

function wantsKernelMemory(spec: { n: number; d: number }): boolean {
  return spec.n * (spec.d + 1) >= SIMD_MIN_VALUES && cpuSimdAllowed();
}

/** Room for the whole dataset: in a kernel memory when it is large and one can be made, else an ordinary array. */
function allocateDataset(spec: { n: number; d: number }): Float32Array {
  const values = spec.n * (spec.d + 1);
  const home = wantsKernelMemory(spec) ? kernelMemory(values) : null;
  if (!home) return allocateRows(spec);
  const rows = new Float32Array(home.memory.buffer, home.rowsOffset, values);
  homes.set(rows, home);
  return rows;
}

/**
 * Packed rows for `rows` rows of the dataset (all of them by default; a worker's shard),
 * or a DeviceCapacityError giving the dataset's size when the browser refuses the memory.
 */
export function allocateRows(spec: { n: number; d: number }, rows = spec.n): Float32Array {
  const values = spec.n * (spec.d + 1);
  try {
    return new Float32Array(rows * (spec.d + 1));
  } catch (e) {
    throw new DeviceCapacityError(
      `dataset.n: ${spec.n.toLocaleString('en-US')} samples of ${spec.d} features need ${(values * 4 / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB, ` +
      `more than this browser would allocate (${(e as Error).message}); choose fewer samples`,
    );
  }
}

/**
 * Packed rows (d features, then the label) of a dataset. `onRows` hears the rows generated
 * so far when this call generates them (not when it joins or reuses another's).
 */
export async function packedRows(spec: CheckedDataset, signal?: AbortSignal, onRows?: (done: number) => void): Promise<Float32Array> {
  // Kept only if it is still the kind asked for: in a kernel memory or not.
  const key = `${datasetKey(spec)}${wantsKernelMemory(spec) ? ' in a kernel memory' : ''}`;
  if (latest?.key !== key) {
    latest = null; // let the previous dataset be collected before allocating the next
    const rows = generateRows(spec, signal, onRows);
    const entry = { key, rows };
    latest = entry;
    rows.catch(() => { if (latest === entry) latest = null; });
  }
  try {
    return await latest.rows;
  } catch (e) {
    if (!signal?.aborted && isAbortError(e)) return packedRows(spec, signal, onRows);
    throw e;
  }
}

/** Generates packed rows in slices, yielding between them (not cached); `onRows` hears the rows done after each. */
export async function generateRows(spec: CheckedDataset, signal?: AbortSignal, onRows?: (done: number) => void): Promise<Float32Array> {
  const rows = allocateDataset(spec);
  const step = rowsPerSlice(spec.d);
  for (let begin = 0; begin < spec.n; begin += step) {
    const end = Math.min(spec.n, begin + step);
    fillPackedRows(spec, begin, end, rows, begin * (spec.d + 1));
    onRows?.(end);
    if (end < spec.n) {
      await yieldToEventLoop();
      throwIfAborted(signal);
    }
  }
  return rows;
}
