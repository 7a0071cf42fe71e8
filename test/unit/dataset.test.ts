import { describe, expect, test } from 'vitest';
import { datasetTruth, makeDataset } from '../../src/index';
import { fillPackedRows } from '../../src/engine/dataset';
import { checkDatasetSpec } from '../../src/engine/validate';

describe('datasets', () => {
  test('celsius counts up from -50 with y = 1.8 x + 32', () => {
    const { x, y, n, d } = makeDataset({ kind: 'celsius', n: 100 });
    expect([n, d]).toEqual([100, 1]);
    expect(x[0]).toBe(-50);
    expect(x[99]).toBe(49);
    for (let i = 0; i < n; i++) expect(y[i]).toBe(Math.fround(1.8 * x[i] + 32));
  });

  test('the same spec gives the same numbers; another seed does not', () => {
    const a = makeDataset({ kind: 'linear', n: 500, features: 4, seed: 9 });
    const b = makeDataset({ kind: 'linear', n: 500, features: 4, seed: 9 });
    const c = makeDataset({ kind: 'linear', n: 500, features: 4, seed: 10 });
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
    expect(a.x).not.toEqual(c.x);
  });

  test('rows generated in slices equal rows generated at once', () => {
    const spec = checkDatasetSpec({ kind: 'blobs', n: 1000, features: 3, seed: 4 });
    const whole = new Float32Array(1000 * 4);
    fillPackedRows(spec, 0, 1000, whole);
    const sliced = new Float32Array(1000 * 4);
    for (const [from, to] of [[600, 1000], [0, 17], [17, 600]]) fillPackedRows(spec, from, to, sliced, from * 4);
    expect(sliced).toEqual(whole);
  });

  test('linear labels follow the true relation within the noise', () => {
    const spec = { kind: 'linear' as const, n: 2000, features: 3, noise: 0.1, seed: 2 };
    const { x, y } = makeDataset(spec);
    const truth = datasetTruth(spec);
    let sq = 0;
    for (let i = 0; i < 2000; i++) {
      const pred = truth.bias + truth.weights.reduce((s, w, j) => s + w * x[i * 3 + j], 0);
      sq += (y[i] - pred) ** 2;
    }
    // Residual standard deviation is the noise level, 0.1 (within 10% for 2000 samples).
    expect(Math.sqrt(sq / 2000)).toBeGreaterThan(0.09);
    expect(Math.sqrt(sq / 2000)).toBeLessThan(0.11);
  });

  test('blobs: balanced labels 0 and 1, classes on opposite sides of the centre', () => {
    const spec = { kind: 'blobs' as const, n: 4000, features: 2, noise: 0.5, seed: 1 };
    const { x, y } = makeDataset(spec);
    const m = datasetTruth(spec).weights;
    let ones = 0;
    let correct = 0;
    for (let i = 0; i < 4000; i++) {
      expect(y[i] === 0 || y[i] === 1).toBe(true);
      ones += y[i];
      const side = m[0] * x[2 * i] + m[1] * x[2 * i + 1] > 0 ? 1 : 0;
      correct += side === y[i] ? 1 : 0;
    }
    expect(ones / 4000).toBeGreaterThan(0.45);
    expect(ones / 4000).toBeLessThan(0.55);
    // Centres 4 apart with sd 0.5: 4 sd from the boundary, so almost no point is on the wrong side.
    expect(correct / 4000).toBeGreaterThan(0.999);
  });
});
