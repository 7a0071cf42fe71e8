/**
 * TensorFlow.js's webgpu backend timed for the scaling run. Loaded with import() only
 * when the person ticks the box, so neither TF.js nor this module is in the main bundle.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { makeDataset, type Activation, type DatasetSpec, type LossKind, type Reduction } from '../../index';
import { TfjsNeuron } from '../../tfjs/tfjs-neuron';

export interface TfjsScalingConfig {
  dataset: DatasetSpec;
  activation: Activation;
  loss: LossKind;
  learningRate: number;
  reduction: Reduction;
  init: { weights: number[]; bias: number };
}

/**
 * Milliseconds per full-batch epoch over `epochs` epochs, after one warm-up epoch that is
 * not timed (shaders compiled, data uploaded). Rejects with TF.js's own error when it
 * cannot train this size.
 */
export async function timeTfjs(
  config: TfjsScalingConfig, epochs: number, signal: AbortSignal, onEpochs: (share: number) => void,
): Promise<number> {
  const data = makeDataset(config.dataset);
  const neuron = await TfjsNeuron.open('webgpu', data, {
    activation: config.activation, loss: config.loss, learningRate: config.learningRate,
    reduction: config.reduction, batchSize: data.n, init: config.init,
  });
  try {
    await neuron.train(1, 0, signal);
    onEpochs(1 / (epochs + 1));
    const run = await neuron.train(epochs, 0, signal);
    onEpochs(1);
    return run.ms / epochs;
  } finally {
    neuron.dispose();
  }
}
