/**
 * Float64 reference for the loss surface, independent of the engine's surface code: the
 * mean loss per sample at one grid point, one row at a time through neuron-math's
 * sampleLoss, and the scale against which float32 error is measured there.
 */
import { makeDataset, type TrainConfig } from '../../src/index';
import { activate, lossGradientAtZ, sampleLoss, softplus } from '../../src/engine/neuron-math';
import { gridValue, type SurfaceSpec } from '../../src/engine/surface';
import { checkTrainConfig } from '../../src/engine/validate';

export interface ReferencePoint {
  /** Mean loss per sample. */
  loss: number;
  /**
   * S = mean_i (M_i + |dJ/dz_i| (|b| + sum_j |w_j x_ij|)): float32 rounds each z (relative
   * 2^-24 per term, moving the loss by dJ/dz times that) and each step of the loss, whose
   * error is relative to the largest number it passes through, M_i: for mse
   * 2 |a - y| (|a| + |y|) (a - y is rounded, then squared), for bce softplus(z) + |y z| + 1
   * (the loss is their difference, which cancels where the loss is small, and the WGSL
   * softplus takes log(1 + t) of 1 + t rounded: absolute 2^-24, no log1p in WGSL). So the float32
   * value of one point is within a small multiple of 2^-24 S.
   */
  scale: number;
}

/** J at grid point (i, j) of `spec`, with every other parameter at the configuration's initial value. */
export function referencePoint(config: TrainConfig, spec: SurfaceSpec, i: number, j: number): ReferencePoint {
  const c = checkTrainConfig(config);
  const { x, y, n, d } = makeDataset(config.dataset);
  const params = [...c.weights, c.bias];
  const at = (param: number | 'bias') => (param === 'bias' ? d : param);
  params[at(spec.x.param)] = gridValue(spec.x, spec.resolution, i);
  params[at(spec.y.param)] = gridValue(spec.y, spec.resolution, j);
  let loss = 0;
  let scale = 0;
  for (let r = 0; r < n; r++) {
    let z = params[d];
    let magnitude = Math.abs(params[d]);
    for (let k = 0; k < d; k++) {
      z += params[k] * x[r * d + k];
      magnitude += Math.abs(params[k] * x[r * d + k]);
    }
    const l = sampleLoss(c.loss, c.activation, z, y[r]);
    loss += l;
    const a = activate(c.activation, z);
    const steps = c.loss === 'bce' ? softplus(z) + Math.abs(y[r] * z) + 1 : 2 * Math.abs(a - y[r]) * (Math.abs(a) + Math.abs(y[r]));
    scale += Math.abs(l) + steps + Math.abs(lossGradientAtZ(c.loss, c.activation, z, y[r])) * magnitude;
  }
  return { loss: loss / n, scale: scale / n };
}

/** A few grid points, the corners and some drawn from `seed`. */
export function samplePoints(resolution: number, count: number, seed: number): [number, number][] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % resolution;
  };
  const last = resolution - 1;
  return [[0, 0], [last, last], [0, last], ...Array.from({ length: count }, () => [next(), next()] as [number, number])];
}
