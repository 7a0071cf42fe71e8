import { test, expect, describe } from 'vitest';
import { ACTIVATIONS, gradients, makeDataset, explain } from '../../src/index';
import type { Activation, SyntheticDatasetSpec as DatasetSpec, LossKind, Reduction } from '../../src/index';
import { vectorBackprop, type VectorBatch } from '../../src/autograd/vector-backprop';

/** Rows of a generated dataset as plain float64 arrays (the float32 values, exactly). */
function batchOf(spec: DatasetSpec): { x: number[][]; y: number[] } {
  const ds = makeDataset(spec);
  const x = Array.from({ length: ds.n }, (_, i) => Array.from(ds.x.subarray(i * ds.d, (i + 1) * ds.d)));
  return { x, y: Array.from(ds.y) };
}

/**
 * Both sides sum the same float64 products in the same order; the only difference is
 * where the 1/m is applied (per term here, once at the end in the engine), which moves
 * the last bit or two. 1e-12 relative is far above that and far below any real mistake.
 */
const close = (got: number, want: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));

interface Case {
  dataset: DatasetSpec;
  activation: Activation;
  loss: LossKind;
  reduction?: Reduction;
  weights: number[];
  bias: number;
}

const cases: Case[] = [
  { dataset: { kind: 'linear', n: 5, features: 3, seed: 1 }, activation: 'tanh', loss: 'mse', weights: [0.4, -0.7, 0.2], bias: 0.1 },
  { dataset: { kind: 'linear', n: 5, features: 3, seed: 1 }, activation: 'tanh', loss: 'mse', reduction: 'sum', weights: [0.4, -0.7, 0.2], bias: 0.1 },
  { dataset: { kind: 'linear', n: 8, features: 2, seed: 4 }, activation: 'relu', loss: 'mse', weights: [0.9, -0.3], bias: 0.05 },
  { dataset: { kind: 'linear', n: 6, features: 1, seed: 2 }, activation: 'identity', loss: 'mse', weights: [1.5], bias: -0.5 },
  { dataset: { kind: 'blobs', n: 7, features: 2, seed: 3 }, activation: 'sigmoid', loss: 'bce', weights: [0.8, -1.1], bias: 0.3 },
  { dataset: { kind: 'blobs', n: 4, features: 2, seed: 9 }, activation: 'sigmoid', loss: 'mse', weights: [-0.5, 0.6], bias: 0 },
  // Every activation of the table, so a new one is held to the engine without an edit here.
  ...ACTIVATIONS.map((activation): Case => ({ dataset: { kind: 'linear', n: 6, features: 2, seed: 5 }, activation, loss: 'mse', weights: [0.7, -0.9], bias: 0.2 })),
];

const name = (c: Case) =>
  `${c.dataset.kind} n=${c.dataset.n} d=${c.dataset.features}, ${c.activation}/${c.loss}, ${c.reduction ?? 'mean'}`;

describe('vectorBackprop matches the engine (CPU backend)', () => {
  for (const c of cases) {
    test(name(c), async () => {
      const { x, y } = batchOf(c.dataset);
      const batch: VectorBatch = { x, y, weights: c.weights, bias: c.bias, activation: c.activation, loss: c.loss, reduction: c.reduction };
      const mine = vectorBackprop(batch);
      const engine = await gradients({
        backend: 'cpu', dataset: c.dataset, activation: c.activation, loss: c.loss, learningRate: 0.1,
        epochs: 1, batchSize: c.dataset.n, init: { weights: c.weights, bias: c.bias },
        ...(c.reduction ? { reduction: c.reduction } : {}),
      });
      expect(engine.backend).toBe('cpu');
      expect(mine.dJdw).toHaveLength(engine.dw.length);
      mine.dJdw.forEach((g, j) => close(g, engine.dw[j]));
      close(mine.dJdb, engine.db);
      // The engine reports the mean loss whatever the reduction.
      close(mine.losses.reduce((s, l) => s + l, 0) / mine.m, engine.loss);
    });
  }
});

describe('vectorBackprop matches the scalar autograd, sample by sample', () => {
  for (const c of cases) {
    test(name(c), () => {
      const { x, y } = batchOf(c.dataset);
      const mine = vectorBackprop({ x, y, weights: c.weights, bias: c.bias, activation: c.activation, loss: c.loss, reduction: c.reduction });
      const scale = (c.reduction ?? 'mean') === 'mean' ? 1 / x.length : 1;
      expect(mine.scale).toBe(scale);
      const dw = new Array<number>(c.weights.length).fill(0);
      let db = 0;
      x.forEach((row, i) => {
        const e = explain({ inputs: row, weights: c.weights, bias: c.bias, activation: c.activation, loss: { kind: c.loss, target: y[i] } });
        const z = e.nodes.find((n) => n.label === 'z')!;
        close(mine.z[i], z.value);
        close(mine.a[i], e.output);
        close(mine.losses[i], e.nodes.find((n) => n.label === 'loss')!.value);
        // dL/dz of one sample, times the reduction factor, is this sample's dJ/dz.
        close(mine.dJdz[i], scale * z.grad);
        e.grads.weights.forEach((g, j) => (dw[j] += scale * g));
        db += scale * e.grads.bias;
      });
      mine.dJdw.forEach((g, j) => close(g, dw[j]));
      close(mine.dJdb, db);
    });
  }
});

describe('vectorBackprop: the rows of the derivation', () => {
  test('dJ/dz = dJ/da · f′(z) elementwise, dJ/dw = dJ/dz Xᵀ, dJ/db = Σ dJ/dz (small exact case)', () => {
    // identity + mse, mean over 2 samples: z = [3, -1], dJ/da = (2/2)(a - y) = [2, -1].
    const r = vectorBackprop({ x: [[1, 2], [0, -1]], y: [1, 0], weights: [1, 1], bias: 0, activation: 'identity', loss: 'mse' });
    expect(r.reduction).toBe('mean');
    expect(r.z).toEqual([3, -1]);
    expect(r.a).toEqual([3, -1]);
    expect(r.dJda).toEqual([2, -1]);
    expect(r.fPrime).toEqual([1, 1]);
    expect(r.dJdz).toEqual([2, -1]);
    expect(r.dJdw).toEqual([2 * 1 + -1 * 0, 2 * 2 + -1 * -1]);
    expect(r.dJdb).toBe(1);
    expect(r.cost).toBe((4 + 1) / 2);
  });

  test('bce: dJ/dz is (a - y)/m even where dJ/da overflows', () => {
    const r = vectorBackprop({ x: [[1], [1]], y: [0, 1], weights: [1], bias: 99, activation: 'sigmoid', loss: 'bce' });
    expect(r.a).toEqual([1, 1]);
    expect(r.dJdz).toEqual([0.5, 0]);
    expect(Number.isFinite(r.dJda[0])).toBe(false);
    expect(r.cost).toBeCloseTo(100 / 2, 10);
  });

  test('rejects mismatched shapes and bce without sigmoid, naming the field', () => {
    const ok: VectorBatch = { x: [[1, 2]], y: [0], weights: [1, 1], bias: 0, activation: 'tanh', loss: 'mse' };
    expect(() => vectorBackprop({ ...ok, x: [] })).toThrow(/^x must/);
    expect(() => vectorBackprop({ ...ok, x: [[1]] })).toThrow(/^x\[0\] must have 2 features/);
    expect(() => vectorBackprop({ ...ok, y: [0, 1] })).toThrow(/^y must/);
    expect(() => vectorBackprop({ ...ok, loss: 'bce' })).toThrow(/^loss 'bce' requires activation 'sigmoid'/);
  });
});
