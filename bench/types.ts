/** The shapes the benchmark page hands back to scripts/bench.mjs (and to e2e/bench-quick.spec.ts). */
import type { Activation, SyntheticDatasetSpec, LossKind } from '../src/index';
import type { CpuCeiling } from '../src/cpu/ceiling/read-ceiling';
import type { Ceiling } from '../src/gpu/ceiling/read-ceiling';

export type { CpuCeiling } from '../src/cpu/ceiling/read-ceiling';
export type { Ceiling, ShapeTiming } from '../src/gpu/ceiling/read-ceiling';

/** Contenders the benchmark page runs. */
export type PageContenderId = 'ours-gpu' | 'ours-gpu-tree' | 'ours-cpu' | 'ours-cpu-ts' | 'ours-cpu-1' | 'ours-auto' | 'tfjs-webgpu' | 'tfjs-cpu' | 'tfjs-wasm';
/** Every contender: the page's, and numpy, which scripts/bench.mjs runs in Python after the page. */
export type ContenderId = PageContenderId | 'numpy';

export const CONTENDERS: readonly PageContenderId[] = ['ours-gpu', 'ours-gpu-tree', 'ours-cpu', 'ours-cpu-ts', 'ours-cpu-1', 'ours-auto', 'tfjs-webgpu', 'tfjs-cpu', 'tfjs-wasm'];

export const CONTENDER_LABELS: Record<ContenderId, string> = {
  'ours-gpu': 'ours, GPU',
  'ours-gpu-tree': 'ours, GPU, tree sums',
  'ours-cpu': 'ours, CPU',
  'ours-cpu-ts': 'ours, CPU, TS kernel',
  'ours-cpu-1': 'ours, CPU, 1 worker',
  'ours-auto': 'ours, auto',
  'tfjs-webgpu': 'TF.js webgpu',
  'tfjs-cpu': 'TF.js cpu',
  'tfjs-wasm': 'TF.js wasm',
  numpy: 'numpy',
};

/** Which table a case belongs to. */
export type CaseGroup = 'full-batch' | 'features' | 'mini-batch' | 'tutorial';

export interface BenchCase {
  /** Unique and stable, e.g. "blobs-d8-n65536-full". */
  id: string;
  group: CaseGroup;
  /** In words, for tables and progress lines. */
  title: string;
  dataset: Required<Pick<SyntheticDatasetSpec, 'kind' | 'n' | 'features'>> & SyntheticDatasetSpec;
  activation: Activation;
  loss: LossKind;
  learningRate: number;
  batchSize: number;
  /** Every call trains exactly this many epochs and the total is what counts (the tutorial's run). */
  fixedEpochs?: number;
}

/** Median, fastest and slowest of the timed repeats. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface Measurement {
  contender: ContenderId;
  /** ok: timed; failed: the contender threw or its results were not finite (see message); skipped: not run (see message). */
  status: 'ok' | 'failed' | 'skipped';
  message?: string;
  /** Epochs per timed call; each call reads the parameters back once, at its end. */
  epochsPerRepeat?: number;
  /** Timed calls (warm-up calls not counted). */
  repeats?: number;
  /** Milliseconds per epoch over the timed calls. */
  msPerEpoch?: Spread;
  /** Milliseconds per whole call (for the tutorial's run: the 10,000 steps). */
  msPerCall?: Spread;
  /** n / median seconds per epoch. */
  samplesPerSecond?: number;
  /** Bytes of X and y read per epoch, n (d + 1) 4, over the median time, in GB/s (1e9 bytes). */
  gbPerSecond?: number;
  /** Parameters after the first (warm-up) call of `checkEpochs` epochs: every contender trains the same ones. */
  check?: { epochs: number; weights: number[]; bias: number };
  /** ours-auto: the backend each timed call ran on, and the reason 'auto' gave for the last one. */
  chose?: { backends: ('gpu' | 'cpu')[]; reason: string };
  /** Largest |difference| of those parameters from ours, CPU, relative to max(1, |value|). */
  differenceFromCpu?: number;
}

export interface CaseResult {
  case: BenchCase;
  results: Measurement[];
}

