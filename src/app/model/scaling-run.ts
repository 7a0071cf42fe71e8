/**
 * The scaling benchmark: the current model, full batch, at sizes from 10^3 up to a
 * maximum (a loaded table: its first rows, up to all of them), on each backend (and, when asked, on TensorFlow.js's webgpu backend), timed
 * in milliseconds per epoch; when asked, our backends also time a small loss surface at
 * each size.
 */
import { initialParameters, lossSurface, train, type Backend, type PhaseProgress, type ProgressEvent } from '../../index';
import { bestOf, paceAfterWarmUp, type Mark } from '../../engine/timing';
import { lowerFirst, phaseWords } from './run-work';
import { ScalingTimeLeft } from './scaling-time-left';
import type { Settings } from '../state/settings';
import { datasetSpec, type TableNumbers } from '../state/train-config';

/** Who is timed: this project's backends, or TensorFlow.js on WebGPU. */
export type ScalingContender = Backend | 'tfjs';

/** How each contender is named on the page. */
export const CONTENDER_NAMES: Record<ScalingContender, string> = { cpu: 'CPU', gpu: 'GPU', tfjs: 'TF.js (WebGPU)' };

/** One measurement. */
export interface ScalingRow {
  n: number;
  backend: ScalingContender;
  /** Epochs the time is averaged over (the warm-up excluded when it could be). */
  epochs: number;
  msPerEpoch: number;
  /** Bytes of X and y one epoch reads: n (d + 1) float32s. */
  bytesPerEpoch: number;
  /** Milliseconds of one SURFACE_RESOLUTION² loss surface over w0 and b at this size (when asked; ours only). */
  surfaceMs?: number;
  /** How lossSurface() computed it: the closed form (identity + mse on the CPU) or every point over every row. */
  surfaceMethod?: 'closed-form' | 'direct';
}

/**
 * Points per axis of the surface timed beside the epochs: 32 x 32 keeps a sweep quick on
 * a software GPU (SwiftShader took about 3.7 s for 128 x 128 over 2^14 rows, 130 s over
 * 2^20); `npm run bench -- --surface-grid 128 --surface-log2 20` times the larger one.
 */
export const SURFACE_RESOLUTION = 32;

/** Bytes of the dataset one full-batch epoch reads at size n. */
function epochBytes(s: Settings, n: number): number {
  return n * (s.features + 1) * 4;
}

export interface ScalingHooks {
  signal: AbortSignal;
  /** After each measurement. */
  onRow(row: ScalingRow): void;
  /** Share of the whole benchmark done (0..1), what runs now, and the milliseconds left once they can be estimated. */
  onProgress(fraction: number, label: string, msLeft?: number): void;
  /** A contender failed at size n and sits out the larger sizes. */
  onDropped?(contender: ScalingContender, n: number, reason: string): void;
}

/** A phase before the timed epochs in a few words, e.g. "generating the dataset on the CPU, 45 %". */
function phaseLabel(p: PhaseProgress): string {
  const words = lowerFirst(phaseWords({ phase: p.phase, ...(p.phase === 'dataset' ? { backend: p.backend } : {}) }));
  return p.phase === 'dataset' ? `${words}, ${Math.floor((100 * p.done) / p.total)} %` : words;
}

/**
 * 10^3, 3·10^3, 10^4, ... 10^maxExp: two sizes per decade. A table of fewer rows is
 * measured on its first rows: the sizes below its row count, then all of it.
 */
export function scalingSizes(maxExp: number, rows = Infinity): number[] {
  const sizes: number[] = [];
  for (let e = 3; e <= maxExp; e++) {
    sizes.push(10 ** e);
    if (e < maxExp) sizes.push(3 * 10 ** e);
  }
  return rows < sizes[sizes.length - 1] ? [...sizes.filter((n) => n < rows), rows] : sizes;
}

/**
 * Epochs timed at size n: enough that the timed part visits about a million rows (so a
 * small size is not all noise), at least 3, at most 200.
 */
function timedEpochs(n: number): number {
  return Math.min(200, Math.max(3, Math.ceil(1e6 / n)));
}

/** Rows a measurement at size n visits: generating the dataset, then every epoch it trains. */
function rowsVisited(contender: ScalingContender, n: number): number {
  return n * (1 + (contender === 'tfjs' ? tfjsTimedEpochs(n) : timedEpochs(n) + 1));
}

/** Epochs TF.js times at size n: like ours, but at most 20 (each of its steps costs milliseconds). */
function tfjsTimedEpochs(n: number): number {
  return Math.min(20, timedEpochs(n));
}

/**
 * Times one size on one backend. The call trains one warm-up epoch more than it times;
 * the clock starts at the first progress report (after at least one epoch: pipelines
 * built, caches warm) and stops at the end. When the backend reported only once, at
 * the end, the whole call is averaged instead.
 */
