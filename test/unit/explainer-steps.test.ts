import { test, expect, describe } from 'vitest';
import { explain, type NeuronToExplain } from '../../src/autograd/explain';
import { planSteps, type StepPlan } from '../../src/app/explainer/steps';
import { RELU_NEURON, TANH_NEURON } from '../../src/app/explainer/presets';
import { fmt } from '../../src/app/explainer/format';
import { ACTIVATIONS } from '../../src/engine/types';

const textOf = (plan: StepPlan, e: ReturnType<typeof explain>, label: string, phase: 'forward' | 'backward') => {
  const id = e.nodes.find((n) => n.label === label)!.id;
  return plan[phase].find((s) => s.nodeId === id)!.text;
};

describe('planSteps: the ReLU preset, word for word', () => {
  const e = explain(RELU_NEURON);
  const plan = planSteps(e);

  test('forward: one step per operation, in forward order', () => {
    expect(plan.forward.map((s) => s.text)).toEqual([
      'x1·w1 = 1 × (-3) = -3',
      'x2·w2 = (-2) × (-1) = 2',
      'x1·w1 + x2·w2 = -3 + 2 = -1',
      'x3·w3 = 3 × 2 = 6',
      'x1·w1 + x2·w2 + x3·w3 = -1 + 6 = 5',
      'z = x1·w1 + x2·w2 + x3·w3 + b = 5 + 1 = 6',
      'a = relu(z) = max(0, 6) = 6',
    ]);
  });

  test('backward: every node once, from the output back, with the chain rule in numbers', () => {
    expect(plan.hasLoss).toBe(false);
    expect(plan.backward.map((s) => s.nodeId)).toEqual(e.nodes.map((n) => n.id).reverse());
    expect(plan.backward[0].text).toMatch(/^dL\/da = 1: /);
    expect(textOf(plan, e, 'z', 'backward')).toBe('∂a/∂z = 1 (z > 0) × dL/da = 1 → dL/dz = 1');
    expect(textOf(plan, e, 'b', 'backward')).toBe('∂z/∂b = 1 × dL/dz = 1 → dL/db = 1');
    expect(textOf(plan, e, 'w1', 'backward')).toBe('∂(x1·w1)/∂w1 = x1 = 1 × dL/d(x1·w1) = 1 → dL/dw1 = 1');
    expect(textOf(plan, e, 'x2', 'backward')).toBe('∂(x2·w2)/∂x2 = w2 = -1 × dL/d(x2·w2) = 1 → dL/dx2 = -1');
  });

  test('the gradients the walk ends with are the worked example\'s, exactly', () => {
    const grad = (label: string) => plan.backward.find((s) => s.nodeId === e.nodes.find((n) => n.label === label)!.id)!.grad;
    expect(['x1', 'x2', 'x3'].map(grad)).toEqual([-3, -1, 2]);
    expect(['w1', 'w2', 'w3'].map(grad)).toEqual([1, -2, 3]);
    expect(grad('b')).toBe(1);
  });
});

describe('planSteps: the tanh preset', () => {
  const e = explain(TANH_NEURON);
  const plan = planSteps(e);

  test('shows a = 0.7071, dL/dz = 0.5 and the input gradients', () => {
    expect(textOf(plan, e, 'a', 'forward')).toBe('a = tanh(z) = tanh(0.8814) = 0.7071');
    expect(textOf(plan, e, 'z', 'backward')).toBe('∂a/∂z = 1 − a² = 1 − 0.7071² = 0.5 × dL/da = 1 → dL/dz = 0.5');
    expect(textOf(plan, e, 'x1', 'backward')).toBe('∂(x1·w1)/∂x1 = w1 = -3 × dL/d(x1·w1) = 0.5 → dL/dx1 = -1.5');
    expect(textOf(plan, e, 'w2', 'backward')).toBe('∂(x2·w2)/∂w2 = x2 = 0 × dL/d(x2·w2) = 0.5 → dL/dw2 = 0');
    const shown = ['x1', 'w1', 'x2', 'w2', 'b'].map((l) => textOf(plan, e, l, 'backward').split(' = ').pop());
    expect(shown).toEqual(['-1.5', '1', '0.5', '0', '0.5']);
  });
});

