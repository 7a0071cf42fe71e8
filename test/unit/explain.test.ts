import { test, expect, describe } from 'vitest';
import { explain, type NeuronToExplain } from '../../src/autograd/explain';
import { ConfigError } from '../../src/engine/errors';
import { activate } from '../../src/engine/neuron-math';
import { ACTIVATIONS, type Activation } from '../../src/engine/types';

const lossNode = (e: ReturnType<typeof explain>) => e.nodes.find((n) => n.role === 'loss')!;

describe('explain: the two worked examples', () => {
  test('preset 1 (ReLU): exact values and gradients', () => {
    const e = explain({ inputs: [1, -2, 3], weights: [-3, -1, 2], bias: 1, activation: 'relu' });
    expect(e.nodes.find((n) => n.label === 'z')!.value).toBe(6);
    expect(e.output).toBe(6);
    expect(e.grads.inputs).toEqual([-3, -1, 2]);
    expect(e.grads.weights).toEqual([1, -2, 3]);
    expect(e.grads.bias).toBe(1);
  });

  test('preset 2 (tanh): gradients to 1e-12', () => {
    // b is chosen so that z = atanh(1/√2), hence a = 0.7071… and 1 - a² = 0.5.
    // Every quantity is a few float64 operations from exact, so 1e-12 is generous.
    const e = explain({ inputs: [2, 0], weights: [-3, 1], bias: 6.8813735870195432, activation: 'tanh' });
    const z = e.nodes.find((n) => n.label === 'z')!;
    const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThan(1e-12);
    expect(z.value).toBeCloseTo(0.8814, 4);
    expect(e.output).toBeCloseTo(0.7071, 4);
    close(z.grad, 0.5);
    close(e.grads.bias, 0.5);
    close(e.grads.inputs[0], -1.5);
    close(e.grads.weights[0], 1);
    close(e.grads.inputs[1], 0.5);
    close(e.grads.weights[1], 0);
  });

  test('without a loss the gradient arriving at the output is 1; identity is a node', () => {
    const e = explain({ inputs: [0.5], weights: [2], bias: -1, activation: 'identity' });
    const a = e.nodes.find((n) => n.label === 'a')!;
    expect(a.op).toBe('identity');
    expect(a.grad).toBe(1);
    expect(e.output).toBe(0);
    expect(e.grads).toEqual({ inputs: [2], weights: [0.5], bias: 1 });
  });
});

/**
 * Independent plain-number losses: the oracle for finite differences. An activation
 * without a formula of its own here is taken from its table's float64 value: its slope,
 * which the gradients go through, is what the finite differences check.
 */
const act: Partial<Record<Activation, (z: number) => number>> = {
  identity: (z: number) => z,
  relu: (z: number) => Math.max(0, z),
  tanh: Math.tanh,
  sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
};
function referenceLoss(n: NeuronToExplain): number {
  const z = n.inputs.reduce((s, x, i) => s + x * n.weights[i], n.bias);
  const a = act[n.activation]?.(z) ?? activate(n.activation, z);
  const y = n.loss!.target;
  return n.loss!.kind === 'mse' ? (a - y) ** 2 : -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
}

/**
 * Central differences with h = 1e-6 in float64: truncation ~h²·L''' and rounding
 * ~1e-16·|L|/h stay below 1e-8 for these small losses, so 1e-6·max(1, |g|) is safe.
 */
function finiteDifferences(n: NeuronToExplain) {
  const h = 1e-6;
  const d = (change: (m: NeuronToExplain, s: number) => NeuronToExplain) =>
    (referenceLoss(change(n, h)) - referenceLoss(change(n, -h))) / (2 * h);
  const bump = (xs: number[], i: number, s: number) => xs.map((v, j) => (j === i ? v + s : v));
  return {
    inputs: n.inputs.map((_, i) => d((m, s) => ({ ...m, inputs: bump(m.inputs, i, s) }))),
    weights: n.weights.map((_, i) => d((m, s) => ({ ...m, weights: bump(m.weights, i, s) }))),
    bias: d((m, s) => ({ ...m, bias: m.bias + s })),
  };
}

