import { describe, expect, test } from 'vitest';
import type { NeuronToExplain } from '../../src/autograd/explain';
import type { VectorBatch } from '../../src/autograd/vector-backprop';
import { ExplainerController, MAX_INPUTS } from '../../src/app/explainer/explainer-controller';
import { RELU_NEURON, TANH_NEURON, madeUpBatch } from '../../src/app/explainer/presets';
import { FakeHost } from './fake-lit-host';

/** A page sample as the page passes it: two features, sigmoid, bce. */
const PAGE: NeuronToExplain = { inputs: [0.5, -1], weights: [0.8, -1.1], bias: 0.3, activation: 'sigmoid', loss: { kind: 'bce', target: 1 } };
const withBias = (bias: number): NeuronToExplain => ({ ...PAGE, bias });

function make() {
  const host = new FakeHost();
  return { host, c: new ExplainerController(host) };
}

describe('ExplainerController: presets and the page sample', () => {
  test('opens on the ReLU preset, its walk loaded; the sample preset waits for a page sample', () => {
    const { host, c } = make();
    expect(host.controllers).toEqual([c, c.stepper]);
    expect(c.preset).toBe('relu');
    expect(c.draft).toEqual(RELU_NEURON);
    expect(c.draft.inputs).not.toBe(RELU_NEURON.inputs); // a copy: edits never change the preset
    expect(c.walk()).toMatchObject({ hasPlan: true, forwardTaken: 0, forwardCount: 7, backwardCount: 14 });
    expect(c.hasPageSample).toBe(false);
    c.choose('sample');
    expect(c.preset).toBe('relu');
  });

  test("the first page sample is opened while nobody has chosen or edited anything", () => {
    const { c } = make();
    const generation = c.generation;
    c.setPageSample(PAGE, false);
    expect(c.preset).toBe('sample');
    expect(c.draft).toEqual(PAGE);
    expect(c.draft.weights).not.toBe(PAGE.weights);
    expect(c.target).toBe(1);
    expect(c.generation).toBeGreaterThan(generation);
  });

  test('a chosen preset is kept when the page sample arrives, and the sample can then be chosen', () => {
    const { c } = make();
    c.choose('tanh');
    c.setPageSample(PAGE, false);
    expect(c.preset).toBe('tanh');
    expect(c.draft).toEqual(TANH_NEURON);
    expect(c.hasPageSample).toBe(true);
    c.choose('sample');
    expect(c.draft).toEqual(PAGE);
  });

  test('an edit made before the page sample arrives is never overwritten by it', () => {
    const { c } = make();
    c.edit({ kind: 'bias', value: 2 });
    c.setPageSample(PAGE, false);
    expect(c.preset).toBe('relu');
    expect(c.draft.bias).toBe(2);
  });

  test("the sample is followed before a walk starts and after it ends, keeping the finished walk", () => {
    const { c } = make();
    c.setPageSample(PAGE, false);
    c.setPageSample(withBias(5), false);
    expect(c.draft.bias).toBe(5);
    c.step('whole');
    c.step('whole');
    expect(c.walk().finished).toBe(true);
    c.setPageSample(withBias(7), false);
    expect(c.draft.bias).toBe(7);
    expect(c.walk().finished).toBe(true);
    expect(c.sampleChanged).toBe(false);
  });

  test('in the middle of a walk, or while the person types, the sample is not reloaded: it is reported', () => {
    const { host, c } = make();
    c.setPageSample(PAGE, false);
    c.step('forward');
    const updates = host.updates;
    c.setPageSample(withBias(5), false);
    expect(c.draft.bias).toBe(0.3);
    expect(c.walk().forwardTaken).toBe(1);
    expect(c.sampleChanged).toBe(true);
    expect(host.updates).toBeGreaterThan(updates);
    c.choose('sample');
    expect(c.draft.bias).toBe(5);
    expect(c.sampleChanged).toBe(false);
    expect(c.walk().forwardTaken).toBe(0);

    c.setPageSample(withBias(6), true);
    expect(c.draft.bias).toBe(5);
    expect(c.sampleChanged).toBe(true);
  });

  test('an edited sample is not overwritten as the page trains', () => {
    const { c } = make();
    c.setPageSample(PAGE, false);
    c.edit({ kind: 'input', field: 'weights', index: 0, value: 3 });
    c.setPageSample(withBias(5), false);
    expect(c.draft.weights).toEqual([3, -1.1]);
    expect(c.draft.bias).toBe(0.3);
    expect(c.sampleChanged).toBe(true);
  });
});

