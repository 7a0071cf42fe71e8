/** Turns page settings into the engine's configuration for one call of train(). */
import type { DatasetSpec, TrainConfig } from '../../index';
import { effectiveBatchSize, type Settings } from './settings';

/** Weights and bias of the neuron. */
export interface Parameters {
  weights: number[];
  bias: number;
}

/** The dataset the settings describe. */
export function datasetSpec(s: Settings, n = s.n): DatasetSpec {
  return { kind: s.dataset, n, features: s.features, noise: s.noise, seed: s.seed };
}

/**
 * Configuration for `epochs` epochs starting from `from`. The engine numbers the shuffles
 * of each call from epoch 0, so a run split into calls passes a different shuffle seed
 * per call (see shuffleSeed) to keep later calls from repeating the first call's order.
 */
export function trainConfig(s: Settings, from: Parameters, epochs: number, seed: number): TrainConfig {
  return {
    backend: s.backend,
    dataset: datasetSpec(s),
    activation: s.activation,
    loss: s.loss,
    learningRate: s.learningRate,
    epochs,
    batchSize: effectiveBatchSize(s),
    reduction: s.reduction,
    init: { weights: [...from.weights], bias: from.bias },
    seed,
  };
}

/**
 * Shuffle seed of a call that starts after `epochsDone` epochs: a 32-bit mix of the page
 * seed and the start epoch, so the same sequence of presses repeats exactly.
 */
export function shuffleSeed(seed: number, epochsDone: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(epochsDone + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
