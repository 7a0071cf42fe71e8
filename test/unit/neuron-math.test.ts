import { describe, expect, test } from 'vitest';
import {
  activate, activationDerivative, lossGradientAtZ, sampleLoss, sigmoid, softplus,
} from '../../src/engine/neuron-math';
import { lossFunction, NEURON_PAIRS } from '../../src/engine/functions/losses';
import { ACTIVATIONS } from '../../src/engine/types';

// Central differences in float64 with h = 1e-6: truncation error ~h^2 * f''' ~ 1e-12 and
// rounding error ~1e-16 * |f| / h ~ 1e-10 for |f| < 100, so 1e-7 relative to max(1, |g|)
// is loose enough to be reliable and tight enough to catch a wrong factor of 2.
const H = 1e-6;
const TOL = 1e-7;
const central = (f: (v: number) => number, v: number) => (f(v + H) - f(v - H)) / (2 * H);
const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(want)));

// Points away from ReLU's kink at 0, where the derivative is not defined.
const POINTS = [-7.5, -2, -0.3, 0.2, 1, 3.7, 8];

describe('activations', () => {
  for (const activation of ACTIVATIONS) {
    test(`${activation}: derivative matches finite differences`, () => {
      for (const z of POINTS) {
        close(activationDerivative(activation, z), central((v) => activate(activation, v), z));
      }
    });
  }
  test('known values', () => {
    expect(activate('relu', -3)).toBe(0);
    expect(activate('relu', 2.5)).toBe(2.5);
    expect(activate('tanh', 0.8813735870195432)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(sigmoid(0)).toBe(0.5);
    expect(activationDerivative('relu', 0)).toBe(0);
  });
  test('sigmoid and softplus never overflow', () => {
    for (const z of [-5000, -800, 800, 5000]) {
      expect(Number.isFinite(sigmoid(z))).toBe(true);
      expect(Number.isFinite(softplus(z))).toBe(true);
    }
    expect(sigmoid(-5000)).toBe(0);
    expect(sigmoid(5000)).toBe(1);
    expect(softplus(5000)).toBe(5000);
    expect(softplus(-40)).toBeCloseTo(Math.exp(-40), 25);
  });
});

describe('losses', () => {
  for (const [activation, loss] of NEURON_PAIRS) {
    test(`${activation} + ${loss}: dJ/dz matches finite differences of the loss`, () => {
      for (const z of POINTS) {
        for (const y of lossFunction(loss).binaryTargets ? [0, 1, 0.25] : [-1.5, 0, 2]) {
          close(lossGradientAtZ(loss, activation, z, y), central((v) => sampleLoss(loss, activation, v, y), z));
        }
      }
    });
  }
  test('bce equals the textbook formula where that is finite', () => {
    for (const z of [-4, -0.5, 0, 1.5, 6]) {
      for (const y of [0, 1, 0.3]) {
        const a = sigmoid(z);
        const textbook = -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
        expect(sampleLoss('bce', 'sigmoid', z, y)).toBeCloseTo(textbook, 10);
      }
    }
  });
  test('bce stays finite for |z| in the thousands', () => {
    for (const z of [-3000, 3000]) {
      for (const y of [0, 1]) {
        expect(Number.isFinite(sampleLoss('bce', 'sigmoid', z, y))).toBe(true);
        expect(Number.isFinite(lossGradientAtZ('bce', 'sigmoid', z, y))).toBe(true);
      }
    }
    expect(sampleLoss('bce', 'sigmoid', 3000, 0)).toBe(3000);
    expect(lossGradientAtZ('bce', 'sigmoid', -3000, 1)).toBe(-1);
  });
  test('mse is the squared error with derivative 2(a - y) f\'(z)', () => {
    expect(sampleLoss('mse', 'identity', 3, 1)).toBe(4);
    expect(lossGradientAtZ('mse', 'identity', 3, 1)).toBe(4);
    expect(lossGradientAtZ('mse', 'relu', -1, 1) === 0).toBe(true);
  });
});
