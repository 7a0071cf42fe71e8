/**
 * Builds one neuron (and optionally its loss on one sample) out of `Value` nodes, runs
 * backward, and returns every node with its value and gradient: the computation graph
 * a page can draw to show where each weight's gradient comes from.
 */
import { ConfigError } from '../engine/errors';
import { Value, topologicalOrder } from './value';

export type ExplainActivation = 'identity' | 'relu' | 'tanh' | 'sigmoid';

const ACTIVATIONS: readonly ExplainActivation[] = ['identity', 'relu', 'tanh', 'sigmoid'];
const LOSS_KINDS = ['mse', 'bce'] as const;

export interface NeuronToExplain {
  /** The sample's features x1..xn (n >= 1). */
  inputs: number[];
  /** One weight per input. */
  weights: number[];
  bias: number;
  activation: ExplainActivation;
  /**
   * Loss on this one sample. mse: (a - y)². bce: -(y·log a + (1-y)·log(1-a)), which needs
   * activation 'sigmoid' and y in [0, 1]. Without it, the gradient arriving at a is 1.
   */
  loss?: { kind: 'mse' | 'bce'; target: number };
}

export interface ExplainNode {
  /** Unique within one explanation: 'n0', 'n1', ... in forward order. */
  id: string;
  /** The operation ('+', '*', 'tanh', ...; '' for a leaf). */
  op: string;
  /** Human-readable name: 'x1', 'w1', 'x1·w1', 'z', 'a', 'loss', ... */
  label: string;
  value: number;
  /** d(loss)/d(node), or d(a)/d(node) without a loss. */
  grad: number;
  /** Ids of the operands, each listed earlier in `nodes`. */
  parents: string[];
}

export interface Explanation {
  /** The activation a = f(z). */
  output: number;
  grads: { inputs: number[]; weights: number[]; bias: number };
  /** Every node, parents before children. */
  nodes: ExplainNode[];
}

/** How a bad value reads in an error message. */
function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v === null || typeof v !== 'object') return String(v);
  return 'an object';
}

function checkNumbers(field: string, v: unknown): number[] {
  const ok = Array.isArray(v) && v.length > 0;
  const bad = ok ? v.findIndex((e) => typeof e !== 'number' || !Number.isFinite(e)) : -1;
  if (!ok || bad >= 0) {
    const got = ok ? `${field}[${bad}] is ${show(v[bad])}` : `got ${show(v)}`;
    throw new ConfigError(ok ? `${field}[${bad}]` : field, `${field} must be a non-empty array of finite numbers; ${got}`);
  }
  return v as number[];
}

function checkFinite(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ConfigError(field, `${field} must be a finite number; got ${show(v)}`);
  }
  return v;
}

function rejectUnknown(where: string, value: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(`${where}${key}`, `${where}${key || '(an empty name)'} is not a field of the neuron; allowed: ${allowed.join(', ')}`);
    }
  }
}

/** Throws a ConfigError whose message starts with the offending field; returns a clean copy. */
function validate(neuron: unknown): NeuronToExplain {
  if (neuron === null || typeof neuron !== 'object' || Array.isArray(neuron)) {
    throw new ConfigError('neuron', `neuron must be an object with inputs, weights, bias, activation; got ${show(neuron)}`);
  }
  const n = neuron as Record<string, unknown>;
  rejectUnknown('', n, ['inputs', 'weights', 'bias', 'activation', 'loss']);
  const inputs = checkNumbers('inputs', n.inputs);
  const weights = checkNumbers('weights', n.weights);
  if (weights.length !== inputs.length) {
    throw new ConfigError('weights', `weights must have the same length as inputs (${inputs.length}); got ${weights.length}`);
  }
  const bias = checkFinite('bias', n.bias);
  const activation = n.activation as ExplainActivation;
  if (!ACTIVATIONS.includes(activation)) {
    throw new ConfigError('activation', `activation must be one of ${ACTIVATIONS.join(', ')}; got ${show(n.activation)}`);
  }
  if (n.loss === undefined) return { inputs, weights, bias, activation };

  const loss = n.loss as Record<string, unknown> | null;
  if (loss === null || typeof loss !== 'object' || Array.isArray(loss)) {
    throw new ConfigError('loss', `loss must be an object { kind, target } or left out; got ${show(loss)}`);
  }
  rejectUnknown('loss.', loss, ['kind', 'target']);
  const kind = loss.kind as 'mse' | 'bce';
  if (!LOSS_KINDS.includes(kind)) {
    throw new ConfigError('loss.kind', `loss.kind must be one of ${LOSS_KINDS.join(', ')}; got ${show(loss.kind)}`);
  }
  const target = checkFinite('loss.target', loss.target);
  if (kind === 'bce' && activation !== 'sigmoid') {
    throw new ConfigError('loss.kind', `loss.kind 'bce' requires activation 'sigmoid'; got '${activation}'`);
  }
  if (kind === 'bce' && (target < 0 || target > 1)) {
    throw new ConfigError('loss.target', `loss.target must be in [0, 1] for bce; got ${target}`);
  }
  return { inputs, weights, bias, activation, loss: { kind, target } };
}