export interface Environment {
  /** adapter.info of the page's WebGPU adapter. */
  adapter: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter?: boolean } | null;
  /** What train() reported as its adapter. */
  engineAdapter?: string;
  /** The engine's launch shape for this adapter, in words. */
  launchShape?: string;
  /** Whether the adapter emulates the GPU on the CPU (src/gpu/adapter-name.ts): which GPU target applies. */
  softwareAdapter?: boolean;
  userAgent: string;
  hardwareConcurrency: number;
  tfjsVersion?: string;
  /** Threads of TF.js's wasm backend, when it ran. */
  tfjsWasmThreads?: number;
  /** Whether the page was cross-origin isolated (finer timer; threads for TF.js wasm). */
  crossOriginIsolated: boolean;
  /** Filled in by scripts/bench.mjs. */
  browserVersion?: string;
  cpuModel?: string;
  cpuCount?: number;
  nodeVersion?: string;
  gitCommit?: string;
  date?: string;
  /** os.loadavg() when the run started and ended: other work on the machine. */
  loadAverage?: { start: number[]; end: number[] };
}

/** Where the suite runs: a Chromium page (scripts/bench.mjs's default) or Node on Dawn (--runtime node). */
export type BenchRuntime = 'browser' | 'node';

/** Contenders that need a browser, and why, skipped when the suite runs in Node. */
export const NEEDS_BROWSER: Partial<Record<PageContenderId, string>> = {
  'ours-cpu-ts': 'needs Web Workers (a browser page); in Node the CPU trainer sums on the main thread, as "ours, CPU" shows',
  'ours-cpu-1': 'needs Web Workers (a browser page); in Node the CPU trainer sums on the main thread, as "ours, CPU" shows',
  'tfjs-webgpu': 'runs in the browser page only (TF.js is loaded there, not bundled for Node)',
  'tfjs-cpu': 'runs in the browser page only (TF.js is loaded there, not bundled for Node)',
  'tfjs-wasm': 'runs in the browser page only (TF.js is loaded there, not bundled for Node)',
};

export interface BenchOptions {
  runtime: BenchRuntime;
  quick: boolean;
  /** Largest n as a power of two. */
  maxLog2: number;
  /** Contenders to run in the page (default all). */
  contenders: PageContenderId[];
  /** Only the cases whose id contains one of these (default all). */
  cases?: string[];
  /** Timed calls per contender and case, at most. */
  maxRepeats: number;
  /** Milliseconds one timed call aims at (more epochs per call when epochs are fast). */
  targetCallMs: number;
  /** Milliseconds of timed calls per contender and case, at most (one call always runs). */
  budgetMs: number;
  /**
   * A contender's sweep stops once one of its epochs took longer than this, or when the
   * next size is expected to take three times as long.
   */
  slowEpochMs: number;
  /**
   * The loss surface timed next to the epochs (bench/surface.ts): a resolution x resolution
   * grid over n = 2^log2n rows of d = 2.
   */
  surface: { resolution: number; log2n: number };
}

/** One loss surface timed on one of our backends. */
export interface SurfaceTiming {
  /** The d = 2 model, e.g. "blobs, sigmoid + bce". */
  model: string;
  n: number;
  d: number;
  resolution: number;
  backend: 'gpu' | 'cpu';
  /** What lossSurface() did: every point over every row, or identity + mse's closed form. */
  method?: 'closed-form' | 'direct';
  status: 'ok' | 'failed';
  message?: string;
  /** Milliseconds of the fastest of `repeats` calls after one warm-up call. */
  ms?: number;
  repeats?: number;
}

export interface BenchResults {
  options: BenchOptions;
  /** Each contender's name in the tables (CONTENDER_LABELS), so scripts/bench-report.mjs names them the same. */
  labels: Record<ContenderId, string>;
  environment: Environment;
  ceiling: Ceiling;
  /** The CPU's read ceiling, or why it was not measured. */
  cpuCeiling: CpuCeiling | { error: string };
  /** numpy's run (scripts/bench-numpy.py): its version and threads, or why it did not run. */
  numpy?: { version: string; threads: string } | { skipped: string };
  cases: CaseResult[];
  /** The loss surface's timings (absent from results written before they were measured). */
  surface?: SurfaceTiming[];
  /** Wall-clock seconds of the whole run in the page. */
  seconds: number;
}
