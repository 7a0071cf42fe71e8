/** Numbers shown next to the plots, computed on the plot sample once per frame. */
import type { Activation, Dataset } from '../../index';
import type { NeuronParameters } from '../../index';
import { predictRow } from './neuron';

/**
 * Share of rows whose output falls on the side of 0.5 their 0/1 label is on. The same
 * threshold serves every activation: the labels are 0 and 1 whatever f is.
 */
export function accuracy(data: Dataset, p: NeuronParameters, activation: Activation): number {
  let right = 0;
  for (let i = 0; i < data.n; i++) {
    const predicted = predictRow(p, activation, data.x, i, data.d) >= 0.5 ? 1 : 0;
    if (predicted === data.y[i]) right++;
  }
  return data.n > 0 ? right / data.n : NaN;
}
