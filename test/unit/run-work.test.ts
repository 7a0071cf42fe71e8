/** The page's reading of progress events: phases, bars, the time left, and the end-of-run line. */
import { expect, test } from 'vitest';
import { cancelledSummary, describeWork, nextWork, runSummary, timeLeftMs, type RunWork } from '../../src/app/model/run-work';
import type { ProgressEvent } from '../../src/index';

const rows = (done: number): ProgressEvent => ({ phase: 'dataset', backend: 'cpu', done, total: 1000 });

test('the dataset bar is determinate; the time left comes once 300 ms of pace are known, at that pace', () => {
  let work: RunWork | undefined = nextWork(undefined, { phase: 'calibrating' }, 0);
  expect(describeWork(work)).toEqual({ label: 'Timing both backends on a sample (Auto)…', announcement: 'Timing both backends on a sample (Auto)…' });
  work = nextWork(work, rows(100), 50);
  expect(work.first).toEqual({ done: 100, ms: 50 });
  work = nextWork(work, rows(200), 250);
  expect(timeLeftMs(work)).toBeUndefined(); // 200 ms of pace: too early
  work = nextWork(work, rows(400), 350);
  // 300 rows in 300 ms since the first report: 600 rows left take 600 ms.
  expect(timeLeftMs(work)).toBeCloseTo(600, 9);
  expect(describeWork(work)).toEqual({
    label: 'Generating the dataset on the CPU: 400 of 1,000 rows', announcement: 'Generating the dataset on the CPU…',
    value: 400, max: 1000, timeLeft: 'about 600 ms left',
  });
});

test('a new phase starts its own pace; compiling has no amount', () => {
  let work = nextWork(undefined, rows(1000), 10);
  work = nextWork(work, { phase: 'compiling' }, 400);
  expect(describeWork(work).value).toBeUndefined();
  work = nextWork(work, {
    phase: 'training', epoch: 2, epochs: 10, losses: [1, 1], weights: [0], bias: 0, backend: 'gpu',
    backendReason: { kind: 'asked', backend: 'gpu' }, ms: 5,
  }, 500);
  expect(work.first).toEqual({ done: 2, ms: 500 });
  expect(describeWork(work).label).toBe('Training on the GPU: 2 of 10 epochs');
});

test('the end-of-run line gives epochs, time, backend and adapter, samples per second and why', () => {
  expect(runSummary({ epochs: 20, n: 1_000_000, ms: 2000, backend: 'gpu', adapter: 'google swiftshader', backendReason: { kind: 'asked', backend: 'gpu' } }))
    .toBe('Trained 20 epochs in 2.00 s on the GPU (google swiftshader), 10M samples/s. The GPU was asked for.');
  expect(cancelledSummary(nextWork(undefined, { phase: 'dataset', backend: 'gpu', done: 5, total: 1000 }, 0)))
    .toBe('Cancelled while generating the dataset and uploading it to the GPU; nothing of it was kept.');
});
