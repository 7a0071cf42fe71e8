/**
 * TensorFlow.js as a contender (loaded with import() only when a TF.js case runs): its
 * backend packages and the engine's batch order for mini-batches.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../src/index';
import { keyOfEpoch, makeSchedule, rowAt } from '../src/engine/schedule';
import { TfjsNeuron } from '../src/tfjs/tfjs-neuron';
import { initOf } from './cases';
import type { Session } from './contenders';
import type { BenchCase } from './types';

export type TfjsBackendName = 'webgpu' | 'cpu' | 'wasm';

export const tfjsVersion = tf.version_core;

/** Registers a backend by importing its package, once. */
const loading = new Map<TfjsBackendName, Promise<unknown>>();
function loadBackend(name: TfjsBackendName): Promise<unknown> {
  let promise = loading.get(name);
  if (!promise) {
    promise = name === 'webgpu' ? import('@tensorflow/tfjs-backend-webgpu')
      : name === 'cpu' ? import('@tensorflow/tfjs-backend-cpu')
        : import('./tfjs-wasm');
    loading.set(name, promise);
  }
  return promise;
}

/** Threads of the wasm backend, or undefined when it was not used. */
export async function tfjsWasmThreads(): Promise<number | undefined> {
  if (!loading.has('wasm')) return undefined;
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  try {
    return getThreadsCount();
  } catch {
    return undefined;
  }
}

/**
 * The rows of each epoch in the order the engine visits them: its keyed shuffle for
 * mini-batches (the shuffle seed is train()'s default, 0), none for a full batch.
 */
function engineOrder(c: BenchCase): ((epoch: number) => Int32Array) | undefined {
  const schedule = makeSchedule(c.dataset.n, c.batchSize, 0);
  if (!schedule.shuffled) return undefined;
  return (epoch) => {
    const key = keyOfEpoch(schedule, epoch);
    const rows = new Int32Array(schedule.n);
    for (let p = 0; p < schedule.n; p++) rows[p] = rowAt(schedule, key, p);
    return rows;
  };
}

export async function openTfjs(backend: TfjsBackendName, c: BenchCase, data: Dataset): Promise<Session> {
  await loadBackend(backend);
  const order = engineOrder(c);
  const neuron = await TfjsNeuron.open(backend, data, {
    activation: c.activation, loss: c.loss, learningRate: c.learningRate, batchSize: c.batchSize, init: initOf(c),
    ...(order ? { order } : {}),
  });
  return {
    run: async (epochs) => {
      const result = await neuron.train(epochs);
      if (!Number.isFinite(result.bias) || !result.weights.every(Number.isFinite)) {
        throw new Error(`parameters are not finite (bias ${result.bias})`);
      }
      return result;
    },
    dispose: () => neuron.dispose(),
  };
}
