/** train() in calls of a few epochs (the landscape's full-batch paths) trains exactly as one call. */
import { expect, test } from 'vitest';
import { DivergenceError, train, type Progress, type TrainConfig } from '../../src/index';
import { PATH_POINTS, trainInSteps } from '../../src/app/model/train-in-steps';

const config: TrainConfig = {
  backend: 'cpu', dataset: { kind: 'linear', n: 300, features: 2, seed: 4 }, activation: 'tanh', loss: 'mse',
  learningRate: 0.05, epochs: 2 * PATH_POINTS + 7, batchSize: 300, init: { seed: 2 }, startEpoch: 11,
};

/**
 * Within float64 rounding: the CPU's epoch losses came out 1 ulp apart at a few epochs
 * (24 of 507 here, 8.9e-16 on a loss of about 1); the parameters stay within a few ulps.
 */
const ulps = (a: number, b: number) => Math.abs(a - b) / (Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), 1e-300));

test('the same losses and parameters, with a report per call', async () => {
  const whole = await train(config);
  const reports: Progress[] = [];
  const stepped = await trainInSteps(config, { onProgress: (p) => { if (p.phase === 'training') reports.push(p); } });
  expect(stepped.losses.length).toBe(whole.losses.length);
  stepped.losses.forEach((loss, e) => expect(ulps(loss, whole.losses[e])).toBeLessThanOrEqual(4));
  stepped.weights.forEach((w, j) => expect(ulps(w, whole.weights[j])).toBeLessThanOrEqual(4));
  expect(ulps(stepped.bias, whole.bias)).toBeLessThanOrEqual(4);
  // Calls of 3 epochs: at least a report per call, epochs counted over the whole run.
  expect(reports.length).toBeGreaterThanOrEqual(Math.ceil(config.epochs / 3));
  expect(reports.at(-1)!.epoch).toBe(config.epochs);
  expect(reports.map((r) => r.epoch)).toEqual([...reports.map((r) => r.epoch)].sort((a, b) => a - b));
});

test('a divergence in a later call carries every finite loss before it', async () => {
  const diverging: TrainConfig = { ...config, dataset: { kind: 'celsius', n: 100 }, activation: 'identity', init: { weights: [0], bias: 0 }, learningRate: 2e-3, epochs: 2000, batchSize: 100 };
  const whole = await train(diverging).then(() => null, (e: unknown) => e);
  const stepped = await trainInSteps(diverging, {}).then(() => null, (e: unknown) => e);
  expect(whole).toBeInstanceOf(DivergenceError);
  expect(stepped).toBeInstanceOf(DivergenceError);
  expect((stepped as DivergenceError).epoch).toBe((whole as DivergenceError).epoch);
  expect((stepped as DivergenceError).losses).toEqual((whole as DivergenceError).losses);
});