describe('explain: gradients of the loss', () => {
  const close = (g: number, fd: number) => expect(Math.abs(g - fd)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(g)));
  const cases: NeuronToExplain[] = [
    { inputs: [0.5, -1.2, 2], weights: [0.3, 0.8, -0.4], bias: 0.1, activation: 'identity', loss: { kind: 'mse', target: 1.5 } },
    { inputs: [0.5, -1.2, 2], weights: [0.3, 0.8, -0.4], bias: 2, activation: 'relu', loss: { kind: 'mse', target: -0.5 } },
    { inputs: [1.1, 0.4], weights: [-0.6, 0.9], bias: 0.2, activation: 'tanh', loss: { kind: 'mse', target: 0.3 } },
    { inputs: [1.1, 0.4], weights: [-0.6, 0.9], bias: 0.2, activation: 'sigmoid', loss: { kind: 'mse', target: 1 } },
    { inputs: [1.1, 0.4, -2], weights: [-0.6, 0.9, 0.25], bias: 0.2, activation: 'sigmoid', loss: { kind: 'bce', target: 1 } },
    { inputs: [3], weights: [1.2], bias: -1, activation: 'sigmoid', loss: { kind: 'bce', target: 0 } },
    { inputs: [-0.7, 0.2], weights: [2, -3], bias: 0.5, activation: 'sigmoid', loss: { kind: 'bce', target: 0.25 } },
    // Every activation of the table on both sides of 0 (z = 1.3 and z = -1.9).
    ...ACTIVATIONS.flatMap((activation): NeuronToExplain[] => [
      { inputs: [0.5, 2], weights: [1, 0.4], bias: 0, activation, loss: { kind: 'mse', target: 0.7 } },
      { inputs: [0.5, 2], weights: [1, -1.2], bias: 0, activation, loss: { kind: 'mse', target: -0.4 } },
    ]),
  ];
  for (const n of cases) {
    test(`${n.loss!.kind} with ${n.activation}, target ${n.loss!.target}`, () => {
      const e = explain(n);
      expect(lossNode(e).value).toBeCloseTo(referenceLoss(n), 12);
      const fd = finiteDifferences(n);
      e.grads.inputs.forEach((g, i) => close(g, fd.inputs[i]));
      e.grads.weights.forEach((g, i) => close(g, fd.weights[i]));
      close(e.grads.bias, fd.bias);
    });
  }

  test('bce stays finite at z = ±5000, with d(loss)/db = sigmoid(z) - y', () => {
    for (const [z, y] of [[5000, 0], [5000, 1], [-5000, 1], [-5000, 0], [5000, 0.3]]) {
      const e = explain({ inputs: [1], weights: [1], bias: z - 1, activation: 'sigmoid', loss: { kind: 'bce', target: y } });
      const sig = z > 0 ? 1 : 0;
      // softplus(z) - y·z: the exact loss is |z|·(wrong side) here, up to e^-5000.
      expect(lossNode(e).value).toBe(Math.max(z, 0) - y * z);
      expect(e.grads.bias).toBe(sig - y);
      for (const node of e.nodes) {
        expect(Number.isFinite(node.value)).toBe(true);
        expect(Number.isFinite(node.grad)).toBe(true);
      }
    }
  });
});

