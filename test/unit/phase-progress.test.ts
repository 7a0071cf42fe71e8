/**
 * train() tells its onProgress listener about the work before the first epoch (here, on
 * the CPU in Node: the dataset generated on the main thread), in order, with `done`
 * counting up to `total` and never past it.
 */
import { expect, test } from 'vitest';
import { gradients, train, type ProgressEvent, type TrainConfig } from '../../src/index';
import { rowsPerSlice } from '../../src/engine/dataset';
import { isAbortError } from '../../src/engine/errors';

/** 300,000 rows of 4 features: six slices of 52,428 rows (rowsPerSlice(4)). */
const config = (seed: number): TrainConfig => ({
  backend: 'cpu', dataset: { kind: 'linear', n: 300_000, features: 4, seed }, activation: 'identity', loss: 'mse',
  learningRate: 0.01, epochs: 2, batchSize: 300_000,
});

/** Checks the order (phases, then epochs) and the counts of one run's events; returns the dataset's `done` values. */
function checkOrder(events: ProgressEvent[], total: number): number[] {
  const firstEpoch = events.findIndex((e) => e.phase === 'training');
  expect(firstEpoch).toBeGreaterThan(0);
  const before = events.slice(0, firstEpoch);
  expect(events.slice(firstEpoch).every((e) => e.phase === 'training')).toBe(true);
  const done: number[] = [];
  for (const e of before) {
    expect(e.phase).toBe('dataset');
    if (e.phase !== 'dataset') continue;
    expect(e.backend).toBe('cpu');
    expect(e.total).toBe(total);
    expect(e.done).toBeLessThanOrEqual(e.total);
    expect(e.done).toBeGreaterThan(done.at(-1) ?? 0);
    done.push(e.done);
  }
  expect(done.at(-1)).toBe(total);
  return done;
}

test('the dataset phase counts rows slice by slice up to the total, before the first epoch', async () => {
  const events: ProgressEvent[] = [];
  await train(config(101), { onProgress: (p) => events.push(p) });
  const done = checkOrder(events, 300_000);
  const slice = rowsPerSlice(4);
  expect(done).toEqual([1, 2, 3, 4, 5].map((k) => k * slice).concat(300_000));
});

test('a cached dataset is reported once, as done', async () => {
  await train(config(102));
  const events: ProgressEvent[] = [];
  await train(config(102), { onProgress: (p) => events.push(p) });
  expect(checkOrder(events, 300_000)).toEqual([300_000]);
});

test('cancelled while generating, the run rejects and nothing half-made is kept: the next run generates afresh', async () => {
  const abort = new AbortController();
  const events: ProgressEvent[] = [];
  const run = train(config(103), {
    signal: abort.signal,
    onProgress: (p) => { events.push(p); if (p.phase === 'dataset' && p.done >= 2 * rowsPerSlice(4)) abort.abort(); },
  });
  const error = await run.then(() => null, (e: unknown) => e);
  expect(isAbortError(error)).toBe(true);
  expect(events.every((e) => e.phase === 'dataset' && e.done < e.total)).toBe(true);

  const again: ProgressEvent[] = [];
  const result = await train(config(103), { onProgress: (p) => again.push(p) });
  // Six reports again, the first after one slice: the cancelled rows were not kept as if whole.
  expect(checkOrder(again, 300_000)).toHaveLength(6);
  const fresh = await train(config(103));
  expect(result.weights).toEqual(fresh.weights);
});

test('gradients() reports the dataset phase too, and checks its options by name', async () => {
  const events: ProgressEvent[] = [];
  await gradients(config(104), { onProgress: (p) => events.push(p) });
  expect(events.length).toBe(6);
  expect(events.every((e) => e.phase === 'dataset' && e.done <= e.total)).toBe(true);
  expect(events.at(-1)).toEqual({ phase: 'dataset', backend: 'cpu', done: 300_000, total: 300_000 });
  await expect(gradients(config(104), { onNotice: () => {} } as never)).rejects.toThrow(/^options\.onNotice/);
  await expect(gradients(config(104), { onProgress: 1 } as never)).rejects.toThrow('options.onProgress must be a function');
});
