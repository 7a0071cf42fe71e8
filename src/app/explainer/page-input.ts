/**
 * What the page hands `<explainer-panel>`: row 0 of its dataset as the one-sample neuron
 * (`.sample`), and the first rows as the batch of the vector view (`.batch`), both with the
 * page's current parameters, activation and loss, the batch with its reduction too.
 *
 * The batch is the real data's, not one made up around the sample: a learner then sees the
 * targets, losses and gradients of the dataset being trained (for Celsius -> °F, x = -50, -49, …
 * with targets -58, -56.2, …, where a made-up batch would invent targets 0, 1, -1). It is cheap
 * (at most MAX_BATCH rows copied, once per training frame at most, only while the tab shows)
 * and exact: the rows are the engine's own float32 values, computed on in float64.
 */
import type { NeuronToExplain } from '../../autograd/explain';
import type { VectorBatch } from '../../autograd/vector-backprop';
import type { Activation, Dataset, LossKind, Reduction } from '../../engine/types';
import { MAX_BATCH } from './vector-view';

/** The page's neuron as it stands: its parameters and how it is trained. */
export interface PageNeuron {
  weights: readonly number[];
  bias: number;
  activation: Activation;
  loss: LossKind;
  reduction: Reduction;
}

/** The panel's `.sample` and `.batch`. */
export interface ExplainerInput {
  sample: NeuronToExplain;
  batch: VectorBatch;
}

/** Row 0 as the explained sample and the first `MAX_BATCH` rows as the vector view's batch. */
export function explainerInput(data: Dataset, neuron: PageNeuron): ExplainerInput {
  const { x, y, d } = data;
  const m = Math.min(data.n, MAX_BATCH);
  const row = (i: number) => Array.from(x.subarray(i * d, (i + 1) * d));
  const { activation, loss, reduction, bias } = neuron;
  return {
    sample: { inputs: row(0), weights: [...neuron.weights], bias, activation, loss: { kind: loss, target: y[0] } },
    batch: {
      x: Array.from({ length: m }, (_, i) => row(i)),
      y: Array.from(y.subarray(0, m)),
      weights: [...neuron.weights],
      bias,
      activation,
      loss,
      reduction,
    },
  };
}
