/**
 * The loss surface on the GPU (shaders/loss-surface.wgsl): every grid point summed over
 * every row in float32 with Kahan-compensated sums, four points per thread. The rows go
 * through in ranges, one dispatch each, within one data chunk (one storage binding) at a
 * time; each range's first row and length sit in a ring of uniform slots, one bind group
 * per (slot, chunk), rewritten before each submission (writeBuffer is ordered with
 * submissions, so the one before still reads its own). Between submissions the page
 * gets a turn, the signal is checked and progress reported.
 */
import { DeviceLostError } from '../engine/errors';
import { gridValue, heldParameters, paramIndex, type SurfaceSpec } from '../engine/surface';
import type { CheckedConfig } from '../engine/validate';
import { throwIfAborted } from '../engine/yield';
import { BufferOwner } from './buffer-owner';
import { acquireRows } from './dataset-cache';
import { maxChunkBytesOf } from './dataset-upload';
import { isDeviceLost, lostReason, requireGpu, type GpuContext } from './device';
import { UNROLL_LIMIT } from './feature-code';
import { SURFACE_GRID, SURFACE_RANGE } from './layouts';
import { LOOP_BUDGET } from './loop-budget';
import { computePipeline } from './pipeline-cache';
import { lossSurfaceSource } from './shader-source';

const WORKGROUP = 64;
/** Grid points per thread (POINTS in the kernel). */
const POINTS_PER_THREAD = 4;
/**
 * Losses evaluated per dispatch at most: about 130 ms on SwiftShader's two cores (it
 * measured 1.3e8 sigmoid + bce losses per second, a 128 x 128 grid over 2^20 rows in
 * 130 s), a fraction of a millisecond on a discrete GPU; longer dispatches would hold
 * off the page's own drawing and a cancel.
 */
const DISPATCH_EVALUATIONS = 2 ** 24;
/** Dispatches per submission (uniform slots in the ring), and losses per submission at most. */
const RANGE_SLOTS = 16;
const SUBMIT_EVALUATIONS = 2 ** 26;

