/**
 * The neuron's math in float64: activations, losses and the derivative that drives
 * learning, dJ/dz for one sample. This is the CPU reference; shaders/neuron.wgsl is its
 * float32 twin and the GPU tests hold the two together.
 */
import type { Activation, LossKind } from './types';

/** Logistic function, written so that exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function activate(activation: Activation, z: number): number {
  switch (activation) {
    case 'identity':
      return z;
    case 'relu':
      return z > 0 ? z : 0;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return sigmoid(z);
  }
}

/** f'(z), given z and a = f(z). ReLU's derivative at 0 is taken as 0. */
export function activationDerivative(activation: Activation, z: number, a: number): number {
  switch (activation) {
    case 'identity':
      return 1;
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'tanh':
      return 1 - a * a;
    case 'sigmoid':
      return a * (1 - a);
  }
}

/** log(1 + e^z) without overflow for large z or loss of precision for very negative z. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Loss of one sample. `mse` is (a - y)^2; `bce` (sigmoid only) is computed from z as
 * softplus(z) - y*z, the same value as -(y log a + (1 - y) log(1 - a)) but finite for
 * any finite z.
 */
export function sampleLoss(loss: LossKind, activation: Activation, z: number, y: number): number {
  if (loss === 'bce') return softplus(z) - y * z;
  const diff = activate(activation, z) - y;
  return diff * diff;
}

/**
 * dJ/dz of one sample: dJ/da * f'(z). For sigmoid with bce the two factors cancel to
 * a - y, which is why the pair is computed from z.
 */
export function lossGradientAtZ(loss: LossKind, activation: Activation, z: number, y: number): number {
  const a = activate(activation, z);
  if (loss === 'bce') return a - y;
  return 2 * (a - y) * activationDerivative(activation, z, a);
}
