/** The 'auto' backend picks whichever backend a quick calibration finds faster, and says why, as data. */
import { expect, test } from 'vitest';
import { describeBackendReason, train, type BackendReason, type TrainConfig } from '../../src/index';

/** The reason narrowed to 'auto', or a failed expectation. */
function autoReason(reason: BackendReason): Extract<BackendReason, { kind: 'auto' }> {
  if (reason.kind !== 'auto') throw new Error(`expected an 'auto' reason, got ${JSON.stringify(reason)}`);
  return reason;
}

test("'auto' picks a backend for each workload and gives its measurements as the reason", async () => {
  const base: TrainConfig = {
    backend: 'auto', dataset: { kind: 'linear', n: 2 ** 16, features: 8 }, activation: 'tanh', loss: 'mse',
    learningRate: 0.001, epochs: 2, batchSize: 2 ** 16,
  };
  for (const batchSize of [2 ** 16, 1]) {
    const result = await train({ ...base, batchSize });
    const reason = autoReason(result.backendReason);
    expect(reason.chosen).toBe(result.backend);
    expect(reason.sampleRows).toBe(65_536);
    expect(reason.batchSize).toBe(batchSize);
    // The chosen backend was the faster one in its own calibration, and both times are real.
    const other = reason.chosen === 'gpu' ? 'cpu' : 'gpu';
    expect(reason.msPerEpoch[reason.chosen]).toBeGreaterThan(0);
    expect(reason.msPerEpoch[reason.chosen]).toBeLessThanOrEqual(reason.msPerEpoch[other]);
    expect(Number.isFinite(reason.msPerEpoch[other])).toBe(true);
    expect(describeBackendReason(reason)).toMatch(new RegExp(`^Auto chose the ${result.backend.toUpperCase()}: about [0-9.,]+ (µs|ms|s) per epoch here against [0-9.,]+ (µs|ms|s) on the (CPU|GPU) \\(timed on 65,536 samples, batch ${batchSize.toLocaleString('en-US')}\\)\\.$`));
  }
});

test("where the run's batches go to the CPU workers, so do the calibration's: the sample has 2^20 values at least", async () => {
  // 2^18 rows of 8 features: full batches go to the workers; 65,536 rows would not (2^19.2 values).
  const result = await train({
    backend: 'auto', dataset: { kind: 'blobs', n: 2 ** 18, features: 8 }, activation: 'sigmoid', loss: 'bce',
    learningRate: 0.1, epochs: 2, batchSize: 2 ** 18,
  });
  const reason = autoReason(result.backendReason);
  expect([reason.sampleRows, reason.batchSize]).toEqual([116_509, 116_509]);
});

test('explicit backends say they were asked for', async () => {
  const config: TrainConfig = { backend: 'gpu', dataset: { kind: 'celsius', n: 10 }, activation: 'identity', loss: 'mse', learningRate: 1e-3, epochs: 1, batchSize: 10 };
  const gpu = await train(config);
  expect(gpu.backendReason).toEqual({ kind: 'asked', backend: 'gpu' });
  expect(describeBackendReason(gpu.backendReason)).toBe('The GPU was asked for.');
  const cpu = await train({ ...config, backend: 'cpu' });
  expect(cpu.backendReason).toEqual({ kind: 'asked', backend: 'cpu' });
  expect(describeBackendReason(cpu.backendReason)).toBe('The CPU was asked for.');
});
