/**
 * Keeps the most recently uploaded dataset on the GPU, so training the same data again
 * (resume after pause, a new learning rate, gradients() then train()) starts at once
 * instead of regenerating and uploading tens of millions of rows. One dataset at a time:
 * asking for another evicts it, and its buffers are destroyed once no trainer uses them.
 */
import { destroyBuffer } from './buffer-registry';
import { datasetKey } from '../engine/dataset';
import { isAbortError } from '../engine/errors';
import type { CheckedDataset } from '../engine/validate';
import { checkCapacity, uploadRows, type GpuRows } from './dataset-upload';

interface Entry {
  key: string;
  device: GPUDevice;
  rows: Promise<GpuRows>;
  /** Trainers using the rows now. */
  users: number;
  /** Replaced by another dataset: destroy the buffers when the last user lets go. */
  evicted: boolean;
}

let latest: Entry | null = null;

/**
 * Dataset rows on `device`, shared with other trainers of the same data; call release()
 * when done. `onRows` hears the rows uploaded so far when this call uploads them.
 */
export async function acquireRows(
  device: GPUDevice, spec: CheckedDataset, maxChunkBytes: number, signal?: AbortSignal, onRows?: (done: number) => void,
): Promise<{ rows: GpuRows; release: () => void }> {
  const key = `${datasetKey(spec)} chunks of ${maxChunkBytes} bytes`;
  let entry = latest;
  if (!entry || entry.key !== key || entry.device !== device) {
    checkCapacity(device, spec); // a refused dataset must not cost the cached one
    if (latest) evict(latest);
    entry = { key, device, rows: uploadRows(device, spec, maxChunkBytes, signal, onRows), users: 0, evicted: false };
    latest = entry;
    const created = entry;
    created.rows.catch(() => { if (latest === created) latest = null; });
  }
  entry.users++;
  let rows: GpuRows;
  try {
    rows = await entry.rows;
  } catch (e) {
    entry.users--;
    // Another caller's upload was cancelled; this caller did not ask for that.
    if (!signal?.aborted && isAbortError(e)) return acquireRows(device, spec, maxChunkBytes, signal, onRows);
    throw e;
  }
  const owner = entry;
  let released = false;
  return {
    rows,
    release: () => {
      if (released) return;
      released = true;
      owner.users--;
      if (owner.evicted && owner.users === 0) destroy(owner);
    },
  };
}

/** Frees the cached dataset (when no trainer uses it), e.g. before allocating something large. */
export function evictCachedRows(): void {
  if (latest) evict(latest);
  latest = null;
}

function evict(entry: Entry): void {
  entry.evicted = true;
  if (entry.users === 0) destroy(entry);
}

function destroy(entry: Entry): void {
  entry.rows.then((rows) => rows.buffers.forEach(destroyBuffer), () => undefined);
}
