/** The one timing helper: best of k, growing a call until it is long, the pace after a warm-up. */
import { expect, test } from 'vitest';
import { bestOf, growUntilLong, paceAfterWarmUp } from '../../src/engine/timing';

test('growUntilLong grows by the factor that would reach the aim, at least 2, until a call lasts untilMs', async () => {
  const sizes: number[] = [];
  // A call of `size` epochs lasts 0.01 ms each: the clock of a fast backend.
  const time = async (size: number) => { sizes.push(size); return size * 0.01; };
  const last = await growUntilLong({ start: 2, untilMs: 20, maxSize: 4096, floorMs: 0.1 }, time);
  // 2 epochs: 0.02 ms, counted as the 0.1 ms floor -> x200 = 400 epochs (4 ms) -> x5 = 2000 (20 ms): long enough.
  expect(sizes).toEqual([2, 400, 2000]);
  expect(last).toEqual({ size: 2000, ms: 20 });
});

test('growUntilLong stops at maxSize, at maxCalls, and caps each step at maxFactor', async () => {
  const flat = async () => 0.001;
  expect(await growUntilLong({ start: 2, untilMs: 20, maxSize: 4096, floorMs: 0.1 }, flat)).toEqual({ size: 4096, ms: 0.001 });
  const sizes: number[] = [];
  const slow = async (size: number) => { sizes.push(size); return 0.001; };
  await growUntilLong({ start: 1, untilMs: 100, aimMs: 400, maxSize: 100_000, maxFactor: 100, floorMs: 0.05, maxCalls: 3 }, slow);
  expect(sizes).toEqual([1, 100, 10_000]);
  // A first call already long enough is the only one.
  const once: number[] = [];
  await growUntilLong({ start: 1, untilMs: 5, maxSize: 10, floorMs: 0.1 }, async (size) => { once.push(size); return 50; });
  expect(once).toEqual([1]);
});

test('bestOf keeps the fastest of k calls', async () => {
  const waits = [30, 2, 15];
  let calls = 0;
  const best = await bestOf(3, () => new Promise((resolve) => setTimeout(resolve, waits[calls++])));
  expect(calls).toBe(3);
  // setTimeout(2) fires after at least 2 ms; well under the 15 ms of the next shortest.
  expect(best).toBeGreaterThanOrEqual(1.5);
  expect(best).toBeLessThan(15);
});

test('paceAfterWarmUp times from the first report to the end, or the whole run when there was no earlier report', () => {
  expect(paceAfterWarmUp({ done: 1, ms: 50 }, { done: 11, ms: 150 })).toEqual({ units: 10, msPerUnit: 10 });
  expect(paceAfterWarmUp(null, { done: 4, ms: 100 })).toEqual({ units: 4, msPerUnit: 25 });
  expect(paceAfterWarmUp({ done: 4, ms: 100 }, { done: 4, ms: 100 })).toEqual({ units: 4, msPerUnit: 25 });
});
