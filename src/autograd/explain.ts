/**
 * Builds one neuron (and optionally its loss on one sample) out of `Value` nodes, runs
 * backward, and returns every node with its value and gradient: the computation graph
 * a page can draw to show where each weight's gradient comes from.
 */
import { ConfigError, mustBe } from '../engine/errors';
import { ACTIVATIONS, type Activation } from '../engine/functions/activations';
import { LOSSES, lossAccepts, lossFunction, type LossKind } from '../engine/functions/losses';
import { Value, topologicalOrder } from './value';

/** The activations explain() accepts: every one the engine trains with. */
export type ExplainActivation = Activation;

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
  loss?: { kind: LossKind; target: number };
}

/** What a node is in the neuron, so a view never has to guess it from a label. */
export type NodeRole =
  | 'input' | 'weight' | 'bias' | 'target'
  /** x_i·w_i */
  | 'product'
  /** A running sum of the products. */
  | 'sum'
  /** z = w·x + b */
  | 'z'
  /** a = f(z) */
  | 'activation'
  /** A step of the loss between its inputs and the loss itself (a − y, softplus(z), y·z). */
  | 'loss-term'
  | 'loss';

export interface ExplainNode {
  /** Unique within one explanation: 'n0', 'n1', ... in forward order. */
  id: string;
  /** The operation ('+', '*', an activation's name, ...; '' for a leaf). */
  op: string;
  role: NodeRole;
  /** Human-readable name: 'x1', 'w1', 'x1·w1', 'z', 'a', 'loss', ... */
  label: string;
  value: number;
  /** d(loss)/d(node), or d(a)/d(node) without a loss. */
  grad: number;
  /** Ids of the operands, each listed earlier in `nodes`. */
  parents: string[];
  /** ∂(node)/∂(parents[i]), the local derivative the autograd applied, aligned with `parents`. */
  local: number[];
}

export interface Explanation {
  /** The activation a = f(z). */
  output: number;
  grads: { inputs: number[]; weights: number[]; bias: number };
  /** Every node, parents before children. */
  nodes: ExplainNode[];
}

/** Each loss as a graph of Value operations on the sample's a, z and target y. */
const LOSS_GRAPHS: Record<LossKind, (a: Value, z: Value, y: Value) => Value> = {
  mse: (a, _z, y) => a.sub(y).named('a − y').pow(2),
  // From z, as softplus(z) - y·z: the textbook formula's value, finite when a rounds to 0 or 1.
  bce: (_a, z, y) => z.softplus().named('softplus(z)').sub(y.mul(z).named('y·z')),
};

function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNumbers(field: string, v: unknown): number[] {
  if (!Array.isArray(v) || v.length === 0) throw mustBe(field, 'a non-empty array of finite numbers', v);
  // By index, so a sparse array's holes are refused too.
  for (let i = 0; i < v.length; i++) checkFinite(`${field}[${i}]`, v[i]);
  return v as number[];
}

function checkFinite(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw mustBe(field, 'a finite number', v);
  return v;
}

function rejectUnknown(where: string, value: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(`${where}${key}`, `${where}${key || '(an empty name)'} is not a field of the neuron; allowed: ${allowed.join(', ')}`);
    }
  }
}

