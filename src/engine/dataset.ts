/**
 * Datasets. Each synthetic value is a pure function of (seed, row, column) through the
 * counter-based generator, so rows can be produced in slices (to keep the page
 * responsive), straight into GPU upload buffers, or by several workers at once, and every
 * backend sees the same float32 numbers. A table's rows are copied from its arrays by the
 * same function, so every consumer of rows takes both kinds alike.
 */
import { normalAt, NormalSequence, Stream, streamKey, uniformAt } from './random';
import { ConfigError } from './errors';
import { checkDatasetSpec, checkInteger, type CheckedDataset, type CheckedSynthetic, type TableIdentity } from './validate';
import type { Dataset, DatasetSpec } from './types';

/** The hidden relation a dataset is drawn from. */
export interface DatasetTruth {
  /** True weights (celsius, linear) or the class-1 centre (blobs; class 0 sits at its negative). */
  weights: number[];
  /** True bias (celsius, linear); 0 for blobs. */
  bias: number;
}

/** What identifies a dataset's values: the caches of both backends and the workers key on it. */
export function datasetKey(spec: CheckedSynthetic | TableIdentity): string {
  if (spec.kind === 'table') return JSON.stringify([spec.kind, spec.n, spec.d, spec.fingerprint]);
  return JSON.stringify([spec.kind, spec.n, spec.d, spec.noise, spec.seed]);
}

/** What identifies a dataset without its numbers: a table's arrays are left out (a CPU worker gets rows instead). */
export function datasetIdentity(spec: CheckedDataset): CheckedSynthetic | TableIdentity {
  if (spec.kind !== 'table') return spec;
  const { kind, n, d, fingerprint } = spec;
  return { kind, n, d, fingerprint };
}

/** Truths already worked out, by spec: fillPackedRows is called per row for plot samples. */
const truths = new WeakMap<CheckedSynthetic, DatasetTruth>();

function truthOf(spec: CheckedSynthetic): DatasetTruth {
  let truth = truths.get(spec);
  if (!truth) truths.set(spec, truth = computeTruth(spec));
  return truth;
}

function computeTruth(spec: CheckedSynthetic): DatasetTruth {
  if (spec.kind === 'celsius') return { weights: [1.8], bias: 32 };
  const key = streamKey(spec.seed, Stream.truth);
  const raw = Array.from({ length: spec.d }, (_, j) => normalAt(key, j));
  if (spec.kind === 'linear') return { weights: raw, bias: normalAt(key, spec.d) };
  // Blobs: centres at +-m with |m| = 2, so the classes are 4 apart along m.
  const norm = Math.hypot(...raw) || 1;
  return { weights: raw.map((v) => (2 * v) / norm), bias: 0 };
}

/**
 * Writes rows [begin, end) as packed rows of d + 1 float32 values (the features, then
 * the label) into `out`, starting at `out[offset]`.
 */
export function fillPackedRows(spec: CheckedDataset, begin: number, end: number, out: Float32Array, offset = 0): void {
  if (spec.kind === 'table') return copyTableRows(spec.x, spec.y, spec.d, begin, end, out, offset);
  const truth = truthOf(spec);
  const { d, noise } = spec;
  const stride = d + 1;
  const features = new NormalSequence(streamKey(spec.seed, Stream.features));
  const noiseKey = streamKey(spec.seed, Stream.labelNoise);
  const classKey = streamKey(spec.seed, Stream.classes);
  const w = truth.weights;
  let o = offset;
  for (let i = begin; i < end; i++, o += stride) {
    if (spec.kind === 'celsius') {
      const x = -50 + i;
      out[o] = x;
      out[o + 1] = 1.8 * x + 32 + (noise ? noise * normalAt(noiseKey, i) : 0);
    } else if (spec.kind === 'linear') {
      let y = truth.bias;
      for (let j = 0; j < d; j++) {
        const x = Math.fround(features.at(i * d + j));
        out[o + j] = x;
        y += w[j] * x;
      }
      out[o + d] = y + (noise ? noise * normalAt(noiseKey, i) : 0);
    } else {
      const label = uniformAt(classKey, i) < 0.5 ? 0 : 1;
      const sign = label ? 1 : -1;
      for (let j = 0; j < d; j++) out[o + j] = sign * w[j] + noise * features.at(i * d + j);
      out[o + d] = label;
    }
  }
}

/** A table's rows packed: an element loop, as a subarray per row would allocate millions of views. */
function copyTableRows(x: Float32Array, y: Float32Array, d: number, begin: number, end: number, out: Float32Array, offset: number): void {
  let o = offset;
  for (let i = begin; i < end; i++, o += d + 1) {
    const row = i * d;
    for (let j = 0; j < d; j++) out[o + j] = x[row + j];
    out[o + d] = y[i];
  }
}

/** Rows generated per slice before yielding: about 10 ms of work for d = 8. */
export function rowsPerSlice(d: number): number {
  return Math.max(1, Math.floor(2 ** 18 / (d + 1)));
}

/** Generates a whole dataset at once (synchronously), features and labels apart. */
export function makeDataset(spec: DatasetSpec): Dataset {
  const checked = checkDatasetSpec(spec);
  const { n, d } = checked;
  const packed = new Float32Array(n * (d + 1));
  fillPackedRows(checked, 0, n, packed);
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x.set(packed.subarray(i * (d + 1), i * (d + 1) + d), i * d);
    y[i] = packed[i * (d + 1) + d];
  }
  return { x, y, n, d };
}

/** The relation a dataset spec is drawn from: the line to recover, or the blob centres. */
export function datasetTruth(spec: DatasetSpec): DatasetTruth {
  const checked = checkDatasetSpec(spec);
  if (checked.kind === 'table') throw new ConfigError('dataset.kind', "dataset.kind 'table' has no hidden relation to recover; datasetTruth takes 'celsius', 'linear' or 'blobs'");
  return truthOf(checked);
}

/**
 * Up to `count` rows spread evenly over a dataset (row floor(i * n / count)), without
 * generating the rest: what a plot of tens of millions of samples needs.
 */
export function datasetSample(spec: DatasetSpec, count: number): Dataset & { rows: number[] } {
  const checked = checkDatasetSpec(spec);
  const { n, d } = checked;
  const m = Math.min(n, checkInteger('count', count, 0, Number.MAX_SAFE_INTEGER));
  const row = new Float32Array(d + 1);
  const x = new Float32Array(m * d);
  const y = new Float32Array(m);
  const rows: number[] = [];
  for (let i = 0; i < m; i++) {
    const r = Math.floor((i * n) / m);
    fillPackedRows(checked, r, r + 1, row);
    x.set(row.subarray(0, d), i * d);
    y[i] = row[d];
    rows.push(r);
  }
  return { x, y, n: m, d, rows };
}
