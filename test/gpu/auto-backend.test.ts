/** The 'auto' backend picks whichever backend a quick calibration finds faster, and says why. */
import { expect, test } from 'vitest';
import { train, type TrainConfig } from '../../src/index';

test("'auto' picks a backend for each workload and gives its measurements as the reason", async () => {
  const base: TrainConfig = {
    backend: 'auto', dataset: { kind: 'linear', n: 2 ** 16, features: 8 }, activation: 'tanh', loss: 'mse',
    learningRate: 0.001, epochs: 2, batchSize: 2 ** 16,
  };
  for (const batchSize of [2 ** 16, 1]) {
    const result = await train({ ...base, batchSize });
    expect(result.backendReason).toMatch(new RegExp(`^auto chose the ${result.backend.toUpperCase()}: about [0-9.,]+ ms per epoch here against [0-9.,]+ ms on the (CPU|GPU) \\(timed on 65,536 samples, batch ${batchSize.toLocaleString('en-US')}\\)$`));
    // The chosen backend was the faster one in its own calibration.
    const [chosen, other] = result.backendReason.match(/[0-9.,]+ ms/g)!.map((t) => Number(t.replace(/[ ms,]/g, '')));
    expect(chosen).toBeLessThanOrEqual(other);
  }
});

test("where the run's batches go to the CPU workers, so do the calibration's: the sample has 2^20 values at least", async () => {
  // 2^18 rows of 8 features: full batches go to the workers; 65,536 rows would not (2^19.2 values).
  const result = await train({
    backend: 'auto', dataset: { kind: 'blobs', n: 2 ** 18, features: 8 }, activation: 'sigmoid', loss: 'bce',
    learningRate: 0.1, epochs: 2, batchSize: 2 ** 18,
  });
  expect(result.backendReason).toMatch(/\(timed on 116,509 samples, batch 116,509\)$/);
});

test('explicit backends say they were asked for', async () => {
  const config: TrainConfig = { backend: 'gpu', dataset: { kind: 'celsius', n: 10 }, activation: 'identity', loss: 'mse', learningRate: 1e-3, epochs: 1, batchSize: 10 };
  expect((await train(config)).backendReason).toBe('the GPU was asked for');
  expect((await train({ ...config, backend: 'cpu' })).backendReason).toBe('the CPU was asked for');
});
