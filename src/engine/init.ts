/** Initial parameters drawn from a seed: w_j ~ N(0, 1/d), b = 0, so z starts near unit scale. */
import { MAX_FEATURES, MAX_SEED } from './limits';
import { normalAt, Stream, streamKey } from './random';
import { checkInteger } from './validate';

export function initialParameters(seed: number, d: number): { weights: number[]; bias: number } {
  checkInteger('seed', seed, 0, MAX_SEED);
  checkInteger('features', d, 1, MAX_FEATURES);
  const key = streamKey(seed, Stream.init);
  const scale = 1 / Math.sqrt(d);
  const weights = Array.from({ length: d }, (_, j) => normalAt(key, j) * scale);
  return { weights, bias: 0 };
}
