/**
 * Every progress report holds the parameters after exactly the epochs it names, on both
 * backends and in every batch mode, so whatever resumes from one (pause and play in the
 * page, the hand-over after a lost device, a DivergenceError's parameters) resumes exactly.
 *
 * Tolerances: a report at epoch E must equal a fresh run of E epochs bit for bit. The
 * same kernels run the same batches in the same order; only where submissions (GPU) or
 * reports (CPU) fall differs, and every value crossing those boundaries is stored
 * exactly. A run resumed from a report must match the uninterrupted run to 1e-6 relative:
 * the GPU restarts its Kahan compensations at 0 (a difference of about one float32 ulp,
 * 6e-8 relative, per parameter), which a contracting linear fit does not magnify.
 * Reports taken mid-epoch were off by 1e-4 to 2e-2.
 */
import { describe, expect, test } from 'vitest';
import { train, type Backend, type Progress, type TrainConfig } from '../../src/index';

const cases: { name: string; config: TrainConfig }[] = [
  {
    name: 'linear d = 3, n = 20,011, mini-batches of 257',
    config: {
      backend: 'gpu', dataset: { kind: 'linear', n: 20_011, features: 3, seed: 4 }, activation: 'identity', loss: 'mse',
      learningRate: 0.02, epochs: 40, batchSize: 257, init: { seed: 2 }, seed: 7,
    },
  },
  {
    name: 'linear d = 2, n = 50,021, mini-batches of 7',
    config: {
      backend: 'gpu', dataset: { kind: 'linear', n: 50_021, features: 2, seed: 8 }, activation: 'tanh', loss: 'mse',
      learningRate: 0.002, epochs: 12, batchSize: 7, init: { seed: 3 }, seed: 11,
    },
  },
  {
    // Batches too large for the small-batch kernel: a dispatch per batch, then the update.
    name: 'linear d = 2, n = 100,003, mini-batches of 9,000',
    config: {
      backend: 'gpu', dataset: { kind: 'linear', n: 100_003, features: 2, seed: 6 }, activation: 'identity', loss: 'mse',
      learningRate: 0.05, epochs: 30, batchSize: 9_000, init: { seed: 4 }, seed: 5,
    },
  },
  {
    name: 'blobs d = 2, n = 3,001, stochastic',
    config: {
      backend: 'gpu', dataset: { kind: 'blobs', n: 3_001, features: 2, seed: 1 }, activation: 'sigmoid', loss: 'bce',
      learningRate: 0.01, epochs: 200, batchSize: 1, init: { seed: 5 }, seed: 3,
    },
  },
];

function relativeDifference(a: number[], b: number[]): number {
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))));
}

describe.each(['gpu', 'cpu'] as Backend[])('%s reports', (backend) => {
  for (const { name, config: base } of cases) {
    test(`are whole epochs and resume exactly: ${name}`, async () => {
      const config = { ...base, backend };
      const reports: Progress[] = [];
      const whole = await train(config, { onProgress: (p) => { if (p.phase === 'training') reports.push(p); } });
      expect(whole.losses).toHaveLength(config.epochs);
      const inner = reports.filter((r) => r.epoch < config.epochs);
      expect(inner.length, 'reports before the last epoch').toBeGreaterThan(0);
      // The report in the middle, and the first: each must be what a run of that many epochs gives.
      for (const report of [inner[Math.floor(inner.length / 2)], inner[0]]) {
        const short = await train({ ...config, epochs: report.epoch });
        expect([...report.weights, report.bias], `report at epoch ${report.epoch}`).toEqual([...short.weights, short.bias]);
        const resumed = await train({
          ...config, epochs: config.epochs - report.epoch, startEpoch: report.epoch,
          init: { weights: report.weights, bias: report.bias },
        });
        expect(relativeDifference([...resumed.weights, resumed.bias], [...whole.weights, whole.bias])).toBeLessThanOrEqual(1e-6);
        expect(resumed.losses).toHaveLength(config.epochs - report.epoch);
      }
    });
  }
});