export interface GpuSurfaceOptions {
  gpu?: GpuContext;
  /** Largest chunk of rows per storage binding; defaults to the device's limit (tests force splits). */
  maxChunkBytes?: number;
  /** Only the first `rows` rows (the 'auto' choice times a sample); all by default. */
  rows?: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

/**
 * Rows one thread adds per dispatch: within LOOP_BUDGET loop iterations (lavapipe ends
 * longer loops silently; the row loop, plus the features' loop where not unrolled) and
 * within DISPATCH_EVALUATIONS for the whole grid.
 */
export function surfaceRowsPerDispatch(d: number, points: number): number {
  const perRow = 1 + (d > UNROLL_LIMIT ? d + 1 : 0);
  return Math.max(1, Math.min(Math.floor((LOOP_BUDGET - 8) / perRow), Math.floor(DISPATCH_EVALUATIONS / points)));
}

interface RowRange { chunk: number; firstRow: number; rowCount: number }

/** Every row of the dataset, as ranges within chunks. */
function rowRanges(n: number, chunkRows: number, perDispatch: number): RowRange[] {
  const ranges: RowRange[] = [];
  for (let start = 0; start < n; start += chunkRows) {
    const rowsInChunk = Math.min(chunkRows, n - start);
    for (let first = 0; first < rowsInChunk; first += perDispatch) {
      ranges.push({ chunk: start / chunkRows, firstRow: first, rowCount: Math.min(perDispatch, rowsInChunk - first) });
    }
  }
  return ranges;
}

export async function directSurfaceGpu(config: CheckedConfig, spec: SurfaceSpec, options: GpuSurfaceOptions = {}): Promise<{ values: Float32Array; adapter: string }> {
  const { signal, onProgress } = options;
  const gpu = options.gpu ?? await requireGpu();
  const { device } = gpu;
  const d = config.dataset.d;
  const n = Math.min(config.dataset.n, options.rows ?? Infinity);
  const maxChunkBytes = Math.min(options.maxChunkBytes ?? Infinity, maxChunkBytesOf(device));
  const { rows, release } = await acquireRows(device, config.dataset, maxChunkBytes, signal);
  const owner = new BufferOwner(device);
  try {
    const pipeline = await computePipeline(device, lossSurfaceSource({ features: d, workgroupSize: WORKGROUP, activation: config.activation, loss: config.loss }));
    const { resolution } = spec;
    const points = resolution * resolution;
    const sumsBytes = points * 8;
    const grid = owner.uniform('surface grid', SURFACE_GRID.pack({
      resolution, points,
      xIndex: paramIndex(spec.x.param, d), yIndex: paramIndex(spec.y.param, d),
      xFrom: spec.x.from, xStep: gridValue(spec.x, resolution, 1) - spec.x.from,
      yFrom: spec.y.from, yStep: gridValue(spec.y, resolution, 1) - spec.y.from,
      zero: 0,
    }));
    const held = owner.buffer('surface held parameters', (d + 1) * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(held, 0, Float32Array.from(heldParameters(config.weights, config.bias, spec)));
    const sums = owner.buffer('surface sums', sumsBytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    const staging = owner.buffer('surface readback', sumsBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    const slotBytes = Math.max(SURFACE_RANGE.bytes, device.limits.minUniformBufferOffsetAlignment);
    const slots = owner.buffer('surface ranges', RANGE_SLOTS * slotBytes, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    const common = owner.bindGroup(pipeline.getBindGroupLayout(0), [grid, held, sums]);
    const perSlot = Array.from({ length: RANGE_SLOTS }, (_, slot) => rows.buffers.map((chunk) =>
      owner.bindGroup(pipeline.getBindGroupLayout(1), [{ buffer: slots, offset: slot * slotBytes, size: SURFACE_RANGE.bytes }, chunk])));
    await owner.throwIfRefused('loss surface kernel');

    const ranges = rowRanges(n, rows.chunkRows, surfaceRowsPerDispatch(d, points));
    const perSubmit = Math.max(1, Math.min(RANGE_SLOTS, Math.floor(SUBMIT_EVALUATIONS / (points * ranges[0].rowCount))));
    const threads = Math.ceil(points / POINTS_PER_THREAD);
    const workgroups = Math.ceil(threads / WORKGROUP);
    let rowsDone = 0;
    for (let next = 0; next < ranges.length; next += perSubmit) {
      throwIfAborted(signal);
      const batch = ranges.slice(next, next + perSubmit);
      const slotData = new Uint8Array(batch.length * slotBytes);
      batch.forEach((r, slot) => slotData.set(new Uint8Array(SURFACE_RANGE.pack({ firstRow: r.firstRow, rowCount: r.rowCount })), slot * slotBytes));
      device.queue.writeBuffer(slots, 0, slotData);
      const encoder = device.createCommandEncoder({ label: 'loss surface' });
      if (next === 0) encoder.clearBuffer(sums);
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, common);
      batch.forEach((r, slot) => {
        pass.setBindGroup(1, perSlot[slot][r.chunk]);
        pass.dispatchWorkgroups(workgroups);
      });
      pass.end();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      rowsDone += batch.reduce((total, r) => total + r.rowCount, 0);
      onProgress?.(rowsDone / n);
    }
    const encoder = device.createCommandEncoder({ label: 'loss surface readback' });
    encoder.copyBufferToBuffer(sums, 0, staging, 0, sumsBytes);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const pairs = new Float32Array(staging.getMappedRange(), 0, points * 2);
    // The compensation holds what the running sum added in excess.
    const values = Float32Array.from({ length: points }, (_, p) => (pairs[2 * p] - pairs[2 * p + 1]) / n);
    staging.unmap();
    return { values, adapter: gpu.adapterName };
  } catch (e) {
    if (await isDeviceLost(device)) {
      throw new DeviceLostError(lostReason(device) ?? 'unknown', { epoch: 0, weights: config.weights, bias: config.bias });
    }
    throw e;
  } finally {
    owner.dispose();
    release();
  }
}
