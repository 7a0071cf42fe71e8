/**
 * The starting weights of a run, drawn from the page seed: w_j ~ N(0, 1/d), b = 0, the
 * same law the engine uses for `init: { seed }`. The page draws them itself because it
 * must know them to plot "before training"; it then passes them to the engine explicitly,
 * so every backend starts from the very same numbers.
 */
import type { Parameters } from '../state/train-config';

/** mulberry32: a small, well-mixed 32-bit generator; enough for a handful of weights. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Initial weights and bias for `features` inputs from `seed`. */
export function initialParameters(seed: number, features: number): Parameters {
  const next = generator(seed);
  const scale = 1 / Math.sqrt(features);
  const weights = Array.from({ length: features }, () => {
    // Box-Muller; 1 - u keeps the logarithm finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * scale;
  });
  return { weights, bias: 0 };
}
