/**
 * The phases before the first epoch in the browser: the GPU's upload counts rows up to the
 * total and then compiles, 'auto' says it is timing first, and the CPU's worker pool adds
 * up its workers' rows. In every case `done` counts up and never passes `total`, and every
 * phase comes before the first epoch.
 */
import { afterAll, expect, test } from 'vitest';
import { train, type ProgressEvent, type TrainConfig } from '../../src/index';
import { rowsPerSlice } from '../../src/engine/dataset';
import { isAbortError } from '../../src/engine/errors';
import { setCpuWorkers } from '../../src/cpu/worker-pool';

afterAll(() => setCpuWorkers('auto'));

/** 400,000 rows of 4 features (8 MB): eight slices of 52,428 rows; a full batch goes to the CPU workers. */
const config = (backend: TrainConfig['backend'], seed: number): TrainConfig => ({
  backend, dataset: { kind: 'linear', n: 400_000, features: 4, seed }, activation: 'identity', loss: 'mse',
  learningRate: 0.01, epochs: 2, batchSize: 400_000,
});

/** The phase names in order, repeats of a phase folded into one; checks the dataset counts on the way. */
function phasesOf(events: ProgressEvent[]): string[] {
  const names: string[] = [];
  let done = 0;
  for (const e of events) {
    if (e.phase === 'dataset') {
      expect(e.done).toBeGreaterThan(done);
      expect(e.done).toBeLessThanOrEqual(e.total);
      done = e.done;
    }
    if (names.at(-1) !== e.phase) names.push(e.phase);
  }
  return names;
}

test('the GPU reports rows uploaded, slice by slice up to the total, then compiling, then epochs', async () => {
  const events: ProgressEvent[] = [];
  await train(config('gpu', 201), { onProgress: (p) => events.push(p) });
  expect(phasesOf(events)).toEqual(['dataset', 'compiling', 'training']);
  const rows = events.flatMap((e) => (e.phase === 'dataset' ? [e] : []));
  expect(rows.every((e) => e.backend === 'gpu' && e.total === 400_000)).toBe(true);
  const slice = rowsPerSlice(4);
  expect(rows.map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6, 7].map((k) => k * slice).concat(400_000));
});

test("'auto' says it is timing both backends before anything else", async () => {
  const events: ProgressEvent[] = [];
  const result = await train(config('auto', 202), { onProgress: (p) => events.push(p) });
  const phases = phasesOf(events);
  expect(phases[0]).toBe('calibrating');
  expect(phases).toEqual(result.backend === 'gpu' ? ['calibrating', 'dataset', 'compiling', 'training'] : ['calibrating', 'dataset', 'training']);
});

test('the CPU worker pool adds up its workers’ rows; cancelled while they generate, the pool is ended and the next run works', async () => {
  setCpuWorkers(2);
  const events: ProgressEvent[] = [];
  await train(config('cpu', 203), { onProgress: (p) => events.push(p) });
  expect(phasesOf(events)).toEqual(['dataset', 'training']);
  // Two workers of 200,000 rows each report after each of their slices: more than two counts.
  expect(events.filter((e) => e.phase === 'dataset').length).toBeGreaterThan(2);

  const abort = new AbortController();
  const cancelled = train(config('cpu', 204), {
    signal: abort.signal,
    onProgress: (p) => { if (p.phase === 'dataset') abort.abort(); },
  });
  expect(isAbortError(await cancelled.then(() => null, (e: unknown) => e))).toBe(true);
  const after: ProgressEvent[] = [];
  const result = await train(config('cpu', 204), { onProgress: (p) => after.push(p) });
  expect(phasesOf(after)).toEqual(['dataset', 'training']);
  expect(result.losses).toHaveLength(2);
});
