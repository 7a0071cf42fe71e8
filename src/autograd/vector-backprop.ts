/**
 * The neuron's backward pass for a whole batch at once, in float64, written the way the
 * vectorised derivation reads: Z = wX + b, A = f(Z), then dJ/dA, f'(Z), dJ/dZ = dJ/dA ⊙ f'(Z),
 * dJ/dw = dJ/dZ Xᵀ and dJ/db = Σ dJ/dZ. Every intermediate row is returned so a page can
 * show them as tables. The reduction factor (1/m for 'mean') is carried inside dJ/dA, so the
 * last two formulas hold exactly as written; the result equals what the engine's
 * `gradients()` reports for the same batch and parameters.
 */
import { activateOne } from '../engine/functions/activations';
import { lossAccepts, lossFunction, lossOne } from '../engine/functions/losses';
import type { Activation, LossKind, Reduction } from '../engine/types';

export interface VectorBatch {
  /** m samples of d features each (m >= 1, d >= 1); row i is sample i. */
  x: number[][];
  /** m targets. */
  y: number[];
  /** d weights. */
  weights: number[];
  bias: number;
  activation: Activation;
  /** 'mse': (a - y)² per sample. 'bce': cross-entropy from z, sigmoid only. */
  loss: LossKind;
  /** How per-sample losses combine into J (default 'mean', as in the engine). */
  reduction?: Reduction;
}

export interface VectorBackprop {
  /** Number of samples. */
  m: number;
  /** Number of features. */
  d: number;
  reduction: Reduction;
  /** The factor in J = scale · Σ loss_i: 1/m for 'mean', 1 for 'sum'. */
  scale: number;
  /** z_i = w · x_i + b. */
  z: number[];
  /** a_i = f(z_i). */
  a: number[];
  /** loss_i of each sample (unscaled). */
  losses: number[];
  /** J = scale · Σ loss_i. */
  cost: number;
  /**
   * dJ/da_i = scale · dloss_i/da_i. For bce this is (a - y)/(a(1 - a)) · scale, which is
   * infinite or NaN when a rounds to 0 or 1; dJ/dz below never goes through it.
   */
  dJda: number[];
  /** f'(z_i). */
  fPrime: number[];
  /**
   * dJ/dz_i = dJ/da_i · f'(z_i), as the loss table computes it (scale · dJ/dz of the
   * sample). For bce that is the simplified product scale · (a_i - y_i), so it stays
   * finite where dJ/da does not.
   */
  dJdz: number[];
  /** dJ/dw_j = Σ_i dJ/dz_i · x_ij (dJ/dZ Xᵀ). */
  dJdw: number[];
  /** dJ/db = Σ_i dJ/dz_i. */
  dJdb: number;
}

/** Throws an Error naming the field when the batch cannot be computed. */
function check(batch: VectorBatch): { m: number; d: number } {
  const m = batch.x.length;
  if (m < 1) throw new Error('x must hold at least one sample');
  const d = batch.weights.length;
  if (d < 1) throw new Error('weights must hold at least one weight');
  batch.x.forEach((row, i) => {
    if (row.length !== d) throw new Error(`x[${i}] must have ${d} features (one per weight); got ${row.length}`);
  });
  if (batch.y.length !== m) throw new Error(`y must have one target per sample (${m}); got ${batch.y.length}`);
  if (!lossAccepts(batch.loss, batch.activation)) {
    const only = lossFunction(batch.loss).onlyWith?.map((a) => `'${a}'`).join(' or ');
    throw new Error(`loss '${batch.loss}' requires activation ${only}; got '${batch.activation}'`);
  }
  return { m, d };
}

/** Forward and backward pass over the batch; see `VectorBackprop` for each row. */
export function vectorBackprop(batch: VectorBatch): VectorBackprop {
  const { m, d } = check(batch);
  const { x, y, weights, bias, activation, loss } = batch;
  const reduction = batch.reduction ?? 'mean';
  const scale = reduction === 'mean' ? 1 / m : 1;

  const z = x.map((row) => row.reduce((s, xj, j) => s + weights[j] * xj, bias));
  const neuron = z.map((zi) => activateOne(activation, zi));
  const a = neuron.map((n) => n.a);
  const fPrime = neuron.map((n) => n.slope);
  const samples = z.map((zi, i) => lossOne(loss, activation, zi, y[i]));
  const losses = samples.map((s) => s.loss);
  const dJda = a.map((ai, i) => scale * lossFunction(loss).slopeAtOutput(ai, y[i]));
  const dJdz = samples.map((s) => scale * s.dz);

  const dJdw = new Array<number>(d).fill(0);
  let dJdb = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < d; j++) dJdw[j] += dJdz[i] * x[i][j];
    dJdb += dJdz[i];
  }
  const cost = scale * losses.reduce((s, l) => s + l, 0);
  return { m, d, reduction, scale, z, a, losses, cost, dJda, fPrime, dJdz, dJdw, dJdb };
}
