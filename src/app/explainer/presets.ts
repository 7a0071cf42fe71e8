/**
 * The neurons the explainer opens with, and the small batch it makes up around a neuron
 * when the page passes none. Both worked examples come from the project's sources: a ReLU
 * neuron with a gradient of 1 arriving at its output, and a tanh neuron whose bias makes
 * z = atanh(1/√2), so that a = 0.7071 and 1 − a² = 0.5.
 */
import type { NeuronToExplain } from '../../autograd/explain';
import type { VectorBatch } from '../../autograd/vector-backprop';
import { lossFunction } from '../../engine/functions/losses';

export type PresetId = 'relu' | 'tanh' | 'sample';

export interface Preset {
  id: PresetId;
  /** Button text. */
  title: string;
  /** One sentence under the buttons once the preset is loaded. */
  description: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'relu',
    title: 'ReLU neuron',
    description: 'Three inputs, ReLU, no loss: a gradient of 1 arrives at the output from whatever follows the neuron.',
  },
  {
    id: 'tanh',
    title: 'tanh neuron',
    description: 'Two inputs, tanh, no loss; b is chosen so that a = tanh(z) = 1/√2 and 1 − a² = 0.5.',
  },
  {
    id: 'sample',
    title: 'This sample, these parameters',
    description: 'One sample of the current dataset with the weights and bias the page holds now.',
  },
];

/** x = [1, -2, 3], w = [-3, -1, 2], b = 1: z = 6, a = 6; dx = [-3, -1, 2], dw = [1, -2, 3], db = 1. */
export const RELU_NEURON: NeuronToExplain = { inputs: [1, -2, 3], weights: [-3, -1, 2], bias: 1, activation: 'relu' };

/** x = [2, 0], w = [-3, 1]: a = 0.7071; dx = [-1.5, 0.5], dw = [1, 0], db = 0.5. */
export const TANH_NEURON: NeuronToExplain = { inputs: [2, 0], weights: [-3, 1], bias: 6.8813735870195432, activation: 'tanh' };

/** A deep copy, so editing a loaded preset never changes the preset itself. */
export function copyNeuron(n: NeuronToExplain): NeuronToExplain {
  return {
    inputs: [...n.inputs],
    weights: [...n.weights],
    bias: n.bias,
    activation: n.activation,
    ...(n.loss ? { loss: { ...n.loss } } : {}),
  };
}

/** Samples in a made-up batch. */
const MADE_UP_SAMPLES = 4;
/** How far the made-up samples move away from the neuron's own sample, feature by feature. */
const SHIFTS: readonly ((j: number) => number)[] = [
  () => 0,
  (j) => (j % 2 === 0 ? 1 : -1),
  (j) => -0.5 * (j + 1),
  (j) => (j % 2 === 0 ? -1.5 : 0.5),
];

/**
 * Four samples around the neuron's own: the first is its sample unchanged, the others
 * shifted by fixed amounts, so the table's first column matches the graph. Targets come
 * from the neuron's loss when it has one (mse otherwise, as the engine would train it).
 */
export function madeUpBatch(n: NeuronToExplain): VectorBatch {
  const loss = n.loss?.kind ?? 'mse';
  const binary = lossFunction(loss).binaryTargets;
  const others = binary ? [0, 1, 0] : [0, 1, -1];
  const first = n.loss?.target ?? (binary ? 1 : 0);
  return {
    x: Array.from({ length: MADE_UP_SAMPLES }, (_, k) => n.inputs.map((xj, j) => xj + SHIFTS[k](j))),
    y: [first, ...others],
    weights: [...n.weights],
    bias: n.bias,
    activation: n.activation,
    loss,
    reduction: 'mean',
  };
}
