/**
 * Everything a person can set on the page, as one typed record, with the choices each
 * setting offers and the defaults of each dataset. The URL (url-state.ts) and the form
 * (settings-panel.ts) both speak this shape; nothing else holds page settings.
 */
import { ACTIVATIONS, MAX_EPOCHS, MAX_FEATURES, MAX_NOISE, MAX_SEED, MAX_VALUES } from '../../index';
import type { Activation, BackendChoice, DatasetKind, LossKind, Reduction } from '../../index';

/** How the samples of an epoch are grouped into steps. */
export type BatchMode = 'full' | 'mini' | 'sgd';
/** The views of the page. */
export type TabName = 'train' | 'backprop' | 'landscape' | 'scaling';
/** Vertical scale of the loss curve. */
export type LossScale = 'linear' | 'log';
/** A parameter a landscape axis varies: 'w0', 'w1', ... or 'b' for the bias. */
export type SurfaceAxisName = `w${number}` | 'b';
/** The landscape's ranges, or 'auto': around the descent paths. */
export type SurfaceRange = 'auto' | { x: [number, number]; y: [number, number] };

/**
 * A dataset the page can train on: one of the engine's synthetic kinds, or 'table', a
 * table the person loaded (held by the page's TableController, never in the URL).
 */
export type PageDataset = DatasetKind | 'table';

export interface Settings {
  dataset: PageDataset;
  /** Number of samples (a table's rows). */
  n: number;
  /** Features per sample (d); celsius has exactly 1; a table's chosen feature columns. */
  features: number;
  noise: number;
  /** Seeds the dataset, the initial weights and the shuffles. */
  seed: number;
  activation: Activation;
  loss: LossKind;
  learningRate: number;
  batchMode: BatchMode;
  /** Samples per step in 'mini' mode (ignored by the other modes). */
  batchSize: number;
  reduction: Reduction;
  /** Epochs a press of play trains up to. */
  epochs: number;
  backend: BackendChoice;
  lossScale: LossScale;
  tab: TabName;
  /** The scaling benchmark runs sizes 10^3 .. 10^scalingMaxExp. */
  scalingMaxExp: number;
  /** The scaling benchmark also times TensorFlow.js (webgpu backend), loaded only then. */
  scalingTfjs: boolean;
  /** The scaling benchmark also times a 32 x 32 loss surface at each size on each of our backends. */
  scalingSurface: boolean;
  /** The landscape's axes (two different parameters), ranges and colour scale. */
  surfaceX: SurfaceAxisName;
  surfaceY: SurfaceAxisName;
  surfaceRange: SurfaceRange;
  surfaceLog: boolean;
}

// The choices the page offers, in the order it shows them; `satisfies` keeps each list
// inside the engine's type.
export const DATASETS = ['celsius', 'linear', 'blobs', 'table'] as const satisfies readonly PageDataset[];
/** Every activation of the engine's table (src/engine/functions/), in its order. */
export const ACTIVATION_CHOICES: readonly Activation[] = ACTIVATIONS;
export const LOSS_CHOICES = ['mse', 'bce'] as const satisfies readonly LossKind[];
export const REDUCTION_CHOICES = ['mean', 'sum'] as const satisfies readonly Reduction[];
export const BACKEND_CHOICES = ['auto', 'gpu', 'cpu'] as const satisfies readonly BackendChoice[];
export const BATCH_MODES = ['full', 'mini', 'sgd'] as const satisfies readonly BatchMode[];
export const TABS = ['train', 'backprop', 'landscape', 'scaling'] as const satisfies readonly TabName[];
export const LOSS_SCALES = ['log', 'linear'] as const satisfies readonly LossScale[];

/**
 * The engine's limits, plus what the page adds. The engine checks every configuration
 * again, so the page can never start a run the engine would not accept silently.
 */
