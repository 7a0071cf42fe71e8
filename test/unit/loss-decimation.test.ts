/** The loss chart's decimation: what it keeps of a long history, and that it keeps all of a short one. */
import { describe, expect, test } from 'vitest';
import { decimateLosses } from '../../src/app/charts/loss-decimation';
import { LossHistory } from '../../src/app/model/loss-history';

function historyOf(losses: number[]): LossHistory {
  const h = new LossHistory();
  h.push(losses);
  return h;
}

describe('decimateLosses', () => {
  test('a history that fits keeps every epoch, x the epoch number from 1', () => {
    const h = historyOf([5, 4, 3, 2, 1]);
    expect(decimateLosses(h, 0, 5, 100, false)).toEqual([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]]);
  });

  test('a long history gives at most two points per column: each column\'s lowest and highest, in epoch order', () => {
    const losses = Array.from({ length: 100_000 }, (_, i) => Math.sin(i * 0.01) + i * 1e-5);
    const h = historyOf(losses);
    const columns = 300;
    const [epochs, values] = decimateLosses(h, 0, h.epochs, columns, false);
    expect(epochs.length).toBeLessThanOrEqual(2 * columns);
    expect(epochs.length).toBeGreaterThan(columns);
    for (let i = 1; i < epochs.length; i++) expect(epochs[i]).toBeGreaterThan(epochs[i - 1]);
    // Every point is a real one: its loss is that epoch's.
    epochs.forEach((e, i) => expect(values[i]).toBe(losses[e - 1]));
    // The curve's extremes survive.
    expect(Math.min(...(values as number[]))).toBe(Math.min(...losses));
    expect(Math.max(...(values as number[]))).toBe(Math.max(...losses));
  });

  test('a zoomed range keeps its epochs and one neighbour each side', () => {
    const h = historyOf(Array.from({ length: 1000 }, (_, i) => i + 1));
    const [epochs] = decimateLosses(h, 400, 410, 100, false);
    expect(epochs).toEqual([399, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411]);
  });

  test('a stored point of a halved history stands at the last epoch it averages', () => {
    const h = historyOf(Array.from({ length: 2 ** 20 + 2 }, () => 1));
    expect(h.stride).toBe(2);
    const [epochs] = decimateLosses(h, 0, 8, 100, false);
    expect(epochs).toEqual([2, 4, 6, 8, 10]);
  });

  test('on a log axis, losses of zero are gaps, not points', () => {
    expect(decimateLosses(historyOf([2, 0, 1]), 0, 3, 10, true)[1]).toEqual([2, null, 1]);
    expect(decimateLosses(historyOf([2, 0, 1]), 0, 3, 10, false)[1]).toEqual([2, 0, 1]);
  });
});
