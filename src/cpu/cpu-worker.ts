/**
 * A CPU worker: owns a shard of the dataset (generated here, in parallel with the other
 * workers) and returns the batch sums over its rows, the same shape as the GPU's
 * per-workgroup partials.
 */
import { fillPackedRows, truthOf } from '../engine/dataset';
import { accumulatePositions } from './batch-kernel';
import type { FromWorker, ToWorker } from './worker-protocol';

/** The shard held now, and the dataset and rows it is. */
let shard: { key: string; first: number; rows: Float32Array } | null = null;

function reply(message: FromWorker, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'load') {
      const { spec, first, end } = message;
      const key = JSON.stringify([spec.kind, spec.n, spec.d, spec.noise, spec.seed, first, end]);
      if (shard?.key !== key) {
        shard = null; // let the old shard go before allocating the new one
        const rows = new Float32Array((end - first) * (spec.d + 1));
        fillPackedRows(spec, truthOf(spec), first, end, rows);
        shard = { key, first, rows };
      }
      reply({ type: 'loaded', id: message.id });
    } else {
      if (!shard) throw new Error('no shard loaded');
      const d = message.weights.length;
      const sums = new Float64Array(d + 2);
      accumulatePositions(
        { rows: shard.rows, firstRow: shard.first, d, activation: message.activation, loss: message.loss, weights: message.weights, bias: message.bias },
        message.schedule, message.key, message.from, message.to, sums,
      );
      reply({ type: 'sums', id: message.id, sums }, [sums.buffer]);
    }
  } catch (e) {
    reply({ type: 'error', id: message.id, message: (e as Error).message });
  }
};
