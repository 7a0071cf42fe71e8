/** Initial parameters drawn from a seed: w_j ~ N(0, 1/d), b = 0, so z starts near unit scale. */
import { normalAt, Stream, streamKey } from './random';

export function initialParameters(seed: number, d: number): { weights: number[]; bias: number } {
  const key = streamKey(seed, Stream.init);
  const scale = 1 / Math.sqrt(d);
  const weights = Array.from({ length: d }, (_, j) => normalAt(key, j) * scale);
  return { weights, bias: 0 };
}
