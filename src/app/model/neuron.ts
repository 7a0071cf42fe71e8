/** The neuron's forward pass on the page: for plots and accuracy, never for training. */
import type { Activation } from '../../index';
import type { NeuronParameters } from '../../index';
import { activate } from '../../engine/neuron-math';

/** a = f(z), in float64, from the engine's activation table. */
export { activate };

/** f(w·x + b) for row `row` of a row-major feature array with `d` columns. */
export function predictRow(p: NeuronParameters, activation: Activation, x: ArrayLike<number>, row: number, d: number): number {
  let z = p.bias;
  for (let j = 0; j < d; j++) z += p.weights[j] * x[row * d + j];
  return activate(activation, z);
}