/** Throws a ConfigError naming the field (ConfigError / mustBe, as the engine's validation); returns a clean copy. */
function validate(neuron: unknown): NeuronToExplain {
  if (!isRecord(neuron)) throw mustBe('neuron', 'an object with inputs, weights, bias, activation', neuron);
  rejectUnknown('', neuron, ['inputs', 'weights', 'bias', 'activation', 'loss']);
  const inputs = checkNumbers('inputs', neuron.inputs);
  const weights = checkNumbers('weights', neuron.weights);
  if (weights.length !== inputs.length) throw mustBe('weights', `an array as long as inputs (${inputs.length})`, weights);
  const bias = checkFinite('bias', neuron.bias);
  const activation = neuron.activation as Activation;
  if (!ACTIVATIONS.includes(activation)) throw mustBe('activation', `one of ${quoted(ACTIVATIONS)}`, neuron.activation);
  if (neuron.loss === undefined) return { inputs, weights, bias, activation };

  const loss = neuron.loss;
  if (!isRecord(loss)) throw mustBe('loss', 'an object { kind, target } or left out', loss);
  rejectUnknown('loss.', loss, ['kind', 'target']);
  const kind = loss.kind as LossKind;
  if (!LOSSES.includes(kind)) throw mustBe('loss.kind', `one of ${quoted(LOSSES)}`, loss.kind);
  const target = checkFinite('loss.target', loss.target);
  if (!lossAccepts(kind, activation)) {
    const fitting = quoted(LOSSES.filter((l) => lossAccepts(l, activation)));
    throw mustBe('loss.kind', `${fitting} with activation '${activation}' ('${kind}' needs activation ${quoted(lossFunction(kind).onlyWith ?? [])})`, kind);
  }
  if (lossFunction(kind).binaryTargets && (target < 0 || target > 1)) {
    throw mustBe('loss.target', `a number from 0 to 1 for ${kind}`, target);
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
 * @throws ConfigError naming the field (`mustBe`'s "field must be …; got …"), for
 *   invalid input or values that overflow float64.
 */
export function explain(neuron: NeuronToExplain): Explanation {
  const { inputs, weights, bias, activation, loss } = validate(neuron);

  const xs = inputs.map((x, i) => new Value(x, `x${i + 1}`));
  const ws = weights.map((w, i) => new Value(w, `w${i + 1}`));
  const terms = xs.map((x, i) => x.mul(ws[i]).named(`x${i + 1}·w${i + 1}`));
  const roles = new Map<Value, NodeRole>([
    ...xs.map((x) => [x, 'input'] as const), ...ws.map((w) => [w, 'weight'] as const), ...terms.map((t) => [t, 'product'] as const),
  ]);
  // A running sum, one '+' node per term, as a hand-drawn graph would show it.
  let sum = terms[0];
  for (let k = 2; k <= terms.length; k++) {
    const name = k <= 3 ? terms.slice(0, k).map((t) => t.label).join(' + ') : `x1·w1 + … + x${k}·w${k}`;
    sum = sum.add(terms[k - 1]).named(name);
    roles.set(sum, 'sum');
  }
  const b = new Value(bias, 'b');
  const z = sum.add(b).named('z');
  const a = z.activate(activation).named('a');
  roles.set(b, 'bias').set(z, 'z').set(a, 'activation');

  let root = a;
  if (loss) {
    const y = new Value(loss.target, 'y');
    root = LOSS_GRAPHS[loss.kind](a, z, y).named('loss');
    roles.set(y, 'target').set(root, 'loss');
  }
  root.backward();

  // a first, so it is listed even when the loss (bce) does not depend on it.
  const order = topologicalOrder([a, root]);
  const bad = order.find((v) => !Number.isFinite(v.data) || !Number.isFinite(v.grad));
  if (bad) {
    // Name what the person typed: the loss target when only the loss part overflowed.
    const lossOnly = loss !== undefined && Number.isFinite(a.data) && order.indexOf(bad) > order.indexOf(a);
    const overflow = `every value stays finite (${bad.label} overflowed: value ${bad.data}, grad ${bad.grad})`;
    throw lossOnly
      ? mustBe('loss.target', `small enough that ${overflow}`, loss.target)
      : mustBe('inputs', `small enough (with the weights and bias) that ${overflow}`, inputs);
  }
  const ids = new Map(order.map((v, i) => [v, `n${i}`]));
  return {
    output: a.data,
    grads: { inputs: xs.map((x) => x.grad), weights: ws.map((w) => w.grad), bias: b.grad },
    nodes: order.map((v) => ({
      id: ids.get(v)!,
      op: v.op,
      role: roles.get(v) ?? 'loss-term',
      label: v.label,
      value: v.data,
      grad: v.grad,
      parents: v.parents.map((p) => ids.get(p)!),
      local: [...v.local],
    })),
  };
}
