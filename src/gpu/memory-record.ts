/**
 * What the GPU really held and refused in this page session. WebGPU does not say how much
 * memory a device has: its limits are an upper bound that the driver may not reach
 * (SwiftShader's limits allow four buffers of 1 GiB, and it refuses one). So each dataset
 * upload is noted here, and the page tells what was seen instead of promising the limit.
 */

/** Sizes of whole datasets (n·(d+1)·4 bytes); either may be absent. */
export interface GpuMemoryRecord {
  /** Largest dataset the GPU held. */
  heldBytes?: number;
  /** Smallest dataset the GPU refused: the tightest bound seen (any larger one needs a buffer at least as large). */
  refusedBytes?: number;
}

/**
 * The record after a dataset of `bytes` was held or refused. Kept consistent (held below
 * refused): where two facts disagree (memory taken meanwhile, or freed), the newest wins.
 */
export function learnGpuMemory(record: GpuMemoryRecord, bytes: number, held: boolean): GpuMemoryRecord {
  const { heldBytes, refusedBytes } = record;
  if (held) {
    return {
      heldBytes: Math.max(heldBytes ?? 0, bytes),
      ...(refusedBytes !== undefined && refusedBytes > bytes ? { refusedBytes } : {}),
    };
  }
  return {
    ...(heldBytes !== undefined && heldBytes < bytes ? { heldBytes } : {}),
    refusedBytes: Math.min(refusedBytes ?? Infinity, bytes),
  };
}

let session: GpuMemoryRecord = {};

/** Notes that the GPU held (true) or refused (false) a dataset of `bytes`. */
export function noteGpuDataset(bytes: number, held: boolean): void {
  session = learnGpuMemory(session, bytes, held);
}

/** What the GPU held and refused so far in this session; a new object after each change. */
export function gpuMemoryRecord(): GpuMemoryRecord {
  return session;
}
