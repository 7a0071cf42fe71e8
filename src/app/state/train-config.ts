/** Turns page settings into the engine's configuration for one call of train(). */
import type { NeuronParameters, SyntheticDatasetSpec, TrainConfig } from '../../index';
import { effectiveBatchSize, type Settings } from './settings';

/** The dataset the settings describe. */
export function datasetSpec(s: Settings, n = s.n): SyntheticDatasetSpec {
  return { kind: s.dataset, n, features: s.features, noise: s.noise, seed: s.seed };
}

/**
 * Configuration for `epochs` epochs after `epochsDone` epochs, starting from `from`. The
 * engine numbers each epoch's shuffle from startEpoch, so a run split into calls (step,
 * pause and play) trains exactly as one uninterrupted call would.
 */
export function trainConfig(s: Settings, from: NeuronParameters, epochs: number, epochsDone: number): TrainConfig {
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
    seed: s.seed,
    startEpoch: epochsDone,
  };
}
