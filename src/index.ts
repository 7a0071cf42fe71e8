/** Neuron Playground's engine: datasets, training and gradients on the GPU or the CPU. */
export { makeDataset, datasetTruth } from './engine/dataset';
export { train, gradients } from './engine/train';
export { ConfigError } from './engine/errors';
export { explain } from './autograd/explain';
export type {
  Activation, Backend, BackendChoice, Dataset, DatasetKind, DatasetSpec, GradientResult,
  InitialParameters, LossKind, Progress, Reduction, TrainConfig, TrainOptions, TrainResult,
} from './engine/types';
export type { ExplainActivation, ExplainNode, Explanation, NeuronToExplain } from './autograd/explain';
