/**
 * One core's part of the CPU read ceiling (read-ceiling.ts): waits at a barrier until
 * every worker is ready, reads its share of the shared memory with WebAssembly SIMD,
 * and reports when it started and ended on the shared clock (timeOrigin + now).
 */
import { bytesOfBase64 } from '../wasm-kernel';
import { READ_CEILING_BASE64 } from './read-ceiling-bytes';

export interface ReadRequest {
  memory: WebAssembly.Memory;
  from: number;
  to: number;
  /** Int32Array [arrived]: every worker adds 1 and spins until all have. */
  barrier: SharedArrayBuffer;
  workers: number;
}

export interface ReadReply {
  start: number;
  end: number;
  sum: number;
}

let reader: { memory: WebAssembly.Memory; readSum: (from: number, to: number) => number } | null = null;

self.onmessage = async (event: MessageEvent<ReadRequest>) => {
  const { memory, from, to, barrier, workers } = event.data;
  if (reader?.memory !== memory) {
    const { instance } = await WebAssembly.instantiate(bytesOfBase64(READ_CEILING_BASE64), { env: { memory } });
    reader = { memory, readSum: instance.exports.readSum as (from: number, to: number) => number };
  }
  const arrived = new Int32Array(barrier);
  Atomics.add(arrived, 0, 1);
  while (Atomics.load(arrived, 0) < workers) { /* spin: a wake-up would cost more than the skew it saves */ }
  const start = performance.timeOrigin + performance.now();
  const sum = reader.readSum(from, to);
  const end = performance.timeOrigin + performance.now();
  (self as unknown as Worker).postMessage({ start, end, sum } satisfies ReadReply);
};
