/** The log axes' candidate ticks: 1 to 9 times each power of ten in range, bounded for any range. */
import { expect, test } from 'vitest';
import { logSplits } from '../../src/app/charts/uplot-look';

test('1 to 9 times each power of ten within the range', () => {
  expect(logSplits(1000, 10000)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
  expect(logSplits(0.02, 0.5)).toEqual([0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.3, 0.4, 0.5]);
});

test('a minimum at or below zero, or a range beyond float64, gives a bounded list, not a runaway one', () => {
  expect(logSplits(0, 100)).toEqual([]);
  expect(logSplits(-1, 100)).toEqual([]);
  expect(logSplits(NaN, 100)).toEqual([]);
  expect(logSplits(1, Infinity)).toEqual([]);
  expect(logSplits(1e-300, 1e300).length).toBeLessThanOrEqual(270);
});
