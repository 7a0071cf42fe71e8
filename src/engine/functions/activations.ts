/**
 * Every activation a = f(z), defined once: its float64 value and slope (the CPU's
 * reference), its float32 WGSL twin, its label, and how the explainer writes it. The
 * engine's `Activation` type and `ACTIVATIONS` list, the CPU kernel, the shaders, the
 * autograd, the page's choices and the test matrices are all derived from this table.
 *
 * The WGSL forms are written in terms of t = e^-|z| (e^-2|z| for tanh): 1 - a² and
 * a(1 - a) cancel to 0 in float32 once a rounds to ±1 (|z| > 9 for tanh), where the true
 * slope is still 1e-8 and the float64 CPU keeps following it.
 */
import type { ActivationFunction } from './shape';

/** Leaky ReLU's slope below zero. */
const LEAK = 0.01;

const ACTIVATION_FUNCTIONS = {
  identity: {
    label: 'Identity',
    evaluate(_za, slope, count) {
      slope.fill(1, 0, count);
    },
    wgsl: 'return vec2f(z, 1.0);',
    halfway: 0.5,
    notation: {
      symbol: 'id',
      ofName: (z) => z,
      ofNumber: (z) => z,
      slope: '1',
      slopeWorked: (w) => w.show(w.local),
    },
  },
  relu: {
    label: 'ReLU',
    // The derivative at exactly 0 is taken as 0.
    evaluate(za, slope, count) {
      for (let i = 0; i < count; i++) {
        const on = za[i] > 0;
        if (!on) za[i] = 0;
        slope[i] = on ? 1 : 0;
      }
    },
    wgsl: 'return vec2f(max(z, 0.0), select(0.0, 1.0, z > 0.0));',
    halfway: 0.5,
    notation: {
      symbol: 'relu',
      ofName: (z) => `relu(${z})`,
      ofNumber: (z) => `max(0, ${z})`,
      slope: '1 if z > 0, else 0',
      slopeWorked: (w) => `${w.show(w.local)} (${w.z} ${w.zValue > 0 ? '>' : '≤'} 0)`,
    },
  },
  tanh: {
    label: 'tanh',
    evaluate(za, slope, count) {
      for (let i = 0; i < count; i++) {
        const t = Math.tanh(za[i]);
        za[i] = t;
        slope[i] = 1 - t * t;
      }
    },
    // tanh saturates to ±1 in float32 beyond 9; clamping keeps drivers that compute it
    // from exp(2z) away from inf/inf.
    wgsl: [
      'let t = exp(-2.0 * abs(z));',
      'return vec2f(tanh(clamp(z, -20.0, 20.0)), 4.0 * t / ((1.0 + t) * (1.0 + t)));',
    ].join('\n'),
    halfway: Math.atanh(0.5),
    notation: {
      symbol: 'tanh',
      ofName: (z) => `tanh(${z})`,
      ofNumber: (z) => `tanh(${z})`,
      slope: '1 − a²',
      slopeWorked: (w) => `1 − ${w.a}² = 1 − ${w.operand(w.aValue)}² = ${w.show(w.local)}`,
    },
  },
  sigmoid: {
    label: 'Sigmoid',
    // 1 / (1 + e^-z), written so that exp never overflows.
    evaluate(za, slope, count) {
      for (let i = 0; i < count; i++) {
        const z = za[i];
        const e = Math.exp(-Math.abs(z));
        const s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        za[i] = s;
        slope[i] = s * (1 - s);
      }
    },
    wgsl: [
      'let t = exp(-abs(z));',
      'return vec2f(sigmoidFrom(z, t), t / ((1.0 + t) * (1.0 + t)));',
    ].join('\n'),
    halfway: 0,
    notation: {
      symbol: 'σ',
      ofName: (z) => `σ(${z})`,
      ofNumber: (z) => `σ(${z})`,
      slope: 'a(1 − a)',
      slopeWorked: (w) =>
        `${w.a}·(1 − ${w.a}) = ${w.operand(w.aValue)} × ${w.operand(1 - w.aValue)} = ${w.show(w.local)}`,
    },
  },
  leakyRelu: {
    label: 'Leaky ReLU',
    // ReLU that lets 1% through below zero, so a neuron pushed there still learns. The
    // slope at exactly 0 is taken from the left, as ReLU's is.
    evaluate(za, slope, count) {
      for (let i = 0; i < count; i++) {
        const on = za[i] > 0;
        if (!on) za[i] *= LEAK;
        slope[i] = on ? 1 : LEAK;
      }
    },
    wgsl: `return select(vec2f(${LEAK} * z, ${LEAK}), vec2f(z, 1.0), z > 0.0);`,
    halfway: 0.5,
    notation: {
      symbol: 'lrelu',
      ofName: (z) => `leakyRelu(${z})`,
      ofNumber: (z) => `leakyRelu(${z})`,
      slope: `1 if z > 0, else ${LEAK}`,
      slopeWorked: (w) => `${w.show(w.local)} (${w.z} ${w.zValue > 0 ? '>' : '≤'} 0)`,
    },
  },
} satisfies Record<string, ActivationFunction>;

export type Activation = keyof typeof ACTIVATION_FUNCTIONS;

/** The activations in the order the page lists them. */
export const ACTIVATIONS = Object.keys(ACTIVATION_FUNCTIONS) as readonly Activation[];

export function activationFunction(activation: Activation): ActivationFunction {
  return ACTIVATION_FUNCTIONS[activation];
}

/** One sample's z (then a) and f′(z), for the scalar helpers below. */
const one = { za: new Float64Array(1), slope: new Float64Array(1) };

/** a = f(z) and f′(z) of one sample, in float64. */
export function activateOne(activation: Activation, z: number): { a: number; slope: number } {
  one.za[0] = z;
  activationFunction(activation).evaluate(one.za, one.slope, 1);
  return { a: one.za[0], slope: one.slope[0] };
}

/** Logistic function in float64, written so that exp never overflows. */
export function sigmoid(z: number): number {
  return activateOne('sigmoid', z).a;
}

/**
 * WGSL helpers the snippets above and the losses share; sigmoid and cross-entropy share
 * one t, so a sample costs one exp (and a log for the loss).
 */
export const WGSL_HELPERS = `// sigmoid(z) from t = e^-|z|.
fn sigmoidFrom(z: f32, t: f32) -> f32 {
  return select(t, 1.0, z >= 0.0) / (1.0 + t);
}

// log(1 + e^z) from t = e^-|z|, for any finite z; log1p is not a WGSL builtin, so small t
// uses its series.
fn softplusFrom(z: f32, t: f32) -> f32 {
  return max(z, 0.0) + select(log(1.0 + t), t * (1.0 - 0.5 * t), t < 1e-4);
}`;
