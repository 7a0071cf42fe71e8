/**
 * The loss surface on the CPU, on the main thread in slices of at most SLICE_MS between
 * yields (the page never stalls), over the cached dataset rows: every grid point summed
 * over every row (surface-kernel.ts), or for identity + mse the closed form from six
 * sums over the data (src/engine/surface-closed-form.ts).
 */
import { addQuadraticSums, closedFormSurface, emptyQuadraticSums } from '../engine/surface-closed-form';
import { gridValue, heldParameters, type SurfaceSpec } from '../engine/surface';
import type { CheckedConfig } from '../engine/validate';
import { SLICE_MS, throwIfAborted, yieldToEventLoop } from '../engine/yield';
import { packedRows } from './dataset-cache';
import { addBlockToPoints, emptySurfaceBlock, loadSurfaceBlock, SURFACE_BLOCK } from './surface-kernel';

/** Grid points per piece of work between clock checks: a block of rows times this is about 1 ms. */
const POINTS_PER_PIECE = 256;
/** Rows per piece of the closed form's pass. */
const CLOSED_FORM_ROWS = 2 ** 16;

export interface CpuSurfaceOptions {
  /** Only the first `rows` rows (the 'auto' choice times a sample); all by default. */
  rows?: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

/** Whether the surface follows from the closed form (identity + mse). */
export function hasClosedForm(config: Pick<CheckedConfig, 'activation' | 'loss'>): boolean {
  return config.activation === 'identity' && config.loss === 'mse';
}

/** Gives the page a turn (and checks the signal) once SLICE_MS has passed since the last. */
function slicer(signal?: AbortSignal): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await yieldToEventLoop();
    throwIfAborted(signal);
    sliceStart = performance.now();
  };
}

/** Every grid point summed over every row, in float64: the CPU twin of the GPU kernel. */
export async function directSurfaceCpu(config: CheckedConfig, spec: SurfaceSpec, options: CpuSurfaceOptions = {}): Promise<Float32Array> {
  const { signal, onProgress } = options;
  const d = config.dataset.d;
  const n = Math.min(config.dataset.n, options.rows ?? Infinity);
  const rows = await packedRows(config.dataset, signal);
  const held = heldParameters(config.weights, config.bias, spec);
  const { resolution } = spec;
  const points = resolution * resolution;
  const xs = Float64Array.from({ length: resolution }, (_, i) => gridValue(spec.x, resolution, i));
  const ys = Float64Array.from({ length: resolution }, (_, j) => gridValue(spec.y, resolution, j));
  const sums = new Float64Array(points);
  const block = emptySurfaceBlock();
  const maybeYield = slicer(signal);
  for (let from = 0; from < n; from += SURFACE_BLOCK) {
    loadSurfaceBlock(rows, d, held, spec, from, n, block);
    for (let first = 0; first < points; first += POINTS_PER_PIECE) {
      addBlockToPoints(block, config.activation, config.loss, xs, ys, first, Math.min(points, first + POINTS_PER_PIECE), sums);
      await maybeYield();
    }
    onProgress?.(Math.min(n, from + SURFACE_BLOCK) / n);
  }
  return Float32Array.from(sums, (s) => s / n);
}

/** identity + mse from six float64 sums over the data (one pass), then each point in O(1). */
export async function closedFormSurfaceCpu(config: CheckedConfig, spec: SurfaceSpec, options: CpuSurfaceOptions = {}): Promise<Float32Array> {
  const { signal, onProgress } = options;
  const { n, d } = config.dataset;
  const rows = await packedRows(config.dataset, signal);
  const held = heldParameters(config.weights, config.bias, spec);
  const sums = emptyQuadraticSums();
  const maybeYield = slicer(signal);
  for (let from = 0; from < n; from += CLOSED_FORM_ROWS) {
    const to = Math.min(n, from + CLOSED_FORM_ROWS);
    addQuadraticSums(rows, d, held, spec, from, to, sums);
    onProgress?.(to / n);
    await maybeYield();
  }
  return closedFormSurface(sums, n, spec);
}
