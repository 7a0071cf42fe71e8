/**
 * The 'auto' backend: whichever of GPU and CPU is faster for this configuration on this
 * machine, found by timing both on a sample of the work. Each backend trains a private
 * copy of up to CALIBRATION_ROWS rows of the same dataset, at the same batch size (capped
 * at that), for a warm-up epoch and the better of two timed ones; the time per sample, times n, predicts
 * an epoch. Results are kept per (activation, loss, d, batch size) for the session.
 */
import { CpuTrainer } from '../cpu/cpu-trainer';
import type { GpuContext } from '../gpu/device';
import { GpuTrainer } from '../gpu/gpu-trainer';
import type { Trainer } from './trainer';
import type { CheckedConfig } from './validate';

const CALIBRATION_ROWS = 2 ** 16;

export interface BackendChoice {
  backend: 'gpu' | 'cpu';
  /** Why, in words for the status line. */
  reason: string;
}

const measured = new Map<string, Promise<{ cpu: number; gpu: number; rows: number }>>();

/** Milliseconds per sample of one epoch on a trainer: the best of two after a warm-up epoch. */
async function msPerSample(trainer: Trainer, rows: number): Promise<number> {
  try {
    await trainer.run(1, () => undefined);
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const start = performance.now();
      await trainer.run(1, () => undefined);
      best = Math.min(best, performance.now() - start);
    }
    return best / rows;
  } finally {
    trainer.dispose();
  }
}

function formatMs(ms: number): string {
  if (ms >= 10) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${ms.toFixed(ms >= 1 ? 1 : 3)} ms`;
}

export async function chooseBackend(config: CheckedConfig, gpu: GpuContext, signal?: AbortSignal): Promise<BackendChoice> {
  const { n, d } = config.dataset;
  const rows = Math.min(n, CALIBRATION_ROWS);
  const batchSize = Math.min(config.batchSize, rows);
  const key = JSON.stringify([config.activation, config.loss, d, batchSize, rows, gpu.adapterName]);
  let timing = measured.get(key);
  if (!timing) {
    const sample: CheckedConfig = {
      ...config, dataset: { ...config.dataset, n: rows }, batchSize, epochs: 3, learningRate: 1e-12, startEpoch: 0,
    };
    timing = (async () => ({
      cpu: await msPerSample(await CpuTrainer.create(sample, signal, { uncached: true }), rows),
      gpu: await msPerSample(await GpuTrainer.create(gpu, sample, signal, { uncached: true }), rows),
      rows,
    }))();
    measured.set(key, timing);
    timing.catch(() => measured.delete(key));
  }
  const { cpu, gpu: gpuMs, rows: sampled } = await timing;
  const backend = gpuMs <= cpu ? 'gpu' : 'cpu';
  const [fast, slow] = backend === 'gpu' ? [gpuMs, cpu] : [cpu, gpuMs];
  return {
    backend,
    reason: `auto chose the ${backend.toUpperCase()}: about ${formatMs(fast * n)} per epoch here against ` +
      `${formatMs(slow * n)} on the ${backend === 'gpu' ? 'CPU' : 'GPU'} (timed on ${sampled.toLocaleString('en-US')} samples, batch ${batchSize.toLocaleString('en-US')})`,
  };
}
