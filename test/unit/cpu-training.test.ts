import { describe, expect, test } from 'vitest';
import { gradients, makeDataset, train, type TrainConfig } from '../../src/index';
import { keyOfEpoch, makeSchedule, rowAt } from '../../src/engine/schedule';

const celsius = (reduction: 'mean' | 'sum'): TrainConfig => ({
  backend: 'cpu', dataset: { kind: 'celsius', n: 100 }, activation: 'identity', loss: 'mse',
  // The sum of 100 gradients is 100 times their mean, so the learning rate is 100 times smaller.
  learningRate: reduction === 'mean' ? 1e-3 : 1e-5, reduction,
  epochs: 10_000, batchSize: 100, init: { weights: [0.5], bias: 0 },
});

describe('the first tutorial on the CPU', () => {
  for (const reduction of ['mean', 'sum'] as const) {
    test(`celsius learns w = 1.8, b = 32 with ${reduction} reduction`, async () => {
      const r = await train(celsius(reduction));
      // The bias converges slowest: its error shrinks by (1 - 2 lr) per epoch, 1e-9 after
      // 10,000 epochs at lr 1e-3, so 1e-6 is far from the limit and far below any mistake.
      expect(Math.abs(r.weights[0] - 1.8)).toBeLessThan(1e-6);
      expect(Math.abs(r.bias - 32)).toBeLessThan(1e-6);
      expect(r.losses).toHaveLength(10_000);
      expect(r.losses[9999]).toBeLessThan(1e-10);
      expect(r.losses[0]).toBeGreaterThan(r.losses[1]);
      expect(r.backend).toBe('cpu');
    });
  }
});

test('full-batch gradient equals the hand-computed one', async () => {
  // celsius n = 3: x = -50, -49, -48; y = 1.8x + 32 stored as float32; w = 1, b = 0: e = a - y.
  const g = await gradients({ ...celsius('mean'), dataset: { kind: 'celsius', n: 3 }, batchSize: 3, init: { weights: [1], bias: 0 } });
  const xs = [-50, -49, -48];
  const e = xs.map((x) => x - Math.fround(1.8 * x + 32));
  expect(g.dw[0]).toBeCloseTo(xs.reduce((s, x, i) => s + 2 * e[i] * x, 0) / 3, 9);
  expect(g.db).toBeCloseTo(e.reduce((s, v) => s + 2 * v, 0) / 3, 9);
  expect(g.loss).toBeCloseTo(e.reduce((s, v) => s + v * v, 0) / 3, 9);
});

test('stochastic and mini-batch descent visit every sample once per epoch', async () => {
  // With a zero learning rate nothing moves, so each epoch's loss is the full-data mean loss
  // only if the batches cover every sample exactly once (mean of equal-size batch means).
  const base: TrainConfig = { backend: 'cpu', dataset: { kind: 'linear', n: 12, features: 2 }, activation: 'identity', loss: 'mse', learningRate: 1e-300, epochs: 3, batchSize: 12 };
  const full = await gradients(base);
  for (const batchSize of [1, 3, 4]) {
    const r = await train({ ...base, batchSize });
    for (const l of r.losses) expect(l).toBeCloseTo(full.loss, 12);
  }
});

test('mini-batches keep a short last batch and the loss is the mean of batch losses', async () => {
  // n = 10, batch 4: batches of 4, 4 and 2 (shuffled rows). With a learning rate too small
  // to move the parameters, each epoch's loss is the mean of the three batch means, which
  // weights the short batch's rows 2.5 times as much as the full mean over 10 rows would.
  const config: TrainConfig = {
    backend: 'cpu', dataset: { kind: 'linear', n: 10, features: 1 }, activation: 'identity', loss: 'mse',
    learningRate: 1e-300, epochs: 2, batchSize: 4, init: { weights: [0.5], bias: -0.25 }, seed: 3,
  };
  const { x, y } = makeDataset(config.dataset);
  const schedule = makeSchedule(10, 4, 3);
  const sampleLossAt = (row: number) => (0.5 * x[row] - 0.25 - y[row]) ** 2;
  const r = await train(config);
  expect(r.losses).toHaveLength(2);
  r.losses.forEach((loss, epoch) => {
    const key = keyOfEpoch(schedule, epoch);
    const batchMeans = [[0, 4], [4, 4], [8, 2]].map(([from, count]) => {
      let sum = 0;
      for (let p = from; p < from + count; p++) sum += sampleLossAt(rowAt(schedule, key, p));
      return sum / count;
    });
    expect(loss).toBeCloseTo((batchMeans[0] + batchMeans[1] + batchMeans[2]) / 3, 12);
  });
  const fullMean = Array.from({ length: 10 }, (_, row) => sampleLossAt(row)).reduce((a, b) => a + b) / 10;
  expect(Math.abs(r.losses[0] - fullMean)).toBeGreaterThan(1e-6);
});

test('progress is reported and the run can be aborted', async () => {
  const controller = new AbortController();
  const seen: number[] = [];
  const run = train({ ...celsius('mean'), epochs: 5_000_000 }, {
    signal: controller.signal,
    onProgress: (p) => { if (p.phase !== 'training') return; seen.push(p.epoch); if (p.epoch > 1000) controller.abort(); },
  });
  await expect(run).rejects.toThrow(/abort/i);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((e, i) => i === 0 || e > seen[i - 1])).toBe(true);
});
