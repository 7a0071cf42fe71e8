/**
 * The contenders: this project's train() on the GPU (also with subgroup sums off), on the
 * CPU (one worker per core, and one worker alone), and with backend 'auto'; TensorFlow.js
 * on its webgpu, cpu and wasm backends (loaded with import() on first use). Each one trains a case from the same
 * initial parameters and reads its result back once per call.
 */
import { setCpuSimd, setCpuWorkers } from '../src/cpu/worker-pool';
import { setGpuSubgroups } from '../src/gpu/launch-shape';
import { train, type BackendReason, type Dataset } from '../src/index';
import { initOf } from './cases';
import type { BenchCase, PageContenderId } from './types';

export interface CallResult {
  /** Milliseconds of training, without generating or uploading the dataset. */
  ms: number;
  weights: number[];
  bias: number;
  /** The adapter train() used, when on the GPU. */
  adapter?: string;
  /** Where ours ran, and why (what 'auto' measured). */
  backend?: 'gpu' | 'cpu';
  backendReason?: BackendReason;
}

/** A contender set up for one case: call run() as often as wanted, then dispose(). */
export interface Session {
  /** Trains `epochs` epochs from the case's initial parameters. */
  run(epochs: number): Promise<CallResult>;
  dispose(): void;
}

export interface Contender {
  id: PageContenderId;
  /** Whether it trains on makeDataset's arrays (TF.js) rather than generating its own (ours). */
  needsData: boolean;
  open(c: BenchCase, data: () => Dataset): Promise<Session>;
}

/**
 * Ours on `backend`; `workers` 1 pins the CPU trainer to one worker for the session,
 * `simd` false keeps the workers on the float64 TypeScript kernel (the one before SIMD),
 * and `subgroups` false makes hardware adapters sum workgroups with the tree (the one
 * before subgroup sums).
 */
function ours(id: PageContenderId, backend: 'gpu' | 'cpu' | 'auto', workers: 1 | 'auto' = 'auto', simd = true, subgroups = true): Contender {
  return {
    id,
    needsData: false,
    open: async (c) => {
      setCpuWorkers(workers);
      setCpuSimd(simd);
      setGpuSubgroups(subgroups);
      return {
        run: async (epochs) => {
          const result = await train({
            backend, dataset: c.dataset, activation: c.activation, loss: c.loss, learningRate: c.learningRate,
            epochs, batchSize: c.batchSize, init: initOf(c),
          });
          if (backend !== 'auto' && result.backend !== backend) throw new Error(`train() ran on the ${result.backend}, not the ${backend}`);
          return {
            ms: result.ms, weights: result.weights, bias: result.bias, backend: result.backend, backendReason: result.backendReason,
            ...(result.adapter ? { adapter: result.adapter } : {}),
          };
        },
        dispose: () => {
          setCpuWorkers('auto');
          setCpuSimd(true);
          setGpuSubgroups(true);
        },
      };
    },
  };
}

function tfjs(backend: 'webgpu' | 'cpu' | 'wasm'): Contender {
  return {
    id: `tfjs-${backend}`,
    needsData: true,
    open: async (c, data) => {
      const { openTfjs } = await import('./tfjs-contender');
      return openTfjs(backend, c, data());
    },
  };
}

export const ALL_CONTENDERS: Record<PageContenderId, Contender> = {
  'ours-gpu': ours('ours-gpu', 'gpu'),
  'ours-gpu-tree': ours('ours-gpu-tree', 'gpu', 'auto', true, false),
  'ours-cpu': ours('ours-cpu', 'cpu'),
  'ours-cpu-ts': ours('ours-cpu-ts', 'cpu', 'auto', false),
  'ours-cpu-1': ours('ours-cpu-1', 'cpu', 1),
  'ours-auto': ours('ours-auto', 'auto'),
  'tfjs-webgpu': tfjs('webgpu'),
  'tfjs-cpu': tfjs('cpu'),
  'tfjs-wasm': tfjs('wasm'),
};
