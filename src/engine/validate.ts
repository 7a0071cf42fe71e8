/**
 * Turns untrusted settings into a complete, checked configuration, or throws a
 * ConfigError naming the field and what is allowed. Everything downstream trusts its
 * output.
 */
import { ConfigError, mustBe } from './errors';
import { check, choiceRule, integerRule, numberRule } from './field-rules';
import { MAX_EPOCH_NUMBER, MAX_EPOCHS, MAX_FEATURES, MAX_NOISE, MAX_SEED, MAX_VALUES } from './limits';
import { lossAccepts, lossFunction } from './functions/losses';
import { initialParameters } from './init';
import { checkBinaryTargets, checkTableSpec, type CheckedTable } from './table-spec';
import {
  ACTIVATIONS, BACKENDS, DATASET_KINDS, LOSSES, REDUCTIONS,
  type Activation, type BackendChoice, type DatasetKind, type LossKind, type Reduction, type TrainOptions, type GradientOptions,
} from './types';

/** A checked dataset: generated (synthetic) or given as numbers (table). */
export type CheckedDataset = CheckedSynthetic | CheckedTable;
export type { CheckedTable, TableIdentity } from './table-spec';

export interface CheckedSynthetic {
  kind: DatasetKind;
  n: number;
  d: number;
  noise: number;
  seed: number;
}

export interface CheckedConfig {
  backend: BackendChoice;
  dataset: CheckedDataset;
  activation: Activation;
  loss: LossKind;
  learningRate: number;
  epochs: number;
  batchSize: number;
  reduction: Reduction;
  /** Initial weights (length d) and bias, resolved from a seed when one was given. */
  weights: number[];
  bias: number;
  /** Seed of the per-epoch shuffle. */
  seed: number;
  /** Number of the first epoch. */
  startEpoch: number;
}

const DEFAULT_FEATURES: Record<DatasetKind, number> = { celsius: 1, linear: 1, blobs: 2 };
const DEFAULT_NOISE: Record<DatasetKind, number> = { celsius: 0, linear: 0.1, blobs: 0.5 };
const CONFIG_FIELDS = ['backend', 'dataset', 'activation', 'loss', 'learningRate', 'epochs', 'batchSize', 'reduction', 'init', 'seed', 'startEpoch'];
const DATASET_FIELDS = ['kind', 'n', 'features', 'noise', 'seed'];
const TABLE_FIELDS = ['kind', 'x', 'y', 'features'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownFields(where: string, value: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(`${where}${key}`, `${where}${key || '(an empty name)'} is not a setting; allowed: ${allowed.join(', ')}`);
    }
  }
}

function quoted(value: string): string {
  return `'${value}'`;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  return check(field, value, choiceRule(allowed));
}

/** An integer in [min, max]. */
export function checkInteger(field: string, value: unknown, min: number, max: number): number {
  return check(field, value, integerRule(min, max));
}

function checkFinite(field: string, value: unknown): number {
  return check(field, value, numberRule());
}

/** Checks a dataset spec and fills in its defaults. */
export function checkDatasetSpec(spec: unknown, where = 'dataset'): CheckedDataset {
  if (!isRecord(spec)) throw mustBe(where, "an object like { kind: 'celsius', n: 100 }", spec);
  if (spec.kind === 'table') {
    rejectUnknownFields(`${where}.`, spec, TABLE_FIELDS);
    return checkTableSpec(spec, where);
  }
  rejectUnknownFields(`${where}.`, spec, DATASET_FIELDS);
  const kind = oneOf(`${where}.kind`, spec.kind, [...DATASET_KINDS, 'table']) as DatasetKind;
  const d = spec.features === undefined
    ? DEFAULT_FEATURES[kind]
    : kind === 'celsius'
      ? checkInteger(`${where}.features`, spec.features, 1, 1)
      : checkInteger(`${where}.features`, spec.features, 1, MAX_FEATURES);
  const maxN = Math.floor(MAX_VALUES / (d + 1));
  const n = checkInteger(`${where}.n`, spec.n, 1, maxN);
  const noise = spec.noise === undefined ? DEFAULT_NOISE[kind] : check(`${where}.noise`, spec.noise, numberRule(0, MAX_NOISE));
  const seed = spec.seed === undefined ? 0 : checkInteger(`${where}.seed`, spec.seed, 0, MAX_SEED);
  return { kind, n, d, noise, seed };
}

