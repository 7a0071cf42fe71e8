/**
 * The page's handling of a loaded table, without a browser: the URL fallback, the table
 * as the engine's dataset, the plot's evenly spaced rows, and the neuron seen in the
 * plane of the first two features, the scaling sizes of a table.
 */
import { describe, expect, test } from 'vitest';
import { predictRow } from '../../src/app/model/neuron';
import { plotSample, spacedRows } from '../../src/app/model/plot-sample';
import { scalingSizes } from '../../src/app/model/scaling-run';
import { applyEdit } from '../../src/app/state/settings-patch';
import { DEFAULT_SETTINGS, presetFor } from '../../src/app/state/settings';
import { datasetSpec } from '../../src/app/state/train-config';
import { parseQuery, TABLE_NOT_IN_LINK, toQuery } from '../../src/app/state/url-state';
import { columnStats, firstTwoFeatures } from '../../src/app/table/column-stats';

/** 10 rows of 3 features: x_ij = i + j/10, y_i = i. */
const table = {
  x: Float32Array.from({ length: 30 }, (_, k) => Math.floor(k / 3) + (k % 3) / 10),
  y: Float32Array.from({ length: 10 }, (_, i) => i),
  d: 3,
};

describe('a link with dataset=table', () => {
  test('falls back to the default dataset with a note, keeping the other settings', () => {
    const { settings, problems } = parseQuery('?dataset=table&lr=0.25&epochs=7&seed=9');
    expect(settings.dataset).toBe(DEFAULT_SETTINGS.dataset);
    expect(problems).toContain(TABLE_NOT_IN_LINK);
    expect(settings.learningRate).toBe(0.25);
    expect(settings.epochs).toBe(7);
    expect(settings.seed).toBe(9);
  });

  test('is written by a page that trains on a table', () => {
    expect(toQuery({ ...presetFor('table'), n: 10, features: 3 })).toContain('dataset=table');
  });

  test('choosing "Your data" in the form changes nothing by itself (the table is loaded first)', () => {
    expect(applyEdit(DEFAULT_SETTINGS, { key: 'dataset', raw: 'table' })).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });
});

describe('a loaded table as the dataset', () => {
  const s = { ...presetFor('table'), n: 10, features: 3 };

  test('is handed to the engine as its own numbers, cut to n rows without a copy', () => {
    const spec = datasetSpec(s, 4, table);
    expect(spec).toEqual({ kind: 'table', x: table.x.subarray(0, 12), y: table.y.subarray(0, 4), features: 3 });
    if (spec.kind !== 'table') throw new Error('not a table');
    expect(spec.x.buffer).toBe(table.x.buffer);
  });

  test('without a table is a bug the page reports, not a silent synthetic set', () => {
    expect(() => datasetSpec(s)).toThrow(/no table is loaded/);
  });

  test('is plotted from evenly spaced rows, with no true relation', () => {
    const all = plotSample(s, table);
    expect(all.data.n).toBe(10);
    expect(all.truth).toBeUndefined();
    const some = spacedRows(table, 4);
    // Rows 0, 2, 5, 7 (floor(k * 10 / 4)).
    expect(Array.from(some.y)).toEqual([0, 2, 5, 7]);
    expect(Array.from(some.x.subarray(3, 6))).toEqual(Array.from(table.x.subarray(6, 9)));
  });
});

describe('the decision boundary of more than two features', () => {
  test('holds the others at their means: the 2-D neuron gives the same output as the full one there', () => {
    const stats = columnStats(table);
    expect(stats.target).toEqual({ min: 0, max: 9, mean: 4.5 });
    const means = stats.features.map((c) => c.mean);
    const p = { weights: [0.5, -1.25, 2], bias: 0.75 };
    const { data, params } = firstTwoFeatures({ ...table, n: 10 }, means, p);
    expect(data.d).toBe(2);
    for (let i = 0; i < 10; i++) {
      const full = predictRow(p, 'identity', [data.x[2 * i], data.x[2 * i + 1], means[2]], 0, 3);
      const plane = predictRow(params, 'identity', data.x, i, 2);
      // Both sums are float64 of the same terms in another order: equal to rounding (1e-12 of values near 10).
      expect(plane).toBeCloseTo(full, 12);
    }
  });
});

describe('the scaling sizes of a table', () => {
  test('are the sizes below its row count, then all of it; a large table gets every size', () => {
    expect(scalingSizes(5)).toEqual([1000, 3000, 10_000, 30_000, 100_000]);
    expect(scalingSizes(5, 40)).toEqual([40]);
    expect(scalingSizes(5, 12_345)).toEqual([1000, 3000, 10_000, 12_345]);
    expect(scalingSizes(5, 100_000)).toEqual([1000, 3000, 10_000, 30_000, 100_000]);
    expect(scalingSizes(4, 5_000_000)).toEqual([1000, 3000, 10_000]);
  });
});
