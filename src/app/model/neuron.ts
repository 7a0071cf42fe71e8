/** The neuron's forward pass on the page: for plots and accuracy, never for training. */
import type { Activation } from '../../index';
import type { NeuronParameters } from '../../index';

/** a = f(z). */
export function activate(activation: Activation, z: number): number {
  switch (activation) {
    case 'identity': return z;
    case 'relu': return z > 0 ? z : 0;
    case 'tanh': return Math.tanh(z);
    case 'sigmoid': return 1 / (1 + Math.exp(-z));
  }
}

/** f(w·x + b) for row `row` of a row-major feature array with `d` columns. */
export function predictRow(p: NeuronParameters, activation: Activation, x: ArrayLike<number>, row: number, d: number): number {
  let z = p.bias;
  for (let j = 0; j < d; j++) z += p.weights[j] * x[row * d + j];
  return activate(activation, z);
}