describe('ExplainerController: edits', () => {
  test('every edit restarts the walk', () => {
    const { c } = make();
    c.step('whole');
    c.edit({ kind: 'input', field: 'inputs', index: 1, value: 4 });
    expect(c.draft.inputs).toEqual([1, 4, 3]);
    expect(c.walk().forwardTaken).toBe(0);
    c.step('forward');
    c.edit({ kind: 'activation', activation: 'tanh' });
    expect(c.draft.activation).toBe('tanh');
    expect(c.walk().forwardTaken).toBe(0);
  });

  test('inputs are added (x = w = 1) and removed between 1 and MAX_INPUTS, each time with fresh fields', () => {
    const { c } = make();
    let generation = c.generation;
    c.edit({ kind: 'resize', delta: 1 });
    expect(c.draft.inputs).toEqual([1, -2, 3, 1]);
    expect(c.draft.weights).toEqual([-3, -1, 2, 1]);
    expect(c.generation).toBeGreaterThan(generation);
    while (c.draft.inputs.length < MAX_INPUTS) c.edit({ kind: 'resize', delta: 1 });
    generation = c.generation;
    c.edit({ kind: 'resize', delta: 1 });
    expect(c.draft.inputs).toHaveLength(MAX_INPUTS);
    expect(c.generation).toBe(generation);
    while (c.draft.inputs.length > 1) c.edit({ kind: 'resize', delta: -1 });
    c.edit({ kind: 'resize', delta: -1 });
    expect(c.draft.inputs).toEqual([1]);
    expect(c.draft.weights).toEqual([-3]);
  });

  test('the target is remembered while no loss is chosen and used when one is', () => {
    const { c } = make();
    c.edit({ kind: 'target', value: 2.5 });
    expect(c.target).toBe(2.5);
    expect(c.draft.loss).toBeUndefined();
    c.edit({ kind: 'loss', loss: 'mse' });
    expect(c.draft.loss).toEqual({ kind: 'mse', target: 2.5 });
    c.edit({ kind: 'target', value: -1 });
    expect(c.draft.loss).toEqual({ kind: 'mse', target: -1 });
    c.edit({ kind: 'loss', loss: 'none' });
    expect(c.draft.loss).toBeUndefined();
    expect(c.target).toBe(-1);
  });

  test('a neuron that cannot be computed is reported, with nothing to walk, until it is fixed', () => {
    const { c } = make();
    c.edit({ kind: 'input', field: 'inputs', index: 1, value: NaN });
    expect(c.error).toContain('inputs[1] must be a finite number; got NaN');
    expect(c.explanation).toBeUndefined();
    expect(c.walk()).toMatchObject({ hasPlan: false, canStepForward: false });
    expect(c.gradientsSoFar()).toBeUndefined();
    expect(c.announcement()).toEqual({ text: '', phase: '' });
    c.edit({ kind: 'input', field: 'inputs', index: 1, value: -2 });
    expect(c.error).toBe('');
    expect(c.walk().hasPlan).toBe(true);
  });

  test('bce on a non-sigmoid neuron is refused with the reason', () => {
    const { c } = make();
    c.edit({ kind: 'loss', loss: 'bce' });
    expect(c.error).toMatch(/sigmoid/);
  });
});