/** Checks a training configuration and fills in its defaults. */
export function checkTrainConfig(config: unknown): CheckedConfig {
  if (!isRecord(config)) throw mustBe('config', 'an object', config);
  rejectUnknownFields('', config, CONFIG_FIELDS);
  const backend = oneOf('backend', config.backend, BACKENDS);
  const dataset = checkDatasetSpec(config.dataset);
  const activation = oneOf('activation', config.activation, ACTIVATIONS);
  const loss = oneOf('loss', config.loss, LOSSES);
  if (!lossAccepts(loss, activation)) {
    const fitting = LOSSES.filter((l) => lossAccepts(l, activation)).map(quoted).join(' or ');
    const needs = lossFunction(loss).onlyWith?.map(quoted).join(' or ');
    throw mustBe('loss', `${fitting} with activation '${activation}' ('${loss}' needs activation ${needs})`, loss);
  }
  if (loss === 'bce' && dataset.kind === 'table') checkBinaryTargets(dataset, 'dataset');
  else if (loss === 'bce' && dataset.kind !== 'blobs') {
    throw mustBe('loss', `'mse' for dataset '${dataset.kind}' ('bce' needs labels 0 and 1: dataset 'blobs' or a table of 0/1 targets)`, loss);
  }
  const learningRate = check('learningRate', config.learningRate, numberRule(0, Infinity, { above: true }));
  const epochs = checkInteger('epochs', config.epochs, 1, MAX_EPOCHS);
  const batchSize = checkInteger('batchSize', config.batchSize, 1, dataset.n);
  const reduction = config.reduction === undefined ? 'mean' : oneOf('reduction', config.reduction, REDUCTIONS);
  const seed = config.seed === undefined ? 0 : checkInteger('seed', config.seed, 0, MAX_SEED);
  const startEpoch = config.startEpoch === undefined ? 0 : checkInteger('startEpoch', config.startEpoch, 0, MAX_EPOCH_NUMBER - epochs);
  const { weights, bias } = checkInit(config.init, dataset.d);
  return { backend, dataset, activation, loss, learningRate, epochs, batchSize, reduction, weights, bias, seed, startEpoch };
}

/**
 * Checks train()'s options (and gradients()', which take no onNotice): callbacks must be
 * functions and the signal an AbortSignal.
 */
export function checkTrainOptions<T extends TrainOptions | GradientOptions = TrainOptions>(
  options: unknown, callbacks: readonly ('onProgress' | 'onNotice')[] = ['onProgress', 'onNotice'],
): T {
  if (options === undefined) return {} as T;
  const fields = [...callbacks, 'signal'];
  if (!isRecord(options)) throw mustBe('options', `an object { ${fields.map((f) => `${f}?`).join(', ')} }`, options);
  rejectUnknownFields('options.', options, fields);
  for (const name of callbacks) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw mustBe(`options.${name}`, 'a function', options[name]);
  }
  const signal = options.signal;
  if (signal !== undefined && !(typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal)) {
    throw mustBe('options.signal', 'an AbortSignal', signal);
  }
  return options as T;
}

function checkInit(init: unknown, d: number): { weights: number[]; bias: number } {
  if (init === undefined) return initialParameters(0, d);
  if (!isRecord(init)) throw mustBe('init', '{ weights: number[], bias: number } or { seed: number }', init);
  if ('seed' in init) {
    rejectUnknownFields('init.', init, ['seed']);
    return initialParameters(checkInteger('init.seed', init.seed, 0, MAX_SEED), d);
  }
  rejectUnknownFields('init.', init, ['weights', 'bias']);
  const weights = init.weights;
  if (!Array.isArray(weights) || weights.length !== d) {
    throw mustBe('init.weights', `an array of ${d} finite number${d === 1 ? '' : 's'} (one per feature)`, weights);
  }
  // By index, not forEach: a sparse array's holes must be refused too.
  for (let i = 0; i < d; i++) checkFinite(`init.weights[${i}]`, weights[i]);
  const bias = checkFinite('init.bias', init.bias);
  return { weights: [...weights] as number[], bias };
}
