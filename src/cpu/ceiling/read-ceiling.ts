/**
 * The CPU's memory-read ceiling, measured in the benchmark's run and on demand in the
 * scaling panel: one worker per core reads its share of one dataset-sized shared
 * WebAssembly.Memory with f32x4 loads (read-ceiling.wat), all starting at one barrier. The
 * bytes over the time from the first start to the last end is what the CPU path's GB/s is
 * held against.
 */
import type { ReadReply, ReadRequest } from './read-worker';

/** The CPU's memory-read ceiling: every core reading one shared memory with WebAssembly SIMD. */
export interface CpuCeiling {
  gbPerSecond: number;
  bytes: number;
  workers: number;
  /** Fastest read of all `bytes`. */
  ms: number;
}

/** Reads `bytes` (rounded down to 64 per worker) with `workers` workers, `repeats` times after a warm-up; the fastest counts. */
export async function measureCpuCeiling(bytes: number, workers: number, repeats: number): Promise<CpuCeiling> {
  const share = Math.floor(bytes / workers / 64) * 64;
  const pages = Math.ceil((share * workers) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  // Written first: untouched pages would all read the one zero page from cache.
  new Float32Array(memory.buffer).fill(1);
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./read-worker.ts', import.meta.url), { type: 'module' }));
  try {
    const times: number[] = [];
    for (let r = 0; r <= repeats; r++) {
      const barrier = new SharedArrayBuffer(4);
      const replies = await Promise.all(pool.map((worker, w) => new Promise<ReadReply>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<ReadReply>) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(`a read worker failed: ${event.message}`));
        worker.postMessage({ memory, from: w * share, to: (w + 1) * share, barrier, workers } satisfies ReadRequest);
      })));
      if (replies.some((reply) => !(reply.sum > 0))) throw new Error('a read worker summed nothing');
      const ms = Math.max(...replies.map((reply) => reply.end)) - Math.min(...replies.map((reply) => reply.start));
      if (r > 0) times.push(ms);
    }
    const best = Math.min(...times);
    return { gbPerSecond: (share * workers) / (best * 1e6), bytes: share * workers, workers, ms: best };
  } finally {
    for (const worker of pool) worker.terminate();
  }
}