export const LIMITS = {
  /** n * (d + 1) float32 values at most (2 GiB). */
  maxValues: MAX_VALUES,
  maxFeatures: MAX_FEATURES,
  maxEpochs: MAX_EPOCHS,
  maxNoise: MAX_NOISE,
  maxSeed: MAX_SEED,
  /**
   * Rows a GPU can be expected to hold for small d: 2^25 rows of (x, y) is 256 MiB, the
   * default maxStorageBufferBindingSize times two. Larger sets may still work (the engine
   * splits them over bindings); when they do not, the engine's message says why.
   */
  gpuComfortRows: 2 ** 25,
  /** Largest scaling size, 10^7: a CPU copy of 10^7 rows of 2 features is 120 MB. */
  maxScalingExp: 7,
  minScalingExp: 3,
} as const;

/** Largest n the engine accepts for d features. */
export function maxSamples(features: number): number {
  return Math.floor(LIMITS.maxValues / (features + 1));
}

/** Batch size handed to the engine for the chosen mode. */
export function effectiveBatchSize(s: Settings): number {
  if (s.batchMode === 'full') return s.n;
  if (s.batchMode === 'sgd') return 1;
  return s.batchSize;
}

/** Settings that belong to a dataset and change with it: a sensible starting point for each. */
type Preset = Pick<Settings, 'n' | 'features' | 'noise' | 'activation' | 'loss' | 'learningRate' | 'batchMode' | 'batchSize' | 'reduction' | 'epochs'>;

const PRESETS: Record<PageDataset, Preset> = {
  // The tutorial's example: 100 Celsius values, F = 1.8 C + 32. x spans -50..49, so the
  // learning rate must be small; 10,000 full-batch epochs recover w = 1.8, b = 32.
  celsius: {
    n: 100, features: 1, noise: 0, activation: 'identity', loss: 'mse', learningRate: 1e-3,
    batchMode: 'full', batchSize: 32, reduction: 'mean', epochs: 10_000,
  },
  // x ~ N(0, 1): a learning rate of 0.1 converges in about a hundred epochs.
  linear: {
    n: 1000, features: 1, noise: 0.1, activation: 'identity', loss: 'mse', learningRate: 0.1,
    batchMode: 'full', batchSize: 32, reduction: 'mean', epochs: 300,
  },
  // Two classes 4 apart with spread 0.5: a logistic neuron separates them.
  blobs: {
    n: 1000, features: 2, noise: 0.5, activation: 'sigmoid', loss: 'bce', learningRate: 0.5,
    batchMode: 'full', batchSize: 32, reduction: 'mean', epochs: 300,
  },
  // A loaded table: n and features are the table's (set when it is loaded); a linear
  // regression with a learning rate that suits standardized features.
  table: {
    n: 100, features: 1, noise: 0, activation: 'identity', loss: 'mse', learningRate: 0.1,
    batchMode: 'full', batchSize: 32, reduction: 'mean', epochs: 300,
  },
};

/** The defaults for a dataset; settings that do not depend on the dataset keep `base`'s values. */
export function presetFor(dataset: PageDataset, base: Settings = DEFAULT_SETTINGS): Settings {
  return { ...base, dataset, ...PRESETS[dataset] };
}

export const DEFAULT_SETTINGS: Settings = {
  dataset: 'celsius',
  ...PRESETS.celsius,
  seed: 1,
  backend: 'auto',
  lossScale: 'log',
  tab: 'train',
  scalingMaxExp: 5,
  scalingTfjs: false,
  scalingSurface: false,
  surfaceX: 'w0',
  surfaceY: 'b',
  surfaceRange: 'auto',
  surfaceLog: false,
};

/** Settings whose change makes the current run meaningless (other data or another model). */
export const RESETTING_KEYS: readonly (keyof Settings)[] = ['dataset', 'n', 'features', 'noise', 'seed', 'activation', 'loss'];

/** Settings that only change how the page looks: they never touch a run. */
export const VIEW_KEYS: readonly (keyof Settings)[] = ['lossScale', 'tab', 'scalingMaxExp', 'scalingTfjs', 'scalingSurface', 'surfaceX', 'surfaceY', 'surfaceRange', 'surfaceLog'];
