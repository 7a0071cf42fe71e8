/**
 * One strict parser per setting, shared by the URL and the form, so a value typed into
 * a box and a value pasted into a link pass exactly the same checks. Parsers read text
 * only with regular expressions and Number(): nothing from outside is ever evaluated.
 */
import {
  ACTIVATION_CHOICES, BACKEND_CHOICES, BATCH_MODES, DATASETS, LIMITS, LOSS_CHOICES, LOSS_SCALES,
  REDUCTION_CHOICES, TABS, type Settings,
} from './settings';

/** What went wrong with one value, in words that name the allowed values. */
export interface Rejection {
  rejected: true;
  allowed: string;
}

export interface Field<K extends keyof Settings> {
  /** Name in the query string. */
  param: string;
  /** Name on the page. */
  label: string;
  parse(raw: string): Settings[K] | Rejection;
  format(value: Settings[K]): string;
}

export type Fields = { [K in keyof Settings]: Field<K> };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function reject(allowed: string): Rejection {
  return { rejected: true, allowed };
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as Rejection).rejected === true;
}

function choice<T extends string>(label: string, param: string, options: readonly T[]) {
  return {
    param, label,
    parse: (raw: string): T | Rejection => (options as readonly string[]).includes(raw) ? raw as T : reject(`one of ${options.join(', ')}`),
    format: (v: T) => v,
  };
}

/** Decimal or scientific notation ("1e6" is an integer too). */
function integer(label: string, param: string, min: number, max: number) {
  const allowed = `an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return {
    param, label,
    parse: (raw: string): number | Rejection => {
      if (!NUMBER.test(raw.trim())) return reject(allowed);
      // + 0 turns "-0" into 0, so a value reads back from its URL exactly.
      const v = Number(raw) + 0;
      return Number.isInteger(v) && v >= min && v <= max ? v : reject(allowed);
    },
    format: (v: number) => String(v),
  };
}

/** A switch, written "on" or "off". */
function flag(label: string, param: string) {
  return {
    param, label,
    parse: (raw: string): boolean | Rejection => (raw === 'on' ? true : raw === 'off' ? false : reject('on or off')),
    format: (v: boolean) => (v ? 'on' : 'off'),
  };
}

/** A finite number in [min, max], or (min, max] when `above` is set. */
function decimal(label: string, param: string, min: number, max: number, above = false) {
  const allowed = above ? `a number above ${min} and at most ${max}` : `a number from ${min} to ${max}`;
  return {
    param, label,
    parse: (raw: string): number | Rejection => {
      if (!NUMBER.test(raw.trim())) return reject(allowed);
      const v = Number(raw) + 0;
      const low = above ? v > min : v >= min;
      return Number.isFinite(v) && low && v <= max ? v : reject(allowed);
    },
    format: (v: number) => String(v),
  };
}

/** The checks of every setting; cross-setting rules (n against features, ...) live in reconcile.ts. */
export const FIELDS: Fields = {
  dataset: choice('Dataset', 'dataset', DATASETS),
  n: integer('Samples', 'n', 1, LIMITS.maxValues / 2),
  features: integer('Features', 'features', 1, LIMITS.maxFeatures),
  noise: decimal('Noise', 'noise', 0, LIMITS.maxNoise),
  seed: integer('Seed', 'seed', 0, LIMITS.maxSeed),
  activation: choice('Activation', 'activation', ACTIVATION_CHOICES),
  loss: choice('Loss', 'loss', LOSS_CHOICES),
  learningRate: decimal('Learning rate', 'lr', 0, 1e6, true),
  batchMode: choice('Batch', 'batch', BATCH_MODES),
  batchSize: integer('Batch size', 'batchSize', 1, LIMITS.maxValues / 2),
  reduction: choice('Gradient reduction', 'reduction', REDUCTION_CHOICES),
  epochs: integer('Epochs', 'epochs', 1, LIMITS.maxEpochs),
  backend: choice('Backend', 'backend', BACKEND_CHOICES),
  lossScale: choice('Loss scale', 'scale', LOSS_SCALES),
  tab: choice('View', 'tab', TABS),
  scalingMaxExp: integer('Scaling maximum (power of ten)', 'smax', LIMITS.minScalingExp, LIMITS.maxScalingExp),
  scalingTfjs: flag('Scaling with TF.js', 'stfjs'),
};

/** The settings in the order they appear in a URL. */
export const FIELD_ORDER = Object.keys(FIELDS) as (keyof Settings)[];

/** A raw value quoted for a message, cut short so a huge URL cannot flood the page. */
export function quote(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}

/** "Samples (n): "-5" is not an integer from 1 to ...; using 100." */
export function describeRejection<K extends keyof Settings>(key: K, raw: string, rejection: Rejection, fallback: Settings[K]): string {
  const field = FIELDS[key];
  return `${field.label} (${field.param}): ${quote(raw)} is not ${rejection.allowed}; using ${field.format(fallback)}.`;
}
