/**
 * The neuron's math in float64, one sample at a time: activations, losses and dJ/dz, the
 * derivative that drives learning. Every formula comes from the tables in
 * src/engine/functions/; this is the CPU reference the GPU tests hold the shaders to.
 */
import { activateOne, sigmoid } from './functions/activations';
import { lossOne } from './functions/losses';
import type { Activation, LossKind } from './types';

export { sigmoid };

export function activate(activation: Activation, z: number): number {
  return activateOne(activation, z).a;
}

/** f'(z) (a = f(z) is not needed: the table computes both from z). ReLU's derivative at 0 is taken as 0. */
export function activationDerivative(activation: Activation, z: number): number {
  return activateOne(activation, z).slope;
}

/** log(1 + e^z) without overflow for large z or loss of precision for very negative z. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Loss of one sample (bce from z, finite for any finite z). */
export function sampleLoss(loss: LossKind, activation: Activation, z: number, y: number): number {
  return lossOne(loss, activation, z, y).loss;
}

/** dJ/dz of one sample: dJ/da * f'(z), which for sigmoid with bce cancels to a - y. */
export function lossGradientAtZ(loss: LossKind, activation: Activation, z: number, y: number): number {
  return lossOne(loss, activation, z, y).dz;
}
