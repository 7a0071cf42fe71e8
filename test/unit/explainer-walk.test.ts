import { test, expect, describe } from 'vitest';
import { explain, type NeuronToExplain } from '../../src/autograd/explain';
import { vectorBackprop } from '../../src/autograd/vector-backprop';
import { BOX_H, BOX_W, layoutGraph } from '../../src/app/explainer/graph-layout';
import { RELU_NEURON, TANH_NEURON, madeUpBatch } from '../../src/app/explainer/presets';
import { StepperController } from '../../src/app/explainer/stepper-controller';
import { planSteps } from '../../src/app/explainer/steps';
import { FakeHost } from './fake-lit-host';

describe('StepperController', () => {
  const e = explain(RELU_NEURON);
  const plan = planSteps(e);
  const id = (label: string) => e.nodes.find((n) => n.label === label)!.id;

  test('starts with only the leaves known', () => {
    const host = new FakeHost();
    const s = new StepperController(host);
    expect(host.controllers).toEqual([s]);
    s.load(plan);
    for (const n of e.nodes) {
      expect(s.valueKnown(n.id)).toBe(n.op === '');
      expect(s.gradKnown(n.id)).toBe(false);
    }
    expect(s.current).toBeUndefined();
    expect(s.canStepForward).toBe(true);
    expect(s.canStepBackward).toBe(false);
  });

  test('forward one node at a time; backward only after the forward pass', () => {
    const host = new FakeHost();
    const s = new StepperController(host);
    s.load(plan);
    s.stepBackward(); // not yet: values are missing
    expect(s.backwardTaken).toBe(0);
    s.stepForward();
    expect(s.valueKnown(id('x1·w1'))).toBe(true);
    expect(s.valueKnown(id('x2·w2'))).toBe(false);
    expect(s.current).toMatchObject({ phase: 'forward', index: 0, count: 7 });
    s.wholePass();
    expect(s.forwardTaken).toBe(7);
    expect(s.valueKnown(id('a'))).toBe(true);
    expect(s.canStepForward).toBe(false);
    s.stepBackward();
    expect(s.gradKnown(id('a'))).toBe(true);
    expect(s.gradKnown(id('z'))).toBe(false);
    s.stepBackward();
    expect(s.gradKnown(id('z'))).toBe(true);
    expect(s.current).toMatchObject({ phase: 'backward', index: 1, count: 14 });
    expect(s.current!.step.text).toBe('∂a/∂z = 1 (z > 0) × dL/da = 1 → dL/dz = 1');
    s.wholePass();
    expect(s.finished).toBe(true);
    expect(e.nodes.every((n) => s.gradKnown(n.id))).toBe(true);
    expect(s.taken).toHaveLength(7 + 14);
    s.stepForward();
    s.stepBackward();
    expect(s.taken).toHaveLength(7 + 14);
    s.reset();
    expect(s.forwardTaken + s.backwardTaken).toBe(0);
    expect(s.valueKnown(id('z'))).toBe(false);
    expect(host.updates).toBeGreaterThan(5);
  });

  test('without a plan nothing moves', () => {
    const s = new StepperController(new FakeHost());
    s.load(undefined);
    s.stepForward();
    s.wholePass();
    expect(s.canStepForward || s.canStepBackward || s.finished).toBe(false);
    expect(s.taken).toEqual([]);
  });
});

describe('layoutGraph', () => {
  const neurons: NeuronToExplain[] = [
    RELU_NEURON,
    TANH_NEURON,
    { inputs: [1], weights: [2], bias: 0, activation: 'identity', loss: { kind: 'mse', target: 1 } },
    { inputs: [1, 2, 3, 4, 5, 6, 7, 8], weights: [1, 1, 1, 1, 1, 1, 1, 1], bias: 0, activation: 'sigmoid', loss: { kind: 'bce', target: 1 } },
    { inputs: [1, 2], weights: [1, 1], bias: 0, activation: 'tanh', loss: { kind: 'mse', target: 0 } },
  ];
  for (const n of neurons) {
    test(`${n.inputs.length} inputs, ${n.activation}, ${n.loss?.kind ?? 'no loss'}`, () => {
      const { nodes } = explain(n);
      const layout = layoutGraph(nodes);
      expect(layout.nodes.size).toBe(nodes.length);
      // Data flows left to right; a leaf sits right before its first consumer.
      for (const edge of layout.edges) {
        expect(layout.nodes.get(edge.from)!.column).toBeLessThan(layout.nodes.get(edge.to)!.column);
      }
      for (const node of nodes.filter((m) => m.op === '')) {
        const uses = layout.edges.filter((ed) => ed.from === node.id).map((ed) => layout.nodes.get(ed.to)!.column);
        expect(layout.nodes.get(node.id)!.column).toBe(Math.min(...uses) - 1);
      }
      // No two boxes overlap, and all lie inside the drawing.
      const boxes = [...layout.nodes.values()];
      for (const p of boxes) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.x + BOX_W).toBeLessThanOrEqual(layout.width);
        expect(p.y + BOX_H).toBeLessThanOrEqual(layout.height);
        for (const q of boxes) {
          if (p === q) continue;
          const apart = Math.abs(p.x - q.x) >= BOX_W || Math.abs(p.y - q.y) >= BOX_H;
          expect(apart, `${p.id} and ${q.id} overlap`).toBe(true);
        }
      }
      expect(layout.edges).toHaveLength(nodes.reduce((s, m) => s + m.parents.length, 0));
    });
  }
});

describe('madeUpBatch', () => {
  test('its first sample is the neuron\'s own, and it computes', () => {
    for (const n of [RELU_NEURON, TANH_NEURON, { ...TANH_NEURON, activation: 'sigmoid', loss: { kind: 'bce', target: 0 } } as NeuronToExplain]) {
      const batch = madeUpBatch(n);
      expect(batch.x[0]).toEqual(n.inputs);
      expect(batch.x).toHaveLength(4);
      expect(batch.loss).toBe(n.loss?.kind ?? 'mse');
      if (n.loss) expect(batch.y[0]).toBe(n.loss.target);
      const r = vectorBackprop(batch);
      expect(r.dJdw.every(Number.isFinite)).toBe(true);
      // Sample 1's dJ/dz is the graph's dL/dz scaled by 1/m.
      if (n.loss) {
        const e = explain(n);
        expect(r.dJdz[0]).toBeCloseTo(e.nodes.find((m) => m.label === 'z')!.grad / 4, 12);
      }
    }
  });
});
