/**
 * A CPU worker: owns a shard of the dataset (generated here, in parallel with the other
 * workers) and returns the batch sums over its rows, the same shape as the GPU's
 * per-workgroup partials. Where the page is cross-origin isolated, the workers instead
 * generate one shared copy together and take blocks of each batch from a shared
 * counter, so a slower core simply takes fewer blocks.
 */
import { datasetKey, fillPackedRows, rowsPerSlice } from '../engine/dataset';
import { accumulatePositions } from './batch-kernel';
import { allocateRows } from './dataset-cache';
import type { CheckedSynthetic } from '../engine/validate';
import type { FromWorker, LoadShard, ToWorker } from './worker-protocol';

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

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'load' && message.shared) {
      const { spec, first, end, shared } = message;
      const rows = new Float32Array(shared.rows);
      if (shared.fill) fillReporting(generated(spec), message.id, first, end, rows, first * (spec.d + 1));
      shard = { key: 'shared', first: 0, rows };
      reply({ type: 'loaded', id: message.id });
    } else if (message.type === 'load') {
      const { spec, first, end } = message;
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
      reply({ type: 'loaded', id: message.id });
    } else {
      if (!shard) throw new Error('no shard loaded');
      const d = message.weights.length;
      const inputs = { rows: shard.rows, firstRow: shard.first, d, activation: message.activation, loss: message.loss, weights: message.weights, bias: message.bias };
      const sums = new Float64Array(d + 2);
      const { blocks } = message;
      if (blocks) {
        const next = new Int32Array(blocks.next);
        const partials = new Float64Array(blocks.partials);
        for (let b = Atomics.add(next, 0, 1); b < blocks.count; b = Atomics.add(next, 0, 1)) {
          const from = message.from + b * blocks.size;
          const out = partials.subarray(b * (d + 2), (b + 1) * (d + 2));
          out.fill(0);
          accumulatePositions(inputs, message.schedule, message.key, from, Math.min(message.to, from + blocks.size), out);
        }
      } else {
        accumulatePositions(inputs, message.schedule, message.key, message.from, message.to, sums);
      }
      reply({ type: 'sums', id: message.id, sums }, [sums.buffer]);
    }
  } catch (e) {
    reply({ type: 'error', id: message.id, message: (e as Error).message });
  }
};
