/**
 * The 'auto' backend: whichever of GPU and CPU finishes this run sooner on this machine,
 * found by timing both on a sample of the work. Each backend trains a private copy of up
 * to CALIBRATION_ROWS rows of the same dataset (more where the run's batches go to the
 * CPU workers, see calibrationRows), at the same batch size (capped at that):
 * calls of one epoch and of many separate the time per epoch from the fixed cost of a
 * call (a GPU submission and readback, messages to CPU workers). The time per
 * sample, times n, predicts an epoch; the run costs that per epoch plus one call's fixed
 * cost. Extrapolating one-epoch calls instead charged the GPU's ~1 ms round trip once per
 * 65,536 samples, and made 'auto' pick a CPU twice as slow at n = 2^20 on SwiftShader.
 * Paces are kept per (activation, loss, d, batch size) for the session.
 */
import { CpuTrainer, summedByWorkers, WORKER_MIN_VALUES } from '../cpu/cpu-trainer';
import type { GpuContext } from '../gpu/device';
import { GpuTrainer } from '../gpu/gpu-trainer';
import { bestOf, growUntilLong } from '../engine/timing';
import type { Trainer } from '../engine/trainer';
import type { BackendReason } from '../engine/types';
import type { CheckedConfig } from '../engine/validate';

const CALIBRATION_ROWS = 2 ** 16;
/** Milliseconds the longer timed call lasts at least, and its most epochs. */
const LONG_CALL_MS = 20;
const MAX_CALL_EPOCHS = 4096;

/** What 'auto' chose and measured. */
export type AutoChoice = Extract<BackendReason, { kind: 'auto' }>;

interface Pace {
  /** Milliseconds of a call beyond its epochs. */
  callMs: number;
  msPerSample: number;
}

const measured = new Map<string, Promise<{ cpu: Pace; gpu: Pace; rows: number }>>();

/** Best of two calls of `epochs` epochs, in milliseconds. */
function bestCall(trainer: Trainer, epochs: number): Promise<number> {
  return bestOf(2, () => trainer.run(epochs, () => undefined));
}

/**
 * A trainer's pace on `rows` samples, after a warm-up epoch. A one-epoch call of at least
 * LONG_CALL_MS is taken as it is (a call's fixed cost is a few ms at most); otherwise a
 * longer call, grown until it lasts LONG_CALL_MS, separates the two. Five-epoch calls
 * were too short for that at n = 2^12: timer noise made a 0.24 ms GPU epoch look like
 * 0.06 ms.
 */
async function paceOf(trainer: Trainer, rows: number): Promise<Pace> {
  try {
    await trainer.run(1, () => undefined);
    const one = await bestCall(trainer, 1);
    if (one >= LONG_CALL_MS) return { callMs: 0, msPerSample: one / rows };
    const { size: epochs, ms: long } = await growUntilLong(
      { start: 2, untilMs: LONG_CALL_MS, maxSize: MAX_CALL_EPOCHS, floorMs: 0.1 },
      (size) => bestCall(trainer, size),
    );
    // Noise can make the difference tiny or negative; an epoch costs at least a tenth of
    // the long call's average.
    const perEpoch = Math.max((long - one) / (epochs - 1), (0.1 * long) / epochs);
    return { callMs: Math.max(0, one - perEpoch), msPerSample: perEpoch / rows };
  } finally {
    trainer.dispose();
  }
}

/** Predicted milliseconds per epoch of a run of `epochs` epochs over `n` samples, its call cost shared out. */
function perEpochOfRun(pace: Pace, n: number, epochs: number): number {
  return pace.msPerSample * n + pace.callMs / epochs;
}

/**
 * Rows of the sample: CALIBRATION_ROWS, or enough for the sample's batches to go to the
 * CPU workers too where the run's do. A smaller sample is summed on the main thread
 * alone, which made the CPU look half as fast as it trains (at n = 2^20, d = 8: 39 ms
 * per epoch predicted, 22 ms measured).
 */
function calibrationRows(config: CheckedConfig): number {
  const { n, d } = config.dataset;
  const forWorkers = summedByWorkers(config.batchSize, d) ? Math.ceil(WORKER_MIN_VALUES / (d + 1)) : 0;
  return Math.min(n, Math.max(CALIBRATION_ROWS, forWorkers));
}

export async function chooseBackend(config: CheckedConfig, gpu: GpuContext, signal?: AbortSignal): Promise<AutoChoice> {
  const { n, d } = config.dataset;
  const rows = calibrationRows(config);
  const batchSize = Math.min(config.batchSize, rows);
  const key = JSON.stringify([config.activation, config.loss, d, batchSize, rows, gpu.adapterName]);
  let timing = measured.get(key);
  if (!timing) {
    const sample: CheckedConfig = {
      ...config, dataset: { ...config.dataset, n: rows }, batchSize, epochs: MAX_CALL_EPOCHS, learningRate: 1e-12, startEpoch: 0,
    };
    timing = (async () => ({
      cpu: await paceOf(await CpuTrainer.create(sample, signal, { uncached: true }), rows),
      gpu: await paceOf(await GpuTrainer.create(sample, signal, { gpu, uncached: true }), rows),
      rows,
    }))();
    measured.set(key, timing);
    timing.catch(() => measured.delete(key));
  }
  const paces = await timing;
  const cpu = perEpochOfRun(paces.cpu, n, config.epochs);
  const gpuMs = perEpochOfRun(paces.gpu, n, config.epochs);
  return {
    kind: 'auto', chosen: gpuMs <= cpu ? 'gpu' : 'cpu', msPerEpoch: { gpu: gpuMs, cpu }, sampleRows: paces.rows, batchSize,
  };
}