/**
 * Computes the neuron's output and the gradient of every node (with respect to the
 * loss, or to the output when there is no loss).
 *
 * With bce the loss is written from z, as softplus(z) - y·z, which equals the textbook
 * formula but stays finite when a rounds to 0 or 1 (|z| in the thousands). The gradient
 * then reaches z directly (dz = sigmoid(z) - y) and the node a, drawn as the output,
 * keeps grad 0: the loss does not read it.
 * @throws ConfigError naming the field, for invalid input or values that overflow float64.
 */
export function explain(neuron: NeuronToExplain): Explanation {
  const { inputs, weights, bias, activation, loss } = validate(neuron);

  const xs = inputs.map((x, i) => new Value(x, `x${i + 1}`));
  const ws = weights.map((w, i) => new Value(w, `w${i + 1}`));
  const terms = xs.map((x, i) => x.mul(ws[i]).named(`x${i + 1}·w${i + 1}`));
  // A running sum, one '+' node per term, as a hand-drawn graph would show it.
  let sum = terms[0];
  for (let k = 2; k <= terms.length; k++) {
    const name = k <= 3 ? terms.slice(0, k).map((t) => t.label).join(' + ') : `x1·w1 + … + x${k}·w${k}`;
    sum = sum.add(terms[k - 1]).named(name);
  }
  const b = new Value(bias, 'b');
  const z = sum.add(b).named('z');
  const a = z[activation]().named('a');

  let root = a;
  if (loss) {
    const y = new Value(loss.target, 'y');
    root =
      loss.kind === 'mse'
        ? a.sub(y).named('a − y').pow(2).named('loss')
        : z.softplus().named('softplus(z)').sub(y.mul(z).named('y·z')).named('loss');
  }
  root.backward();

  // a first, so it is listed even when the loss (bce) does not depend on it.
  const order = topologicalOrder([a, root]);
  const bad = order.find((v) => !Number.isFinite(v.data) || !Number.isFinite(v.grad));
  if (bad) {
    // Name what the person typed: the loss target when only the loss part overflowed.
    const lossOnly = loss && !a.data.toString().match(/Infinity|NaN/) && order.indexOf(bad) > order.indexOf(a);
    const field = lossOnly ? 'loss.target' : 'inputs, weights and bias';
    throw new ConfigError(lossOnly ? 'loss.target' : 'inputs',
      `${field} must keep every value finite; ${bad.label} overflowed (value ${bad.data}, grad ${bad.grad})`);
  }
  const ids = new Map(order.map((v, i) => [v, `n${i}`]));
  return {
    output: a.data,
    grads: { inputs: xs.map((x) => x.grad), weights: ws.map((w) => w.grad), bias: b.grad },
    nodes: order.map((v) => ({
      id: ids.get(v)!,
      op: v.op,
      label: v.label,
      value: v.data,
      grad: v.grad,
      parents: v.parents.map((p) => ids.get(p)!),
    })),
  };
}