describe('explain: validation', () => {
  const ok: NeuronToExplain = { inputs: [1, 2], weights: [3, 4], bias: 0, activation: 'tanh' };
  const bad: [string, unknown, string][] = [
    ['null neuron', null, 'neuron'],
    ['a number as the neuron', 42, 'neuron'],
    ['missing inputs', { ...ok, inputs: undefined }, 'inputs'],
    ['empty inputs', { ...ok, inputs: [], weights: [] }, 'inputs'],
    ['NaN in inputs', { ...ok, inputs: [1, NaN] }, 'inputs'],
    ['Infinity in inputs', { ...ok, inputs: [Infinity, 1] }, 'inputs'],
    ['a string in inputs', { ...ok, inputs: [1, '2'] }, 'inputs'],
    ['inputs as a string', { ...ok, inputs: '1,2' }, 'inputs'],
    ['missing weights', { ...ok, weights: undefined }, 'weights'],
    ['weights too short', { ...ok, weights: [3] }, 'weights'],
    ['-Infinity in weights', { ...ok, weights: [3, -Infinity] }, 'weights'],
    ['null in weights', { ...ok, weights: [null, 4] }, 'weights'],
    ['missing bias', { ...ok, bias: undefined }, 'bias'],
    ['NaN bias', { ...ok, bias: NaN }, 'bias'],
    ['bias as a string', { ...ok, bias: '0' }, 'bias'],
    ['unknown activation', { ...ok, activation: 'foo' }, 'activation'],
    ['missing activation', { ...ok, activation: undefined }, 'activation'],
    ['loss as null', { ...ok, loss: null }, 'loss'],
    ['unknown loss kind', { ...ok, loss: { kind: 'mae', target: 1 } }, 'loss.kind'],
    ['missing loss target', { ...ok, loss: { kind: 'mse' } }, 'loss.target'],
    ['NaN loss target', { ...ok, loss: { kind: 'mse', target: NaN } }, 'loss.target'],
    ['string loss target', { ...ok, loss: { kind: 'mse', target: '1' } }, 'loss.target'],
    ['bce without sigmoid', { ...ok, loss: { kind: 'bce', target: 1 } }, 'loss.kind'],
    ['bce target above 1', { ...ok, activation: 'sigmoid', loss: { kind: 'bce', target: 2 } }, 'loss.target'],
    ['bce target below 0', { ...ok, activation: 'sigmoid', loss: { kind: 'bce', target: -0.1 } }, 'loss.target'],
    ['finite inputs that overflow', { ...ok, inputs: [1e200, 1], weights: [1e200, 1] }, 'inputs'],
  ];
  for (const [name, input, field] of bad) {
    test(`${name} is rejected with a message that starts with '${field}'`, () => {
      let message = '';
      try {
        explain(input as NeuronToExplain);
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        message = (err as Error).message;
      }
      // The field itself or one of its elements ('inputs[1]'), not a longer one ('loss' must not pass for 'loss.kind').
      expect(message.startsWith(field) && /^[ ,[]/.test(message.slice(field.length)), message).toBe(true);
    });
  }

  test('messages say what is allowed', () => {
    expect(() => explain({ ...ok, inputs: [] })).toThrow('inputs must be a non-empty array of finite numbers');
    expect(() => explain({ ...ok, inputs: [1, NaN] })).toThrow('inputs[1] must be a finite number; got NaN');
    expect(() => explain({ inputs: [1, 2, 3], weights: [1, 2], bias: 0, activation: 'relu' })).toThrow(
      'weights must be an array as long as inputs (3); got an array of length 2',
    );
    expect(() => explain({ ...ok, activation: 'foo' as 'relu' })).toThrow(
      `activation must be one of ${ACTIVATIONS.map((a) => `'${a}'`).join(', ')}; got "foo"`,
    );
    expect(() => explain({ ...ok, loss: { kind: 'bce', target: 1 } })).toThrow("loss.kind must be 'mse' with activation 'tanh' ('bce' needs activation 'sigmoid'); got \"bce\"");
    expect(() => explain({ ...ok, loss: { kind: 'mse', target: NaN } })).toThrow('loss.target must be a finite number');
  });

  test('every refusal is a ConfigError naming its field, in the engine\'s one message shape', () => {
    for (const [, input, field] of bad) {
      try {
        explain(input as NeuronToExplain);
        expect.unreachable(`accepted ${field}`);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).field.startsWith(field)).toBe(true);
        expect((err as Error).message).toMatch(/^\S+ (must be .*; got .*|is not a field of the neuron; allowed: .*)$/s);
      }
    }
  });
});

