/**
 * Each column's range and mean over a whole loaded table (one pass, kept per table): the
 * range for the table panel's preview, the means for holding the features past the
 * second at a typical value in the decision-boundary view.
 */
import type { Dataset, NeuronParameters } from '../../index';
import type { TableNumbers } from '../state/train-config';

export interface ColumnStats {
  min: number;
  max: number;
  mean: number;
}

const cache = new WeakMap<Float32Array, { features: ColumnStats[]; target: ColumnStats }>();

/** Stats of each feature column and of the target, computed once per table. */
export function columnStats(table: TableNumbers): { features: ColumnStats[]; target: ColumnStats } {
  const cached = cache.get(table.y);
  if (cached) return cached;
  const { x, y, d } = table;
  const n = y.length;
  const features = Array.from({ length: d }, () => ({ min: Infinity, max: -Infinity, sum: 0 }));
  const target = { min: Infinity, max: -Infinity, sum: 0 };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j];
      const f = features[j];
      if (v < f.min) f.min = v;
      if (v > f.max) f.max = v;
      f.sum += v;
    }
    const v = y[i];
    if (v < target.min) target.min = v;
    if (v > target.max) target.max = v;
    target.sum += v;
  }
  const done = (s: { min: number; max: number; sum: number }): ColumnStats => ({ min: s.min, max: s.max, mean: n > 0 ? s.sum / n : NaN });
  const result = { features: features.map(done), target: done(target) };
  cache.set(table.y, result);
  return result;
}

/**
 * The first two features of the rows, and the neuron seen in their plane with every
 * other feature held at its mean: weights w0, w1 and bias b + Σ_{j≥2} w_j·mean_j, so the
 * 2-D picture shows exactly the neuron's output along that plane.
 */
export function firstTwoFeatures(data: Dataset, means: readonly number[], p: NeuronParameters): { data: Dataset; params: NeuronParameters } {
  const { d, n } = data;
  if (d <= 2) return { data, params: p };
  const x = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    x[2 * i] = data.x[i * d];
    x[2 * i + 1] = data.x[i * d + 1];
  }
  let bias = p.bias;
  for (let j = 2; j < d; j++) bias += p.weights[j] * means[j];
  return { data: { x, y: data.y, n, d: 2 }, params: { weights: [p.weights[0], p.weights[1]], bias } };
}
