/**
 * A CPU worker: owns a shard of the dataset (generated here, in parallel with the other
 * workers) and returns the batch sums over its rows, the same shape as the GPU's
 * per-workgroup partials. Where the page is cross-origin isolated, the workers instead
 * generate one shared copy together and take blocks of each batch from a shared
 * counter, so a slower core simply takes fewer blocks; where that copy is a shared
 * WebAssembly.Memory, the blocks are summed by the SIMD kernel (wasm-kernel.ts).
 */
import { datasetKey, fillPackedRows, rowsPerSlice } from '../engine/dataset';
import { accumulatePositions } from './batch-kernel';
import type { CheckedSynthetic } from '../engine/validate';
import { allocateRows } from './dataset-cache';
import { WasmKernel } from './wasm-kernel';
import type { FromWorker, LoadShard, SumShard, ToWorker } from './worker-protocol';

interface Shard {
  key: string;
  first: number;
  rows: Float32Array;
}

/**
 * Shards held, most recent first: a short calibration run on a small dataset must not
 * throw away the shard of the large one being trained. Older shards go once the total
 * passes SHARD_BUDGET values (256 MiB).
 */
const shards: Shard[] = [];
const SHARD_BUDGET = 2 ** 26;
let shard: Shard | null = null;
/** The SIMD kernel on the shared memory, and that memory: null on shards or without SIMD. */
let simd: { kernel: WasmKernel; memory: WebAssembly.Memory } | null = null;

/** A spec the worker can generate rows of: a table's rows must come as data. */
function generated(spec: LoadShard['spec']): CheckedSynthetic {
  if (spec.kind === 'table') throw new Error('a table\'s rows must be sent to the worker, which cannot generate them');
  return spec;
}

function reply(message: FromWorker, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

/**
 * Fills rows [first, end) of `spec` into `rows` from `offset` on, a slice at a time, telling
 * the pool after each how many are done (for the page's progress bar; a few hundred
 * messages for 50 million rows).
 */
function fillReporting(spec: CheckedSynthetic, id: number, first: number, end: number, rows: Float32Array, offset: number): void {
  const step = rowsPerSlice(spec.d);
  for (let begin = first; begin < end; begin += step) {
    const sliceEnd = Math.min(end, begin + step);
    fillPackedRows(spec, begin, sliceEnd, rows, offset + (begin - first) * (spec.d + 1));
    reply({ type: 'rows', id, done: sliceEnd - first });
  }
}

/** The SIMD kernel on `memory` in scratch slot `slot` (kept while the memory is), or null where it cannot run. */
async function simdKernel(memory: WebAssembly.Memory | undefined, byteOffset: number, slot: number): Promise<WasmKernel | null> {
  if (simd?.memory !== memory) simd = null; // let a previous dataset's memory go
  if (!memory) return null;
  if (!simd) {
    const kernel = await WasmKernel.create({ memory, rowsOffset: byteOffset }, slot).catch(() => null);
    if (kernel) simd = { kernel, memory };
  }
  return simd?.kernel ?? null;
}

/** Sums the message's positions (or the blocks it takes from the shared counter) into `sums`. */
function sum(message: SumShard, rows: Shard, sums: Float64Array): void {
  const d = message.weights.length;
  const { schedule, key, weights, bias, activation, loss } = message;
  const wasm = message.kernel === 'wasm-simd' ? simd?.kernel : undefined;
  if (message.kernel === 'wasm-simd' && !wasm) throw new Error('the SIMD kernel was asked for but is not loaded');
  const inputs = { rows: rows.rows, firstRow: rows.first, d, activation, loss, weights, bias };
  const add = (from: number, to: number, out: Float64Array) => wasm
    ? wasm.accumulatePositions(d, activation, loss, weights, bias, schedule, key, from, to, out)
    : accumulatePositions(inputs, schedule, key, from, to, out);
  const { blocks } = message;
  if (!blocks) return add(message.from, message.to, sums);
  const next = new Int32Array(blocks.next);
  const partials = new Float64Array(blocks.partials);
  for (let b = Atomics.add(next, 0, 1); b < blocks.count; b = Atomics.add(next, 0, 1)) {
    const from = message.from + b * blocks.size;
    const out = partials.subarray(b * (d + 2), (b + 1) * (d + 2));
    out.fill(0);
    add(from, Math.min(message.to, from + blocks.size), out);
  }
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'load' && message.shared) {
      const { spec, first, end, shared } = message;
      const rows = new Float32Array(shared.rows, shared.byteOffset, spec.n * (spec.d + 1));
      if (shared.fill) fillReporting(generated(spec), message.id, first, end, rows, first * (spec.d + 1));
      shard = { key: 'shared', first: 0, rows };
      const kernel = await simdKernel(shared.memory, shared.byteOffset, shared.slot);
      reply({ type: 'loaded', id: message.id, kernel: kernel ? 'wasm-simd' : 'typescript' });
    } else if (message.type === 'load') {
      const { spec, first, end } = message;
      simd = null;
      const key = `${datasetKey(spec)} rows ${first}..${end}`;
      const kept = shards.findIndex((s) => s.key === key);
      if (kept >= 0) {
        shard = shards.splice(kept, 1)[0];
      } else {
        const size = (end - first) * (spec.d + 1);
        let held = shards.reduce((total, s) => total + s.rows.length, 0);
        while (shards.length > 0 && held + size > SHARD_BUDGET) held -= shards.pop()!.rows.length;
        shard = null;
        let rows = message.rows;
        if (!rows) {
          rows = allocateRows(spec, end - first);
          fillReporting(generated(spec), message.id, first, end, rows, 0);
        }
        shard = { key, first, rows };
      }
      shards.unshift(shard);
      reply({ type: 'loaded', id: message.id, kernel: 'typescript' });
    } else {
      if (!shard) throw new Error('no shard loaded');
      const sums = new Float64Array(message.weights.length + 2);
      sum(message, shard, sums);
      reply({ type: 'sums', id: message.id, sums }, [sums.buffer]);
    }
  } catch (e) {
    reply({ type: 'error', id: message.id, message: (e as Error).message });
  }
};
