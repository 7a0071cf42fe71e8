/**
 * One strict parser per setting, shared by the URL and the form, so a value typed into
 * a box and a value pasted into a link pass exactly the same checks. Parsers read text
 * only with regular expressions and Number(): nothing from outside is ever evaluated.
 * The rules and the refusals are the engine's (engine/field-rules.ts): a refused value is
 * a ConfigError naming the URL name, "n must be an integer from 1 to 268,435,456; got \"-5\"".
 */
import { ConfigError } from '../../index';
import { choiceRule, integerRule, numberRule, type Rule } from '../../engine/field-rules';
import { mustBe } from '../../engine/errors';
import {
  ACTIVATION_CHOICES, BACKEND_CHOICES, BATCH_MODES, DATASETS, LIMITS, LOSS_CHOICES, LOSS_SCALES,
  REDUCTION_CHOICES, TABS, type Settings, type SurfaceAxisName, type SurfaceRange,
} from './settings';

export interface Field<K extends keyof Settings> {
  /** Name in the query string, and the field a refusal names. */
  param: string;
  /** Name on the page. */
  label: string;
  /** The value, or the ConfigError that says what is allowed. */
  parse(raw: string): Settings[K] | ConfigError;
  format(value: Settings[K]): string;
}

export type Fields = { [K in keyof Settings]: Field<K> };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when a field refused its text. */
export function isRejection(value: unknown): value is ConfigError {
  return value instanceof ConfigError;
}

function choice<T extends string>(label: string, param: string, options: readonly T[]) {
  const rule = choiceRule(options);
  return {
    param, label,
    parse: (raw: string): T | ConfigError => (rule.accepts(raw) ? raw : mustBe(param, rule.allowed, raw)),
    format: (v: T) => v,
  };
}

/** Decimal or scientific notation ("1e6" is an integer too), checked by the engine's rule. */
function numeric(label: string, param: string, rule: Rule<number>) {
  return {
    param, label,
    parse: (raw: string): number | ConfigError => {
      // + 0 turns "-0" into 0, so a value reads back from its URL exactly.
      const v = NUMBER.test(raw.trim()) ? Number(raw) + 0 : NaN;
      return rule.accepts(v) ? v : mustBe(param, rule.allowed, raw);
    },
    format: (v: number) => String(v),
  };
}

/** A switch, written "on" or "off". */
function flag(label: string, param: string) {
  const rule = choiceRule(['on', 'off']);
  return {
    param, label,
    parse: (raw: string): boolean | ConfigError => (rule.accepts(raw) ? raw === 'on' : mustBe(param, rule.allowed, raw)),
    format: (v: boolean) => (v ? 'on' : 'off'),
  };
}

/** A landscape axis: 'b' (the bias) or 'w' and a weight index; reconcile() checks the index against d. */
function surfaceAxis(label: string, param: string) {
  const allowed = `'b' (the bias) or 'w' and a weight index from 0 to ${(LIMITS.maxFeatures - 1).toLocaleString('en-US')} ('w0')`;
  return {
    param, label,
    parse: (raw: string): SurfaceAxisName | ConfigError => {
      const match = /^(?:b|w(0|[1-9]\d{0,3}))$/.exec(raw);
      return match && (match[1] === undefined || Number(match[1]) < LIMITS.maxFeatures) ? raw as SurfaceAxisName : mustBe(param, allowed, raw);
    },
    format: (v: SurfaceAxisName) => v,
  };
}

/** 'auto', or the x and y ranges as four numbers "xFrom,xTo,yFrom,yTo", each range rising. */
function surfaceRange(label: string, param: string) {
  const allowed = "'auto' or four finite numbers xFrom,xTo,yFrom,yTo with xFrom < xTo and yFrom < yTo";
  return {
    param, label,
    parse: (raw: string): SurfaceRange | ConfigError => {
      if (raw === 'auto') return 'auto';
      const parts = raw.split(',');
      const values = parts.map((p) => (NUMBER.test(p.trim()) ? Number(p) + 0 : NaN));
      const [x0, x1, y0, y1] = values;
      const ok = parts.length === 4 && values.every(Number.isFinite) && x0 < x1 && y0 < y1 && Number.isFinite(x1 - x0) && Number.isFinite(y1 - y0);
      return ok ? { x: [x0, x1], y: [y0, y1] } : mustBe(param, allowed, raw);
    },
    format: (v: SurfaceRange) => (v === 'auto' ? 'auto' : [...v.x, ...v.y].join(',')),
  };
}

/** The checks of every setting; cross-setting rules (n against features, ...) live in reconcile.ts. */
export const FIELDS: Fields = {
  dataset: choice('Dataset', 'dataset', DATASETS),
  n: numeric('Samples', 'n', integerRule(1, LIMITS.maxValues / 2)),
  features: numeric('Features', 'features', integerRule(1, LIMITS.maxFeatures)),
  noise: numeric('Noise', 'noise', numberRule(0, LIMITS.maxNoise)),
  seed: numeric('Seed', 'seed', integerRule(0, LIMITS.maxSeed)),
  activation: choice('Activation', 'activation', ACTIVATION_CHOICES),
  loss: choice('Loss', 'loss', LOSS_CHOICES),
  learningRate: numeric('Learning rate', 'lr', numberRule(0, 1e6, { above: true })),
  batchMode: choice('Batch', 'batch', BATCH_MODES),
  batchSize: numeric('Batch size', 'batchSize', integerRule(1, LIMITS.maxValues / 2)),
  reduction: choice('Gradient reduction', 'reduction', REDUCTION_CHOICES),
  epochs: numeric('Epochs', 'epochs', integerRule(1, LIMITS.maxEpochs)),
  backend: choice('Backend', 'backend', BACKEND_CHOICES),
  lossScale: choice('Loss scale', 'scale', LOSS_SCALES),
  tab: choice('View', 'tab', TABS),
  scalingMaxExp: numeric('Scaling maximum (power of ten)', 'smax', integerRule(LIMITS.minScalingExp, LIMITS.maxScalingExp)),
  scalingTfjs: flag('Scaling with TF.js', 'stfjs'),
  scalingSurface: flag('Scaling with the loss surface', 'ssurf'),
  surfaceX: surfaceAxis('Landscape across', 'sx'),
  surfaceY: surfaceAxis('Landscape up', 'sy'),
  surfaceRange: surfaceRange('Landscape ranges', 'srange'),
  surfaceLog: flag('Landscape log colours', 'slog'),
};

/** The settings in the order they appear in a URL. */
export const FIELD_ORDER = Object.keys(FIELDS) as (keyof Settings)[];

/** "Samples: n must be an integer from 1 to 268,435,456; got "-5"; using 500." */
export function describeRejection<K extends keyof Settings>(key: K, rejection: ConfigError, fallback: Settings[K]): string {
  const field = FIELDS[key];
  return `${field.label}: ${rejection.message}; using ${field.format(fallback)}.`;
}
