/** The model file: written from the page's state, read back to the same settings and parameters; bad files refused by what is wrong. */
import { describe, expect, test } from 'vitest';
import { LossHistory } from '../../src/app/model/loss-history';
import { modelFile, readModelFile } from '../../src/app/model/model-file';
import { DEFAULT_SETTINGS, presetFor } from '../../src/app/state/settings';
import type { Table } from '../../src/index';

const history = new LossHistory();
history.push([4, 2, 1]);

const table: Table = {
  x: new Float32Array([0, 1, 1, 0, 2, 2]), y: new Float32Array([1, 2, 3]), n: 3, d: 2,
  columns: ['a', 'b'], target: 't', skippedRows: 0, notes: [], scaling: { mean: [1, 1], sd: [2, 4] },
};

describe('model file', () => {
  test('a generated set\'s model reads back to the same settings and parameters', () => {
    const s = { ...presetFor('linear'), features: 2, learningRate: 0.03 };
    const file = modelFile(s, { weights: [0.5, -2], bias: 3 }, history, undefined);
    expect(file).toMatchObject({ columns: ['x1', 'x2'], target: 'y', standardization: null, epochs: 3 });
    expect(file.lossHistory.points).toEqual([4, 2, 1]);
    expect(readModelFile(JSON.stringify(file), undefined)).toEqual({ settings: s, init: { weights: [0.5, -2], bias: 3 }, problems: [] });
  });

  test('a table\'s model gives the same neuron on raw values, and needs a table of as many features to read back', () => {
    const s = { ...presetFor('table'), n: 3, features: 2 };
    const p = { weights: [2, 8], bias: 1 };
    const file = modelFile(s, p, history, table);
    // (2/2) raw_a + (8/4) raw_b + 1 - (2·1/2 + 8·1/4) = raw_a + 2 raw_b - 2
    expect(file.standardization).toEqual({ mean: [1, 1], sd: [2, 4], rawWeights: [1, 2], rawBias: -2 });
    expect(readModelFile(JSON.stringify(file), undefined)).toEqual({
      error: 'Model file: it was trained on a table of 2 feature(s) (a, b); load that table first, then import the model.',
    });
    expect(readModelFile(JSON.stringify(file), table)).toEqual({ settings: s, init: p, problems: [] });
  });

  test('bad files are refused by what is wrong', () => {
    const good = modelFile(DEFAULT_SETTINGS, { weights: [1.8], bias: 32 }, history, undefined);
    expect(readModelFile('{', undefined)).toEqual({ error: expect.stringMatching(/^Model file: not JSON/) });
    expect(readModelFile('{"format":"other"}', undefined)).toEqual({ error: expect.stringContaining('must be a neuron-playground-model file') });
    expect(readModelFile(JSON.stringify({ ...good, weights: [null] }), undefined)).toEqual({ error: expect.stringContaining('weights must be a list of finite numbers') });
    expect(readModelFile(JSON.stringify({ ...good, weights: [1, 2] }), undefined)).toEqual({ error: 'Model file: 2 weights for 1 feature(s) in its settings.' });
    // A bad setting is named as a bad URL value is, and replaced by its default.
    const r = readModelFile(JSON.stringify({ ...good, settings: good.settings.replace('lr=0.001', 'lr=abc') }), undefined);
    expect('problems' in r && r.problems[0]).toMatch(/^Learning rate: lr must be/);
  });
});
