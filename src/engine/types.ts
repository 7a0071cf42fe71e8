/** The shapes the public API speaks in. Validation lives in `validate.ts`. */
import { ACTIVATIONS, type Activation } from './functions/activations';
import { LOSSES, type LossKind } from './functions/losses';

// Activations and losses are defined in one table each (src/engine/functions/).
export { ACTIVATIONS, LOSSES, type Activation, type LossKind };

export type DatasetKind = 'celsius' | 'linear' | 'blobs';
export type Reduction = 'mean' | 'sum';
export type BackendChoice = 'gpu' | 'cpu' | 'auto';
export type Backend = 'gpu' | 'cpu';
/** Which inner loop sums the CPU's batches: WebAssembly SIMD (float32 lanes, float64 per block) or the float64 TypeScript kernel. */
export type CpuKernel = 'wasm-simd' | 'typescript';

export const DATASET_KINDS: readonly DatasetKind[] = ['celsius', 'linear', 'blobs'];
export const REDUCTIONS: readonly Reduction[] = ['mean', 'sum'];
export const BACKENDS: readonly BackendChoice[] = ['gpu', 'cpu', 'auto'];

/** A dataset: generated from a seed (`celsius`, `linear`, `blobs`) or given as numbers (`table`). */
export type DatasetSpec = SyntheticDatasetSpec | TableDatasetSpec;

export interface SyntheticDatasetSpec {
  kind: DatasetKind;
  /** Number of samples, an integer >= 1. */
  n: number;
  /** Features per sample (d). `celsius` has exactly 1; default 1 for `linear`, 2 for `blobs`. */
  features?: number;
  /** Standard deviation of the label noise (`celsius`, `linear`) or of each class (`blobs`). */
  noise?: number;
  /** Seed of the counter-based generator; the same seed gives the same numbers everywhere. */
  seed?: number;
}

/**
 * A table of numbers, e.g. from readTable(): n = y.length rows of `features` values each.
 * The arrays are read when training starts (each backend copies them once) and must not
 * change while a run uses them.
 */
export interface TableDatasetSpec {
  kind: 'table';
  /** n * features values, row-major, all finite. */
  x: Float32Array;
  /** n targets, all finite; only 0 and 1 for loss 'bce'. */
  y: Float32Array;
  /** Features per row (d), 1 .. MAX_FEATURES. */
  features: number;
}

export interface Dataset {
  /** n*d features, row-major. */
  x: Float32Array;
  /** n targets. */
  y: Float32Array;
  n: number;
  d: number;
}

/** The neuron's parameters: one weight per feature and the bias. */
export interface NeuronParameters {
  weights: number[];
  bias: number;
}

export type InitialParameters = NeuronParameters | { seed: number };

export interface TrainConfig {
  /** 'auto': whichever of the two a quick calibration on this machine finds faster for this configuration. */
  backend: BackendChoice;
  dataset: DatasetSpec;
  activation: Activation;
  loss: LossKind;
  learningRate: number;
  epochs: number;
  /** n: full batch; 1: stochastic; anything between: mini-batch (a short last batch is kept). */
  batchSize: number;
  reduction?: Reduction;
  init?: InitialParameters;
  /** Seed of the per-epoch shuffle (default 0). */
  seed?: number;
  /**
   * Number of the first epoch (default 0). Epoch e's shuffle depends only on (seed, e), so
   * a run continued with startEpoch = epochs done and its last parameters as `init`
   * visits the same batches as one that never stopped.
   */
  startEpoch?: number;
}

/**
 * Why training runs on its backend, as data for the caller to show or test;
 * describeBackendReason() (backend-reason.ts) gives it in words.
 */
export type BackendReason =
  /** The configuration named this backend. */
  | { kind: 'asked'; backend: Backend }
  /** 'auto' found no usable GPU, for the reason `why`, and trains on the CPU. */
  | { kind: 'no-gpu'; why: string }
  /** 'auto' timed both backends on a sample and chose the one predicted to finish the run sooner. */
  | {
    kind: 'auto';
    chosen: Backend;
    /** Predicted milliseconds per epoch of this run on each backend, the fixed cost of a call shared out. */
    msPerEpoch: Record<Backend, number>;
    /** Rows of the timed sample, and the batch size it was timed at. */
    sampleRows: number;
    batchSize: number;
  }
  /** The device was lost after `epoch`; training went on from there on `to` (a new GPU device, or the CPU). */
  | { kind: 'failover'; lost: string; epoch: number; to: Backend; adapter?: string };

/**
 * The work before the first epoch, as train()'s onProgress listener hears of it: making
 * the dataset (rows generated on the CPU, or generated and uploaded to the GPU, `done` of
 * `total`, never more), 'auto' timing both backends, and the GPU compiling its kernels.
 * The phases come in that order, each at most once except the dataset's row counts, and
 * all before the first Progress.
 */
export type PhaseProgress =
  | { phase: 'calibrating' }
  | { phase: 'dataset'; backend: Backend; done: number; total: number }
  | { phase: 'compiling' };

/** What onProgress hears: the phases before training, then a Progress after each group of epochs. */
export type ProgressEvent = PhaseProgress | Progress;

export interface Progress {
  /** Tells a Progress from the phases before the first epoch (PhaseProgress). */
  phase: 'training';
  /** Epochs finished so far. */
  epoch: number;
  epochs: number;
  /** Mean loss of each epoch finished since the previous report. */
  losses: number[];
  /** Parameters after `epoch` epochs. */
  weights: number[];
  bias: number;
  backend: Backend;
  /** Why this backend, as data; describeBackendReason() puts it in words. */
  backendReason: BackendReason;
  /** Adapter description when training on the GPU. */
  adapter?: string;
  /** On the CPU: which inner loop sums the batches. */
  cpuKernel?: CpuKernel;
  /** Milliseconds since training started. */
  ms: number;
}

export interface TrainResult {
  weights: number[];
  bias: number;
  /** One per epoch: mean over its batches of the batch loss, each taken before its update. */
  losses: number[];
  backend: Backend;
  /** Why this backend, as data; describeBackendReason() puts it in words. */
  backendReason: BackendReason;
  adapter?: string;
  /** On the CPU: which inner loop summed the batches (of the last trainer, after a failover). */
  cpuKernel?: CpuKernel;
  ms: number;
  /** What happened on the way, in words: a lost GPU and where training went on. */
  notices: string[];
}

export interface GradientResult {
  dw: number[];
  db: number;
  /** Mean loss over the dataset at the initial parameters. */
  loss: number;
  backend: Backend;
}

/** gradients()'s options: the phases of making its trainer, and cancelling them. */
export interface GradientOptions {
  onProgress?: (p: PhaseProgress) => void;
  signal?: AbortSignal;
}

export interface TrainOptions {
  /** The phases before the first epoch, then each group of epochs; narrow on `phase`. */
  onProgress?: (p: ProgressEvent) => void;
  /** Called when something happens that a person should be told (e.g. the GPU was lost and training moved). */
  onNotice?: (message: string) => void;
  signal?: AbortSignal;
}
