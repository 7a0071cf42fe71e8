/**
 * Cancelling a GPU run at any moment rejects with AbortError, frees what the run
 * allocated, and leaves the trainer's device and the dataset cache fit for the next run.
 * The moments are taken two ways: pinned (before the first submission, inside a readback's
 * report, while the first submissions are in flight, during the dataset upload), so a
 * fault at one of them fails every time; and swept, hundreds of runs cancelled after
 * delays spread from 0 to past the first readback, for the moments no pin names.
 */
import { expect, test } from 'vitest';
import { liveGpuBuffers, train, type TrainConfig } from '../../src/index';
import { checkTrainConfig } from '../../src/engine/validate';
import { acquireGpu, type GpuContext } from '../../src/gpu/device';
import { GpuTrainer } from '../../src/gpu/gpu-trainer';
import { evictCachedRows } from '../../src/gpu/dataset-cache';

async function gpu(): Promise<GpuContext> {
  const got = await acquireGpu();
  if (typeof got === 'string') throw new Error(`this test needs WebGPU: ${got}`);
  return got;
}

const config: TrainConfig = {
  backend: 'gpu', dataset: { kind: 'blobs', n: 500, features: 2 }, activation: 'sigmoid', loss: 'bce',
  learningRate: 0.1, epochs: 200_000, batchSize: 50,
};

/** The error's name, or 'finished' when the run was not cancelled in time. */
async function outcome(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'finished';
  } catch (e) {
    return e instanceof Error ? `${e.name}${e.name === 'AbortError' ? '' : `: ${e.message}`}` : String(e);
  }
}

/** A short run whose result the cancelled runs must not have disturbed. */
async function referenceRun() {
  return train({ ...config, epochs: 5 });
}

test('a trainer cancelled before its first submission rejects with AbortError and runs again', async () => {
  for (const batchSize of [50, 500]) {
    const trainer = await GpuTrainer.create(checkTrainConfig({ ...config, batchSize }), undefined, { gpu: await gpu() });
    try {
      const controller = new AbortController();
      controller.abort();
      expect(await outcome(trainer.run(10, () => undefined, controller.signal))).toBe('AbortError');
      const again = await trainer.run(3, () => undefined);
      expect(again.losses).toHaveLength(3);
    } finally {
      trainer.dispose();
    }
  }
});

test('cancelling inside a report, and with the first submissions in flight, rejects with AbortError', async () => {
  for (const batchSize of [50, 500]) {
    const trainer = await GpuTrainer.create(checkTrainConfig({ ...config, batchSize }), undefined, { gpu: await gpu() });
    try {
      const inReport = new AbortController();
      expect(await outcome(trainer.run(100_000, () => inReport.abort(), inReport.signal))).toBe('AbortError');
      const inFlight = new AbortController();
      const run = trainer.run(100_000, () => undefined, inFlight.signal);
      inFlight.abort();
      expect(await outcome(run)).toBe('AbortError');
    } finally {
      trainer.dispose();
    }
  }
});

test('cancelling during the dataset upload rejects with AbortError and caches nothing half-made', async () => {
  const big: TrainConfig = { ...config, dataset: { kind: 'linear', n: 2_000_000, features: 3, seed: 9 }, activation: 'identity', loss: 'mse', epochs: 1, batchSize: 2_000_000 };
  evictCachedRows();
  await new Promise((resolve) => setTimeout(resolve, 0)); // eviction destroys the buffers once their upload settles
  const before = liveGpuBuffers();
  const controller = new AbortController();
  const run = train(big, { signal: controller.signal });
  setTimeout(() => controller.abort(), 1);
  expect(await outcome(run)).toBe('AbortError');
  expect(liveGpuBuffers()).toBe(before);
  const whole = await train({ ...big, epochs: 1 });
  expect(whole.losses).toHaveLength(1);
});

test('three hundred runs cancelled at moments from 0 to past the first readback all reject with AbortError', async () => {
  const reference = await referenceRun();
  // The first readback lands about one submission (tens of ms) after the run starts.
  let firstReportMs = 0;
  const start = performance.now();
  await train({ ...config, epochs: 20 }, { onProgress: (p) => { if (p.phase === 'training') firstReportMs ||= performance.now() - start; } });
  const latestMs = Math.max(40, 2 * firstReportMs);
  const before = liveGpuBuffers();
  const outcomes = new Map<string, number>();
  for (let i = 0; i < 300; i++) {
    const controller = new AbortController();
    const delay = (latestMs * i) / 299;
    const run = train({ ...config, batchSize: i % 2 ? 50 : 500 }, { signal: controller.signal });
    if (delay < 1) controller.abort();
    else setTimeout(() => controller.abort(), delay);
    const got = await outcome(run);
    outcomes.set(got, (outcomes.get(got) ?? 0) + 1);
  }
  console.log(`cancel sweep, delays 0 to ${latestMs.toFixed(0)} ms:`, Object.fromEntries(outcomes));
  expect(Object.fromEntries(outcomes)).toEqual({ AbortError: 300 });
  expect(liveGpuBuffers()).toBe(before);
  const after = await referenceRun();
  expect(after.weights).toEqual(reference.weights);
  expect(after.bias).toBe(reference.bias);
  // 45 to 65 s alone in Chromium here; Node's Dawn and a shared machine take two or three times that.
}, 600_000);
