/**
 * The CPU's loss surface loop: for a block of rows, z at the held parameters and the two
 * axes' inputs once, then for each grid point z + p u + q v through the loss table's block
 * form (src/engine/functions/), in float64 over the float32 data, exactly as training
 * sums its losses. The twin of shaders/loss-surface.wgsl.
 */
import { activationFunction } from '../engine/functions/activations';
import { lossFunction } from '../engine/functions/losses';
import { paramIndex, type SurfaceSpec } from '../engine/surface';
import type { Activation, LossKind } from '../engine/types';

/** Rows per block: the block's arrays stay in a core's L1 cache. */
export const SURFACE_BLOCK = 256;

export interface SurfaceBlock {
  /** z at the held parameters (axes' entries zero), the axes' inputs and the labels of the block's rows. */
  zHeld: Float64Array;
  u: Float64Array;
  v: Float64Array;
  y: Float64Array;
  count: number;
}

export function emptySurfaceBlock(): SurfaceBlock {
  return {
    zHeld: new Float64Array(SURFACE_BLOCK), u: new Float64Array(SURFACE_BLOCK),
    v: new Float64Array(SURFACE_BLOCK), y: new Float64Array(SURFACE_BLOCK), count: 0,
  };
}

/** Loads rows [from, from + SURFACE_BLOCK) (or fewer, up to `to`) of packed `rows` into `block`. */
export function loadSurfaceBlock(
  rows: Float32Array, d: number, held: Float64Array, spec: SurfaceSpec, from: number, to: number, block: SurfaceBlock,
): void {
  const stride = d + 1;
  const xi = paramIndex(spec.x.param, d);
  const yi = paramIndex(spec.y.param, d);
  block.count = Math.min(SURFACE_BLOCK, to - from);
  for (let k = 0; k < block.count; k++) {
    const o = (from + k) * stride;
    let z = held[d];
    for (let j = 0; j < d; j++) z += held[j] * rows[o + j];
    block.zHeld[k] = z;
    block.u[k] = xi === d ? 1 : rows[o + xi];
    block.v[k] = yi === d ? 1 : rows[o + yi];
    block.y[k] = rows[o + d];
  }
}

const z = new Float64Array(SURFACE_BLOCK);

/**
 * Adds the block's summed loss at grid points [first, last) into `sums` (one per point,
 * point = j * resolution + i at (xs[i], ys[j])).
 */
export function addBlockToPoints(
  block: SurfaceBlock, activation: Activation, loss: LossKind,
  xs: Float64Array, ys: Float64Array, first: number, last: number, sums: Float64Array,
): void {
  const f = activationFunction(activation);
  const lossOf = lossFunction(loss);
  const { zHeld, u, v, y, count } = block;
  const resolution = xs.length;
  for (let point = first; point < last; point++) {
    const p = xs[point % resolution];
    const q = ys[Math.floor(point / resolution)];
    for (let k = 0; k < count; k++) z[k] = zHeld[k] + p * u[k] + q * v[k];
    sums[point] += lossOf.block(f, z, y, count);
  }
}
