/** The `table` dataset kind: its rules, and training on it on the CPU (main thread, Node). */
import { describe, expect, test } from 'vitest';
import { ConfigError, datasetTruth, gradients, makeDataset, train, type TrainConfig } from '../../src/index';
import { datasetKey, datasetSample } from '../../src/engine/dataset';
import { checkDatasetSpec, checkTrainConfig } from '../../src/engine/validate';

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const base = { backend: 'cpu', activation: 'identity', loss: 'mse', learningRate: 0.05, epochs: 4, batchSize: 7, seed: 3 } as const;

describe('a table dataset is checked', () => {
  const x = new Float32Array([1, 2, 3, 4, 5, 6]);
  const y = new Float32Array([1, 0, 1]);
  test.each<[string, Record<string, unknown>, string, string]>([
    ['features missing', { kind: 'table', x, y }, 'dataset.features', 'dataset.features must be an integer from 1 to 1,024; got nothing'],
    ['x of the wrong length', { kind: 'table', x: x.subarray(1), y, features: 2 }, 'dataset.x', 'dataset.x must be a Float32Array of y.length × features = 3 × 2 = 6 values; got a Float32Array of length 5'],
    ['x a plain array', { kind: 'table', x: [1, 2, 3, 4, 5, 6], y, features: 2 }, 'dataset.x', 'got an array of length 6'],
    ['no rows', { kind: 'table', x: new Float32Array(0), y: new Float32Array(0), features: 1 }, 'dataset.y', 'dataset.y must be a Float32Array of at least one target; got a Float32Array of length 0'],
    ['a NaN feature', { kind: 'table', x: new Float32Array([1, 2, 3, NaN, 5, 6]), y, features: 2 }, 'dataset.x[3]', 'dataset.x[3] must be a finite number (row 1, feature 1); got NaN'],
    ['an infinite target', { kind: 'table', x, y: new Float32Array([1, -Infinity, 0]), features: 2 }, 'dataset.y[1]', 'dataset.y[1] must be a finite number (row 1); got -Infinity'],
    ['a setting of synthetic data', { kind: 'table', x, y, features: 2, n: 3 }, 'dataset.n', 'dataset.n is not a setting; allowed: kind, x, y, features'],
  ])('%s', (_, dataset, field, message) => {
    const e = refusal(() => checkDatasetSpec(dataset));
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
  });

  test("loss 'bce' needs targets 0 and 1, and the message says which others were found", () => {
    const dataset = { kind: 'table', x: new Float32Array(5), y: new Float32Array([0, 2, 1, 0.5, 2]), features: 1 } as const;
    const e = refusal(() => checkTrainConfig({ ...base, dataset, activation: 'sigmoid', loss: 'bce', batchSize: 5 }));
    expect(e.field).toBe('dataset.y');
    expect(e.message).toBe("dataset.y must hold only targets 0 and 1 for loss 'bce'; found 2, 0.5 (3 rows with other values in all)");
    const binary = { ...dataset, y: new Float32Array([0, 1, 1, 0, 1]) };
    expect(checkTrainConfig({ ...base, dataset: binary, activation: 'sigmoid', loss: 'bce', batchSize: 5 }).dataset.n).toBe(5);
  });

  test('a table has no hidden relation to recover', () => {
    expect(refusal(() => datasetTruth({ kind: 'table', x, y, features: 2 })).field).toBe('dataset.kind');
  });

  test('the cache key follows the numbers, not the arrays holding them', () => {
    const key = (xs: number[]) => datasetKey(checkDatasetSpec({ kind: 'table', x: new Float32Array(xs), y, features: 2 }) as never);
    expect(key([1, 2, 3, 4, 5, 6])).toBe(key([1, 2, 3, 4, 5, 6]));
    expect(key([1, 2, 3, 4, 5, 6.000001])).not.toBe(key([1, 2, 3, 4, 5, 6]));
    expect(key([0, 2, 3, 4, 5, 6])).not.toBe(key([-0, 2, 3, 4, 5, 6])); // the bits, so -0 is its own table
  });
});

describe('training on a table equals training on the same numbers generated', () => {
  // The same float32 values in the same order and the same float64 arithmetic: equal to the last bit.
  const cases: [string, TrainConfig][] = [
    ['linear, 3 features, shuffled mini-batches', { ...base, dataset: { kind: 'linear', n: 1001, features: 3, seed: 9 } }],
    ['blobs, sigmoid + bce, full batch', { ...base, dataset: { kind: 'blobs', n: 500, seed: 2 }, activation: 'sigmoid', loss: 'bce', batchSize: 500, learningRate: 0.5 }],
    ['celsius, sum reduction', { ...base, dataset: { kind: 'celsius', n: 100 }, reduction: 'sum', learningRate: 1e-6, batchSize: 100 }],
  ];
  test.each(cases)('%s', async (_, config) => {
    const data = makeDataset(config.dataset);
    const table: TrainConfig = { ...config, dataset: { kind: 'table', x: data.x, y: data.y, features: data.d } };
    const [generated, given] = [await train(config), await train(table)];
    expect(given.weights).toEqual(generated.weights);
    expect(given.bias).toBe(generated.bias);
    expect(given.losses).toEqual(generated.losses);
    expect(await gradients(table)).toEqual(await gradients(config));
  });

  test('a table changed in one value is trained as the new numbers, not from the cache', async () => {
    const data = makeDataset({ kind: 'linear', n: 64, features: 2, seed: 1 });
    const config: TrainConfig = { ...base, batchSize: 64, dataset: { kind: 'table', x: data.x, y: data.y, features: 2 } };
    const before = await gradients(config);
    const y = data.y.slice();
    y[63] += 10;
    const after = await gradients({ ...config, dataset: { ...config.dataset, y } as TrainConfig['dataset'] });
    expect(after.db).not.toBe(before.db);
    expect(after.db - before.db).toBeCloseTo(-2 * 10 / 64, 5); // d(mean (z - y)^2)/db moves by -2 Δy / n
  });

  test('samples of a table are its rows', () => {
    const data = makeDataset({ kind: 'linear', n: 10, features: 2, seed: 4 });
    const sample = datasetSample({ kind: 'table', x: data.x, y: data.y, features: 2 }, 5);
    expect(sample.rows).toEqual([0, 2, 4, 6, 8]);
    expect(Array.from(sample.y)).toEqual([0, 2, 4, 6, 8].map((r) => data.y[r]));
  });
});