describe('explain: the node list', () => {
  const neurons: NeuronToExplain[] = [
    { inputs: [1], weights: [2], bias: 3, activation: 'identity' },
    { inputs: [1, -2, 3], weights: [-3, -1, 2], bias: 1, activation: 'relu', loss: { kind: 'mse', target: 2 } },
    { inputs: [1, 2, 3, 4, 5], weights: [0.1, 0.2, 0.3, 0.4, 0.5], bias: 0, activation: 'sigmoid', loss: { kind: 'bce', target: 1 } },
  ];
  for (const n of neurons) {
    test(`${n.inputs.length} inputs, ${n.activation}, ${n.loss?.kind ?? 'no loss'}`, () => {
      const { nodes } = explain(n);
      const ids = nodes.map((node) => node.id);
      expect(new Set(ids).size).toBe(ids.length);
      nodes.forEach((node, i) => {
        expect(node.label.length).toBeGreaterThan(0);
        for (const p of node.parents) {
          const at = ids.indexOf(p);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThan(i);
        }
      });
      const labels = nodes.map((node) => node.label);
      const d = n.inputs.length;
      for (let i = 1; i <= d; i++) expect(labels).toContain(`x${i}`), expect(labels).toContain(`w${i}`), expect(labels).toContain(`x${i}·w${i}`);
      for (const name of ['b', 'z', 'a']) expect(labels).toContain(name);
      expect(labels.includes('loss')).toBe(n.loss !== undefined);
      // One node per x, w, product, running sum after the first, plus b, z and a.
      const core = 3 * d + (d - 1) + 3;
      const extra = n.loss === undefined ? 0 : n.loss.kind === 'mse' ? 3 : 4; // y, a − y, loss | y, softplus(z), y·z, loss
      expect(nodes.length).toBe(core + extra);
    });
  }

  test('roles and local derivatives of the preset-1 graph', () => {
    const { nodes } = explain({ inputs: [1, -2, 3], weights: [-3, -1, 2], bias: 1, activation: 'relu', loss: { kind: 'mse', target: 2 } });
    expect(nodes.map((n) => n.role)).toEqual([
      'input', 'weight', 'product', 'input', 'weight', 'product', 'sum', 'input', 'weight', 'product',
      'sum', 'bias', 'z', 'activation', 'target', 'loss-term', 'loss',
    ]);
    const byRole = (role: string) => nodes.filter((n) => n.role === role);
    expect(byRole('product')[0].local).toEqual([-3, 1]); // ∂(x1·w1)/∂x1 = w1, ∂/∂w1 = x1
    expect(byRole('activation')[0].local).toEqual([1]); // z = 6 > 0
    expect(byRole('loss-term')[0].local).toEqual([1, -1]); // a − y
    expect(byRole('loss')[0].local).toEqual([8]); // 2(a − y) = 2 × 4
  });

  test('each node\'s gradient is the sum of local × gradient over its consumers (every activation, both losses)', () => {
    const neurons: NeuronToExplain[] = [
      ...ACTIVATIONS.map((activation): NeuronToExplain => ({ inputs: [0.3, -1.1], weights: [0.9, 0.5], bias: -0.2, activation, loss: { kind: 'mse', target: 0.4 } })),
      { inputs: [0.3, -1.1], weights: [0.9, 0.5], bias: -0.2, activation: 'sigmoid', loss: { kind: 'bce', target: 1 } },
    ];
    for (const n of neurons) {
      const { nodes } = explain(n);
      const root = nodes[nodes.length - 1];
      for (const v of nodes) {
        expect(v.local).toHaveLength(v.parents.length);
        if (v === root || (n.loss?.kind === 'bce' && v.role === 'activation')) continue; // the root's grad is given; bce does not read a
        let sum = 0;
        for (const c of nodes) c.parents.forEach((p, slot) => { if (p === v.id) sum += c.local[slot] * c.grad; });
        expect(Math.abs(sum - v.grad)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v.grad)));
      }
    }
  });

  test('labels for the preset-1 graph, in forward order', () => {
    const { nodes } = explain({ inputs: [1, -2, 3], weights: [-3, -1, 2], bias: 1, activation: 'relu' });
    expect(nodes.map((n) => n.label)).toEqual([
      'x1', 'w1', 'x1·w1', 'x2', 'w2', 'x2·w2', 'x1·w1 + x2·w2', 'x3', 'w3', 'x3·w3',
      'x1·w1 + x2·w2 + x3·w3', 'b', 'z', 'a',
    ]);
    expect(nodes.map((n) => n.op)).toEqual(['', '', '*', '', '', '*', '+', '', '', '*', '+', '', '+', 'relu']);
  });
});
