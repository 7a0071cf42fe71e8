/** The scaling sweep's time left: each contender's latest pace, charged for the rows still to visit. */
import { expect, test } from 'vitest';
import { ScalingTimeLeft } from '../../src/app/model/scaling-time-left';

test('no estimate until every contender in the plan has a pace; then rows times pace, less the time already spent', () => {
  const left = new ScalingTimeLeft<'cpu' | 'gpu'>();
  const plan = [{ contender: 'gpu' as const, rows: 1000 }, { contender: 'cpu' as const, rows: 10_000 }, { contender: 'gpu' as const, rows: 10_000 }];
  left.measured('cpu', 100, 10); // 0.1 ms per row
  expect(left.msLeft(plan, 0)).toBeUndefined();
  left.measured('gpu', 1000, 20); // 0.02 ms per row
  // Current: 1000 rows * 0.02 = 20 ms, 5 spent; then 10,000 * 0.1 and 10,000 * 0.02.
  expect(left.msLeft(plan, 5)).toBeCloseTo(15 + 1000 + 200, 9);
  // A current measurement past its estimate counts as nearly done, not negative.
  expect(left.msLeft(plan, 50)).toBeCloseTo(1200, 9);
  // The latest measurement replaces the pace.
  left.measured('cpu', 1000, 50);
  expect(left.msLeft(plan.slice(1), 0)).toBeCloseTo(500 + 200, 9);
});
