/**
 * The contenders: this project's train() on the GPU and on the CPU, and TensorFlow.js on
 * its webgpu, cpu and wasm backends (loaded with import() on first use). Each one trains
 * a case from the same initial parameters and reads its result back once per call.
 */
import { train, type Dataset } from '../src/index';
import { initOf } from './cases';
import type { BenchCase, ContenderId } from './types';

export interface CallResult {
  /** Milliseconds of training, without generating or uploading the dataset. */
  ms: number;
  weights: number[];
  bias: number;
  /** The adapter train() used, when on the GPU. */
  adapter?: string;
}

/** A contender set up for one case: call run() as often as wanted, then dispose(). */
export interface Session {
  /** Trains `epochs` epochs from the case's initial parameters. */
  run(epochs: number): Promise<CallResult>;
  dispose(): void;
}

export interface Contender {
  id: ContenderId;
  /** Whether it trains on makeDataset's arrays (TF.js) rather than generating its own (ours). */
  needsData: boolean;
  open(c: BenchCase, data: () => Dataset): Promise<Session>;
}

function ours(backend: 'gpu' | 'cpu'): Contender {
  return {
    id: `ours-${backend}`,
    needsData: false,
    open: async (c) => ({
      run: async (epochs) => {
        const result = await train({
          backend, dataset: c.dataset, activation: c.activation, loss: c.loss, learningRate: c.learningRate,
          epochs, batchSize: c.batchSize, init: initOf(c),
        });
        if (result.backend !== backend) throw new Error(`train() ran on the ${result.backend}, not the ${backend}`);
        return { ms: result.ms, weights: result.weights, bias: result.bias, ...(result.adapter ? { adapter: result.adapter } : {}) };
      },
      dispose: () => {},
    }),
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

export const ALL_CONTENDERS: Record<ContenderId, Contender> = {
  'ours-gpu': ours('gpu'),
  'ours-cpu': ours('cpu'),
  'tfjs-webgpu': tfjs('webgpu'),
  'tfjs-cpu': tfjs('cpu'),
  'tfjs-wasm': tfjs('wasm'),
};
