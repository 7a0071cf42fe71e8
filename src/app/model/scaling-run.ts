/**
 * The scaling benchmark: the current model, full batch, at sizes from 10^3 up to a
 * maximum, on each backend, timed in milliseconds per epoch.
 */
import { train, type Backend, type Progress } from '../../index';
import type { Settings } from '../state/settings';
import { datasetSpec } from '../state/train-config';
import { initialParameters } from './initial-parameters';

/** One measurement. */
export interface ScalingRow {
  n: number;
  backend: Backend;
  /** Epochs the time is averaged over (the warm-up excluded when it could be). */
  epochs: number;
  msPerEpoch: number;
}

export interface ScalingHooks {
  signal: AbortSignal;
  /** After each measurement. */
  onRow(row: ScalingRow): void;
  /** Share of the whole benchmark done (0..1), and what runs now. */
  onProgress(fraction: number, label: string): void;
}

/** 10^3, 3·10^3, 10^4, ... 10^maxExp: two sizes per decade. */
export function scalingSizes(maxExp: number): number[] {
  const sizes: number[] = [];
  for (let e = 3; e <= maxExp; e++) {
    sizes.push(10 ** e);
    if (e < maxExp) sizes.push(3 * 10 ** e);
  }
  return sizes;
}

/**
 * Epochs timed at size n: enough that the timed part visits about a million rows (so a
 * small size is not all noise), at least 3, at most 200.
 */
export function timedEpochs(n: number): number {
  return Math.min(200, Math.max(3, Math.ceil(1e6 / n)));
}

/**
 * Times one size on one backend. The call trains one warm-up epoch more than it times;
 * the clock starts at the first progress report (after at least one epoch: pipelines
 * built, caches warm) and stops at the end. When the backend reported only once, at
 * the end, the whole call is averaged instead.
 */
async function measure(s: Settings, n: number, backend: Backend, signal: AbortSignal, onEpochs: (share: number) => void): Promise<ScalingRow> {
  const epochs = timedEpochs(n) + 1;
  let mark: { epoch: number; ms: number } | null = null;
  const onProgress = (p: Progress): void => {
    if (!mark && p.epoch < epochs) mark = { epoch: p.epoch, ms: p.ms };
    onEpochs(p.epoch / epochs);
  };
  const result = await train({
    backend,
    dataset: datasetSpec(s, n),
    activation: s.activation,
    loss: s.loss,
    learningRate: s.learningRate,
    epochs,
    batchSize: n,
    reduction: s.reduction,
    init: initialParameters(s.seed, s.features),
  }, { signal, onProgress });
  const m = mark as { epoch: number; ms: number } | null;
  if (m) return { n, backend, epochs: epochs - m.epoch, msPerEpoch: (result.ms - m.ms) / (epochs - m.epoch) };
  return { n, backend, epochs, msPerEpoch: result.ms / epochs };
}

/** Runs every size on every backend in `backends`, smallest first; rejects when aborted. */
export async function runScaling(s: Settings, maxExp: number, backends: readonly Backend[], hooks: ScalingHooks): Promise<void> {
  const sizes = scalingSizes(maxExp);
  const total = sizes.length * backends.length;
  let done = 0;
  for (const n of sizes) {
    for (const backend of backends) {
      const label = `${backend.toUpperCase()}, n = ${n.toLocaleString('en-US')}`;
      hooks.onProgress(done / total, label);
      const row = await measure(s, n, backend, hooks.signal, (share) => hooks.onProgress((done + share) / total, label));
      done++;
      hooks.onRow(row);
    }
  }
  hooks.onProgress(1, 'done');
}