describe('planSteps: losses', () => {
  test('mse: the walk starts at L and passes through a − y', () => {
    const e = explain({ inputs: [2], weights: [-3], bias: 0.5, activation: 'identity', loss: { kind: 'mse', target: 1 } });
    const plan = planSteps(e);
    expect(plan.hasLoss).toBe(true);
    expect(plan.forward.map((s) => s.text).slice(-3)).toEqual(['a = z = -5.5', 'a − y = -5.5 − 1 = -6.5', 'L = (a − y)² = (-6.5)² = 42.25']);
    expect(plan.backward[0].text).toMatch(/^dL\/dL = 1: /);
    expect(plan.backward[1].text).toBe('∂L/∂(a − y) = 2·(a − y) = 2 × (-6.5) = -13 × dL/dL = 1 → dL/d(a − y) = -13');
    expect(textOf(plan, e, 'y', 'backward')).toBe('∂(a − y)/∂y = -1 × dL/d(a − y) = -13 → dL/dy = 13');
  });

  test('bce: z collects two shares, and a (not read by the loss) gets 0', () => {
    const e = explain({ inputs: [2, 0], weights: [-3, 1], bias: 0.5, activation: 'sigmoid', loss: { kind: 'bce', target: 1 } });
    const plan = planSteps(e);
    const z = plan.backward.find((s) => s.nodeId === e.nodes.find((n) => n.label === 'z')!.id)!;
    expect(z.terms.map((t) => e.nodes.find((n) => n.id === t.consumerId)!.label).sort()).toEqual(['softplus(z)', 'y·z']);
    expect(z.text).toMatch(/^\[∂\(softplus\(z\)\)\/∂z = σ\(z\) = .*\] \+ \[∂\(y·z\)\/∂z = y = 1 × dL\/d\(y·z\) = -1\] → dL\/dz = /);
    expect(textOf(plan, e, 'a', 'backward')).toBe('dL/da = 0: the loss does not read a');
    expect(textOf(plan, e, 'y·z', 'forward')).toBe('y·z = 1 × (-5.5) = -5.5');
  });
});

describe('planSteps: each backward step is the chain rule the autograd ran', () => {
  const neurons: NeuronToExplain[] = [];
  for (const activation of ACTIVATIONS) {
    neurons.push({ inputs: [0.5, -1.2, 2], weights: [0.3, 0.8, -0.4], bias: 0.9, activation });
    neurons.push({ inputs: [1.1], weights: [-0.6], bias: 0.2, activation, loss: { kind: 'mse', target: 0.3 } });
    neurons.push({ inputs: [1, 2, 3, 4], weights: [0.1, -0.2, 0.3, -0.4], bias: -0.1, activation, loss: { kind: 'mse', target: -1 } });
  }
  neurons.push({ inputs: [1.1, 0.4, -2], weights: [-0.6, 0.9, 0.25], bias: 0.2, activation: 'sigmoid', loss: { kind: 'bce', target: 0.25 } });
  neurons.push({ inputs: [1, -1], weights: [-2, 1], bias: 0.5, activation: 'relu', loss: { kind: 'mse', target: 1 } }); // z < 0: relu′ = 0

  for (const n of neurons) {
    test(`${n.inputs.length} inputs, ${n.activation}, ${n.loss?.kind ?? 'no loss'}`, () => {
      const e = explain(n);
      const plan = planSteps(e);
      const byId = new Map(e.nodes.map((node) => [node.id, node]));
      expect(plan.forward.map((s) => s.nodeId)).toEqual(e.nodes.filter((node) => node.op !== '').map((node) => node.id));
      expect(plan.backward.map((s) => s.nodeId)).toEqual(e.nodes.map((node) => node.id).reverse());
      for (const step of plan.backward) {
        const node = byId.get(step.nodeId)!;
        expect(step.grad).toBe(node.grad);
        if (step.terms.length === 0) continue;
        // Σ local × upstream reproduces the autograd's gradient: the local derivatives are right.
        const sum = step.terms.reduce((s, t) => s + t.product, 0);
        expect(Math.abs(sum - node.grad)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(node.grad)));
        for (const t of step.terms) {
          expect(t.upstream).toBe(byId.get(t.consumerId)!.grad);
          expect(t.product).toBe(t.local * t.upstream);
          // The local derivative is written with its number last (a condition may follow).
          expect(t.localText.match(/= (\S+)(?: \(.*\))?$/)?.[1]).toBe(fmt(t.local));
          expect(step.text).toContain(`${t.localText} × ${t.upstreamText}`);
        }
        expect(step.text.endsWith(`= ${fmt(node.grad)}`)).toBe(true);
      }
      // Forward texts end with each node's value.
      for (const s of plan.forward) expect(s.text.endsWith(`= ${fmt(byId.get(s.nodeId)!.value)}`)).toBe(true);
    });
  }
});

describe('fmt', () => {
  test('four significant digits, no trailing zeros, exponents only far from 1', () => {
    expect(fmt(0.7071067811865475)).toBe('0.7071');
    expect(fmt(-1.5000000000000004)).toBe('-1.5');
    expect(fmt(6)).toBe('6');
    expect(fmt(-0)).toBe('0');
    expect(fmt(42.25)).toBe('42.25');
    expect(fmt(1.5e-7)).toBe('1.5e-7');
    expect(fmt(123456789)).toBe('1.235e+8');
    expect(fmt(Infinity)).toBe('∞');
    expect(fmt(-Infinity)).toBe('-∞');
    expect(fmt(NaN)).toBe('undefined');
  });
});
