/**
 * Every loss, defined once: its float64 value and dJ/dz for one sample (the CPU's
 * reference), its float32 WGSL twin, its label, and which activations it accepts.
 * Validation, the page's loss choices, the CPU kernel and the shaders derive from it.
 */
import { ACTIVATIONS, activationFunction, type Activation } from './activations';
import type { LossFunction } from './shape';

/** f′(z) of a block, for losses that go through the activation; grown on demand. */
let slopes = new Float64Array(256);

const LOSS_FUNCTIONS = {
  mse: {
    label: 'Squared error',
    binaryTargets: false,
    // (a - y)², with dJ/dz = 2(a - y) f′(z).
    block(f, z, y, count) {
      if (slopes.length < count) slopes = new Float64Array(count);
      const slope = slopes;
      f.evaluate(z, slope, count); // z becomes a
      let sum = 0;
      for (let i = 0; i < count; i++) {
        const diff = z[i] - y[i];
        z[i] = 2 * diff * slope[i];
        sum += diff * diff;
      }
      return sum;
    },
    slopeAtOutput: (a, y) => 2 * (a - y),
    wgsl: [
      'let f = activationAndSlope(z);',
      'let diff = f.x - y;',
      'return vec2f(2.0 * diff * f.y, diff * diff);',
    ].join('\n'),
  },
  bce: {
    label: 'Cross-entropy',
    onlyWith: ['sigmoid'],
    binaryTargets: true,
    // Computed from z as softplus(z) - y z, the same value as -(y log a + (1 - y) log(1 - a))
    // but finite for any finite z; dJ/da · f′(z) cancels to sigmoid(z) - y. One exp for both.
    block(_f, z, y, count) {
      let sum = 0;
      for (let i = 0; i < count; i++) {
        const v = z[i];
        const e = Math.exp(-Math.abs(v));
        z[i] = (v >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i];
        sum += (v > 0 ? v : 0) + Math.log1p(e) - y[i] * v;
      }
      return sum;
    },
    slopeAtOutput: (a, y) => (a - y) / (a * (1 - a)),
    wgsl: [
      'let t = exp(-abs(z));',
      'return vec2f(sigmoidFrom(z, t) - y, softplusFrom(z, t) - y * z);',
    ].join('\n'),
  },
} satisfies Record<string, LossFunction>;

export type LossKind = keyof typeof LOSS_FUNCTIONS;

export const LOSSES = Object.keys(LOSS_FUNCTIONS) as readonly LossKind[];

export function lossFunction(loss: LossKind): LossFunction {
  return LOSS_FUNCTIONS[loss];
}

/** Whether the loss is valid with this activation (bce only with sigmoid). */
export function lossAccepts(loss: LossKind, activation: Activation): boolean {
  const only = lossFunction(loss).onlyWith;
  return only === undefined || only.includes(activation);
}

/** One sample's z (then dJ/dz) and target, for `lossOne`. */
const one = { z: new Float64Array(1), y: new Float64Array(1) };

/** dJ/dz and the loss of one sample, in float64. */
export function lossOne(loss: LossKind, activation: Activation, z: number, y: number): { dz: number; loss: number } {
  one.z[0] = z;
  one.y[0] = y;
  const value = lossFunction(loss).block(activationFunction(activation), one.z, one.y, 1);
  return { dz: one.z[0], loss: value };
}

/** Every valid (activation, loss) pair, loss by loss: the matrix the tests run. */
export const NEURON_PAIRS: readonly (readonly [Activation, LossKind])[] = LOSSES.flatMap((loss) =>
  ACTIVATIONS.filter((activation) => lossAccepts(loss, activation)).map((activation) => [activation, loss] as const));
