/** What the benchmark measures: the cases of the issue, full or quick. */
import { initialParameters } from '../src/index';
import type { BenchCase, BenchOptions } from './types';

/** Samples of the largest full-batch case by default: 2^24 rows of 8 features is 604 MB. */
export const DEFAULT_MAX_LOG2 = 24;

/** Smallest full-batch size: 2^10. */
const MIN_LOG2 = 10;

function blobs(n: number, features: number, batchSize: number, group: BenchCase['group']): BenchCase {
  const batch = batchSize === n ? 'full batch' : `batch ${batchSize.toLocaleString('en-US')}`;
  return {
    id: `blobs-d${features}-n${n}-${batchSize === n ? 'full' : `b${batchSize}`}`,
    group,
    title: `blobs, sigmoid + bce, n = 2^${Math.log2(n)}, d = ${features}, ${batch}`,
    dataset: { kind: 'blobs', n, features, noise: 0.5, seed: 7 },
    activation: 'sigmoid',
    loss: 'bce',
    learningRate: 0.1,
    batchSize,
  };
}

function linear(n: number, features: number): BenchCase {
  return {
    id: `linear-d${features}-n${n}-full`,
    group: 'full-batch',
    title: `linear, identity + mse, n = 2^${Math.log2(n)}, d = ${features}, full batch`,
    dataset: { kind: 'linear', n, features, noise: 0.1, seed: 7 },
    activation: 'identity',
    loss: 'mse',
    learningRate: 0.1,
    batchSize: n,
  };
}

/** The first tutorial: 100 Celsius values to Fahrenheit, `steps` full-batch steps at lr 1e-3. */
function celsius(steps: number): BenchCase {
  return {
    id: `celsius-${steps}`,
    group: 'tutorial',
    title: `celsius, identity + mse, n = 100, ${steps.toLocaleString('en-US')} full-batch steps`,
    dataset: { kind: 'celsius', n: 100, features: 1, noise: 0, seed: 0 },
    activation: 'identity',
    loss: 'mse',
    learningRate: 1e-3,
    batchSize: 100,
    fixedEpochs: steps,
  };
}

/** The cases in the order they run: small first, so a slow contender is skipped early. */
export function benchCases(options: Pick<BenchOptions, 'quick' | 'maxLog2'>): BenchCase[] {
  if (options.quick) {
    const sizes = [2 ** 10, 2 ** 12];
    return [...sizes.map((n) => blobs(n, 8, n, 'full-batch')), ...sizes.map((n) => linear(n, 8)), celsius(100)];
  }
  const sizes: number[] = [];
  for (let e = MIN_LOG2; e <= options.maxLog2; e += 2) sizes.push(2 ** e);
  const cases: BenchCase[] = [celsius(10_000)];
  cases.push(...sizes.map((n) => blobs(n, 8, n, 'full-batch')));
  cases.push(...sizes.map((n) => linear(n, 8)));
  const mid = 2 ** Math.min(20, options.maxLog2);
  cases.push(blobs(mid, 1, mid, 'features'), blobs(mid, 64, mid, 'features'));
  cases.push(blobs(mid, 8, Math.min(1024, mid), 'mini-batch'));
  return cases;
}

/** Initial parameters of a case, the same numbers for every contender (w ~ N(0, 1/d), b = 0). */
export function initOf(c: BenchCase): { weights: number[]; bias: number } {
  return initialParameters(3, c.dataset.features);
}