describe('ExplainerController: what the views draw', () => {
  test('the gradients appear as the walk computes them (ReLU preset)', () => {
    const { c } = make();
    expect(c.gradientsSoFar()).toEqual({ dx: [undefined, undefined, undefined], dw: [undefined, undefined, undefined], db: undefined, output: undefined });
    c.step('whole');
    expect(c.gradientsSoFar()).toMatchObject({ output: 6, db: undefined });
    c.step('whole');
    expect(c.gradientsSoFar()).toEqual({ dx: [-3, -1, 2], dw: [1, -2, 3], db: 1, output: 6 });
    c.step('reset');
    expect(c.gradientsSoFar()?.output).toBeUndefined();
  });

  test('the announcement says what the last step computed and what to do next', () => {
    const { c } = make();
    expect(c.announcement().text).toMatch(/^Nothing computed yet/);
    c.step('forward');
    expect(c.announcement()).toEqual({ text: 'Forward step 1 of 7: x1·w1 = 1 × (-3) = -3', phase: 'forward' });
    c.step('whole');
    expect(c.announcement().text).toMatch(/Forward pass done\. Press “step backward”/);
    c.step('backward');
    c.step('backward');
    expect(c.announcement()).toEqual({ text: 'Backward step 2 of 14: ∂a/∂z = 1 (z > 0) × dL/da = 1 → dL/dz = 1', phase: 'backward' });
    c.step('whole');
    expect(c.announcement().text).toMatch(/Backward pass done: every gradient is known\.$/);
  });

  test('the graph lights the edges of the last step: operands forward, consumers backward', () => {
    const { c } = make();
    const id = (label: string) => c.explanation!.nodes.find((n) => n.label === label)!.id;
    c.step('forward');
    let view = c.graphView();
    expect(view.current).toEqual({ id: id('x1·w1'), phase: 'forward' });
    expect([...view.activeEdges].sort()).toEqual([`${id('w1')}>${id('x1·w1')}`, `${id('x1')}>${id('x1·w1')}`].sort());
    expect(view.valueKnown(id('x1·w1'))).toBe(true);
    expect(view.lossId).toBeUndefined();
    c.step('whole');
    c.step('backward');
    c.step('backward');
    view = c.graphView();
    expect(view.current).toEqual({ id: id('z'), phase: 'backward' });
    expect([...view.activeEdges]).toEqual([`${id('z')}>${id('a')}`]);
    expect(view.gradKnown(id('z'))).toBe(true);
  });

  test('with a loss, the graph names its root', () => {
    const { c } = make();
    c.setPageSample(PAGE, false);
    const loss = c.explanation!.nodes.find((n) => n.label === 'loss')!;
    expect(c.graphView().lossId).toBe(loss.id);
  });

  test("the vector view shows the page's batch when there is one and it is chosen, else one made up", () => {
    const { host, c } = make();
    const page: VectorBatch = { x: [[1], [2]], y: [3, 5], weights: [1], bias: 0, activation: 'identity', loss: 'mse', reduction: 'sum' };
    expect(c.vectorBatch(undefined)).toEqual({ batch: madeUpBatch(RELU_NEURON), origin: 'made-up' });
    expect(c.vectorBatch(page)).toEqual({ batch: page, origin: 'page' });
    const updates = host.updates;
    c.setBatchOrigin('made-up');
    expect(host.updates).toBe(updates + 1);
    expect(c.vectorBatch(page)).toEqual({ batch: madeUpBatch(RELU_NEURON), origin: 'made-up' });
    // While the neuron above cannot be computed there is nothing to make a batch around.
    c.edit({ kind: 'bias', value: NaN });
    expect(c.vectorBatch(page)).toEqual({ batch: page, origin: 'page' });
    expect(c.vectorBatch(undefined)).toEqual({ batch: undefined, origin: 'made-up' });
  });

  test('every transition asks the host to redraw', () => {
    const { host, c } = make();
    const moves: (() => void)[] = [
      () => c.choose('tanh'),
      () => c.edit({ kind: 'bias', value: 1 }),
      () => c.edit({ kind: 'target', value: 3 }),
      () => c.step('forward'),
      () => c.setPageSample(PAGE, false),
      () => c.choose('sample'),
      () => c.setBatchOrigin('page'),
    ];
    for (const move of moves) {
      const before = host.updates;
      move();
      expect(host.updates).toBeGreaterThan(before);
    }
  });
});
