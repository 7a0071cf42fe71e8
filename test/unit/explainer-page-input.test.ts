import { describe, expect, test } from 'vitest';
import { makeDataset } from '../../src/engine/dataset';
import { explainerInput } from '../../src/app/explainer/page-input';
import { MAX_BATCH } from '../../src/app/explainer/vector-view';

describe('explainerInput', () => {
  const neuron = { weights: [0.8, -1.1], bias: 0.3, activation: 'sigmoid', loss: 'bce', reduction: 'sum' } as const;

  test("row 0 is the sample, the first MAX_BATCH rows the batch, with the page's neuron", () => {
    const data = makeDataset({ kind: 'blobs', n: 50, features: 2, noise: 0.5, seed: 4 });
    const { sample, batch } = explainerInput(data, neuron);
    expect(sample).toEqual({
      inputs: [data.x[0], data.x[1]], weights: [0.8, -1.1], bias: 0.3, activation: 'sigmoid',
      loss: { kind: 'bce', target: data.y[0] },
    });
    expect(batch.x).toHaveLength(MAX_BATCH);
    batch.x.forEach((row, i) => expect(row).toEqual([data.x[2 * i], data.x[2 * i + 1]]));
    expect(batch.y).toEqual(Array.from(data.y.subarray(0, MAX_BATCH)));
    expect(batch).toMatchObject({ weights: [0.8, -1.1], bias: 0.3, activation: 'sigmoid', loss: 'bce', reduction: 'sum' });
    // Copies: the panel may keep them while the page trains on.
    expect(batch.weights).not.toBe(neuron.weights);
    expect(sample.weights).not.toBe(batch.weights);
  });

  test('a dataset smaller than MAX_BATCH is passed whole', () => {
    const data = makeDataset({ kind: 'celsius', n: 3, seed: 1 });
    const { batch } = explainerInput(data, { ...neuron, weights: [1.8], activation: 'identity', loss: 'mse' });
    expect(batch.x).toEqual([[-50], [-49], [-48]]);
    expect(batch.y.map((v) => Math.round(v * 10) / 10)).toEqual([-58, -56.2, -54.4]);
  });
});