async function measure(s: Settings, table: TableNumbers | undefined, n: number, backend: Backend, signal: AbortSignal, onEpochs: (share: number, doing?: string) => void): Promise<ScalingRow> {
  const epochs = timedEpochs(n) + 1;
  let warm: Mark | null = null;
  const onProgress = (p: ProgressEvent): void => {
    // The dataset's rows are not epochs: the bar moves with epochs alone, the label says what runs before them.
    if (p.phase !== 'training') return onEpochs(0, phaseLabel(p));
    if (!warm && p.epoch < epochs) warm = { done: p.epoch, ms: p.ms };
    onEpochs(p.epoch / epochs);
  };
  const result = await train({
    backend,
    dataset: datasetSpec(s, n, table),
    activation: s.activation,
    loss: s.loss,
    learningRate: s.learningRate,
    epochs,
    batchSize: n,
    reduction: s.reduction,
    init: initialParameters(s.seed, s.features),
  }, { signal, onProgress });
  const { units, msPerUnit } = paceAfterWarmUp(warm, { done: epochs, ms: result.ms });
  return { n, backend, epochs: units, msPerEpoch: msPerUnit, bytesPerEpoch: epochBytes(s, n) };
}

/**
 * Times a SURFACE_RESOLUTION² loss surface over w0 and b (the other weights held at the
 * initial ones) at size n on `backend`, after the epochs (the dataset cached). `warmUp`
 * runs one untimed call first (pipelines built), at the first size of a sweep.
 */
async function measureSurface(s: Settings, table: TableNumbers | undefined, n: number, backend: Backend, warmUp: boolean, signal: AbortSignal): Promise<Pick<ScalingRow, 'surfaceMs' | 'surfaceMethod'>> {
  const call = () => lossSurface({
    backend, dataset: datasetSpec(s, n, table), activation: s.activation, loss: s.loss, learningRate: s.learningRate,
    epochs: 1, batchSize: n, reduction: s.reduction, init: initialParameters(s.seed, s.features),
  }, { x: { param: 0, from: -3, to: 3 }, y: { param: 'bias', from: -3, to: 3 }, resolution: SURFACE_RESOLUTION }, { signal });
  if (warmUp) await call();
  let method: ScalingRow['surfaceMethod'];
  const ms = await bestOf(1, async () => { method = (await call()).method; });
  return { surfaceMs: ms, surfaceMethod: method };
}

/** TF.js at size n, from the same data and parameters, loaded on first use. */
async function measureTfjs(s: Settings, table: TableNumbers | undefined, n: number, signal: AbortSignal, onEpochs: (share: number) => void): Promise<ScalingRow> {
  const { timeTfjs } = await import('./tfjs-scaling');
  const epochs = tfjsTimedEpochs(n);
  const msPerEpoch = await timeTfjs({
    dataset: datasetSpec(s, n, table),
    activation: s.activation,
    loss: s.loss,
    learningRate: s.learningRate,
    reduction: s.reduction,
    init: initialParameters(s.seed, s.features),
  }, epochs, signal, onEpochs);
  return { n, backend: 'tfjs', epochs, msPerEpoch, bytesPerEpoch: epochBytes(s, n) };
}

/**
 * Runs every size on every contender in `contenders`, smallest first; rejects when
 * aborted. A TF.js failure (its WebGPU backend has limits ours does not) drops TF.js
 * from the larger sizes instead of ending the run.
 */
export async function runScaling(s: Settings, maxExp: number, contenders: readonly ScalingContender[], hooks: ScalingHooks, table?: TableNumbers, surface = false): Promise<void> {
  const sizes = scalingSizes(maxExp, s.dataset === 'table' && table ? table.y.length : Infinity);
  const active = [...contenders];
  const total = sizes.length * contenders.length;
  const timeLeft = new ScalingTimeLeft<ScalingContender>();
  let done = 0;
  for (const n of sizes) {
    for (const contender of [...active]) {
      const label = `${CONTENDER_NAMES[contender]}, n = ${n.toLocaleString('en-US')}`;
      // This measurement and those after it, with the contenders still in.
      const plan = sizes.filter((m) => m >= n).flatMap((m) => active
        .filter((c) => m > n || active.indexOf(c) >= active.indexOf(contender))
        .map((c) => ({ contender: c, rows: rowsVisited(c, m) })));
      const started = performance.now();
      const report = (share: number, text: string) =>
        hooks.onProgress((done + share) / total, text, timeLeft.msLeft(plan, performance.now() - started));
      report(0, label);
      const onEpochs = (share: number, doing?: string) => report(share, doing ? `${label}: ${doing}` : label);
      let row: ScalingRow;
      if (contender === 'tfjs') {
        try {
          row = await measureTfjs(s, table, n, hooks.signal, onEpochs);
        } catch (e) {
          if (hooks.signal.aborted) throw e;
          active.splice(active.indexOf(contender), 1);
          hooks.onDropped?.(contender, n, (e as Error).message ?? String(e));
          done += sizes.length - sizes.indexOf(n);
          continue;
        }
      } else {
        row = await measure(s, table, n, contender, hooks.signal, onEpochs);
        if (surface) {
          onEpochs(1, `a ${SURFACE_RESOLUTION} × ${SURFACE_RESOLUTION} loss surface`);
          row = { ...row, ...await measureSurface(s, table, n, contender, n === sizes[0], hooks.signal) };
        }
      }
      timeLeft.measured(contender, rowsVisited(contender, n), performance.now() - started);
      done++;
      hooks.onRow(row);
    }
  }
  hooks.onProgress(1, 'done');
}
