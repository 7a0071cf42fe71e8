/**
 * The surface of identity + mse from six sums over the data, without a pass per point.
 * With the axes' parameters p and q, the others held (h, the axes' entries zero), each
 * residual is r_i + p u_i + q v_i, where r_i = h·x_i + h_b - y_i and u_i, v_i are the
 * axes' inputs (a feature, or 1 for the bias). So
 *   J(p, q) = (S_rr + 2p S_ru + 2q S_rv + p² S_uu + 2pq S_uv + q² S_vv) / n,
 * the same number as the direct mean of squares, in float64: exact where the direct
 * sum is (no float32 step), and O(n d) once instead of O(n) per grid point.
 */
import { gridValue, paramIndex, type SurfaceSpec } from './surface';

/** [S_rr, S_ru, S_rv, S_uu, S_uv, S_vv]. */
export type QuadraticSums = Float64Array;

export function emptyQuadraticSums(): QuadraticSums {
  return new Float64Array(6);
}

/**
 * Adds rows [from, to) of packed `rows` (d features then the label) into `sums`;
 * `held` is [w_0 .. w_{d-1}, b] with the axes' entries zero (heldParameters()).
 */
export function addQuadraticSums(
  rows: Float32Array, d: number, held: Float64Array, spec: SurfaceSpec, from: number, to: number, sums: QuadraticSums,
): void {
  const stride = d + 1;
  const xi = paramIndex(spec.x.param, d);
  const yi = paramIndex(spec.y.param, d);
  let rr = 0, ru = 0, rv = 0, uu = 0, uv = 0, vv = 0;
  for (let row = from; row < to; row++) {
    const o = row * stride;
    let r = held[d] - rows[o + d];
    for (let j = 0; j < d; j++) r += held[j] * rows[o + j];
    const u = xi === d ? 1 : rows[o + xi];
    const v = yi === d ? 1 : rows[o + yi];
    rr += r * r; ru += r * u; rv += r * v; uu += u * u; uv += u * v; vv += v * v;
  }
  sums[0] += rr; sums[1] += ru; sums[2] += rv; sums[3] += uu; sums[4] += uv; sums[5] += vv;
}

/** The grid's values from the sums over all n rows. */
export function closedFormSurface(sums: QuadraticSums, n: number, spec: SurfaceSpec): Float32Array {
  const { resolution } = spec;
  const [rr, ru, rv, uu, uv, vv] = sums;
  const values = new Float32Array(resolution * resolution);
  for (let j = 0; j < resolution; j++) {
    const q = gridValue(spec.y, resolution, j);
    for (let i = 0; i < resolution; i++) {
      const p = gridValue(spec.x, resolution, i);
      // Never below zero: rounding in the expansion must not make a sum of squares negative.
      values[j * resolution + i] = Math.max(0, (rr + 2 * p * ru + 2 * q * rv + p * p * uu + 2 * p * q * uv + q * q * vv) / n);
    }
  }
  return values;
}
