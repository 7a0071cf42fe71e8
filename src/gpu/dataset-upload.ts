/**
 * Puts a dataset on the GPU as packed rows (d features, then the label), split into as
 * many storage buffers as the binding limit requires. Rows are generated (or, for a
 * table, copied) slice by slice and written with queue.writeBuffer: no copy of the whole dataset is ever held in
 * JavaScript, and the page gets a turn between slices. (A buffer mapped at creation
 * measured slower: creating a 75 MB one took 1.1 s on SwiftShader, the writes 0.1 s.)
 */
import { DeviceCapacityError } from '../engine/errors';
import { createBuffer, destroyBuffer } from './buffer-registry';
import { noteGpuDataset } from './memory-record';
import { fillPackedRows, rowsPerSlice } from '../engine/dataset';
import type { CheckedDataset } from '../engine/validate';
import { throwIfAborted, yieldToEventLoop } from '../engine/yield';

export interface GpuRows {
  /** One buffer per chunk; chunk c holds rows [c * chunkRows, min(n, (c + 1) * chunkRows)). */
  buffers: GPUBuffer[];
  chunkRows: number;
}


/**
 * Most bytes of dataset the engine puts on one device: four of its largest buffers.
 * WebGPU does not say how much memory a device has; this bound keeps a dataset to what
 * the adapter's own limits suggest it was built for, and is refused before allocating.
 */
export function datasetCapacityBytes(device: GPUDevice): number {
  return 4 * maxChunkBytesOf(device);
}

/** Throws a DeviceCapacityError, before anything is allocated, when `spec` is too large for `device`. */
export function checkCapacity(device: GPUDevice, spec: CheckedDataset): void {
  const stride = spec.d + 1;
  const bytes = spec.n * stride * 4;
  const capacity = datasetCapacityBytes(device);
  if (bytes > capacity) {
    throw new DeviceCapacityError(
      `dataset.n: ${spec.n.toLocaleString('en-US')} samples of ${spec.d} feature${spec.d === 1 ? '' : 's'} need ${mebibytes(bytes)}; ` +
      `this GPU's limits allow at most ${mebibytes(capacity)} of data (${Math.floor(capacity / (stride * 4)).toLocaleString('en-US')} samples of ${spec.d}); choose fewer samples or the CPU backend`,
    );
  }
}

/** Largest binding the device allows for one chunk of rows. */
export function maxChunkBytesOf(device: GPUDevice): number {
  return Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
}

/** Rows per chunk buffer; chunk sizes are padded to 16 bytes, so they are kept within the 16-byte floor of the limit. */
function rowsPerChunk(d: number, maxChunkBytes: number): number {
  return Math.floor((maxChunkBytes - (maxChunkBytes % 16)) / (4 * (d + 1)));
}

/** Generates and uploads the rows slice by slice; `onRows` hears the rows written so far after each slice. */
export async function uploadRows(
  device: GPUDevice, spec: CheckedDataset, maxChunkBytes: number, signal?: AbortSignal, onRows?: (done: number) => void,
): Promise<GpuRows> {
  const stride = spec.d + 1;
  const chunkRows = Math.min(spec.n, rowsPerChunk(spec.d, maxChunkBytes));
  if (chunkRows < 1) {
    throw new DeviceCapacityError(`dataset.features: one row of ${spec.d} features does not fit in one GPU binding of ${maxChunkBytes} bytes`);
  }
  checkCapacity(device, spec);
  const step = rowsPerSlice(spec.d);
  const buffers: GPUBuffer[] = [];
  const slice = new Float32Array(step * stride);
  try {
    for (let first = 0; first < spec.n; first += chunkRows) {
      const rows = Math.min(chunkRows, spec.n - first);
      device.pushErrorScope('out-of-memory');
      const buffer = createBuffer(device, {
        label: `dataset rows ${first}..${first + rows}`,
        // Padded to whole vec4s (zeros): the batch kernel also reads the rows as vec4s.
        size: Math.ceil((rows * stride) / 4) * 16,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      buffers.push(buffer);
      const error = await device.popErrorScope();
      if (error) {
        noteGpuDataset(spec.n * stride * 4, false);
        throw outOfMemory(spec, error.message);
      }
      for (let begin = first; begin < first + rows; begin += step) {
        const end = Math.min(first + rows, begin + step);
        fillPackedRows(spec, begin, end, slice);
        device.queue.writeBuffer(buffer, (begin - first) * stride * 4, slice, 0, (end - begin) * stride);
        onRows?.(end);
        await yieldToEventLoop();
        throwIfAborted(signal);
      }
    }
  } catch (e) {
    for (const b of buffers) destroyBuffer(b);
    throw e;
  }
  noteGpuDataset(spec.n * stride * 4, true);
  return { buffers, chunkRows };
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
}

function outOfMemory(spec: CheckedDataset, detail: string): DeviceCapacityError {
  return new DeviceCapacityError(
    `dataset.n: ${spec.n.toLocaleString('en-US')} samples of ${spec.d} feature${spec.d === 1 ? '' : 's'} (${mebibytes(spec.n * (spec.d + 1) * 4)}) do not fit in this GPU's memory (${detail}); choose fewer samples or the CPU backend`,
  );
}
