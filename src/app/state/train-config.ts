/** Turns page settings into the engine's configuration for one call of train(). */
import type { DatasetSpec, NeuronParameters, TrainConfig } from '../../index';
import { effectiveBatchSize, type Settings } from './settings';

/** The numbers of a loaded table the engine trains on (a readTable() result has them). */
export interface TableNumbers {
  x: Float32Array;
  y: Float32Array;
  /** Features per row. */
  d: number;
}

/**
 * The dataset the settings describe: a synthetic one of n rows, or the first n rows of
 * the loaded table (views of its arrays, no copy). A table dataset without a table is a
 * bug of the page (it never selects 'table' before one is loaded), so it throws.
 */
export function datasetSpec(s: Settings, n = s.n, table?: TableNumbers): DatasetSpec {
  if (s.dataset !== 'table') return { kind: s.dataset, n, features: s.features, noise: s.noise, seed: s.seed };
  if (!table) throw new Error('datasetSpec: the table dataset is chosen but no table is loaded');
  const rows = Math.min(n, table.y.length);
  return { kind: 'table', x: table.x.subarray(0, rows * table.d), y: table.y.subarray(0, rows), features: table.d };
}

/**
 * Configuration for `epochs` epochs after `epochsDone` epochs, starting from `from`. The
 * engine numbers each epoch's shuffle from startEpoch, so a run split into calls (step,
 * pause and play) trains exactly as one uninterrupted call would.
 */
export function trainConfig(s: Settings, from: NeuronParameters, epochs: number, epochsDone: number, table?: TableNumbers): TrainConfig {
  return {
    backend: s.backend,
    dataset: datasetSpec(s, s.n, table),
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
