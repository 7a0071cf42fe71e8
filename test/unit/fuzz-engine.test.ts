/**
 * Bad input thrown at the public API by the hundred: train, gradients, makeDataset and
 * explain. Each configuration is drawn field by field, mostly valid and sometimes junk
 * (NaN, infinities, negative, fractional and absurdly large numbers, unknown names, wrong
 * types, wrong-length or holey arrays, empty strings), and judged against an independent
 * statement of the documented rules (`problemsOf`, below): a configuration the rules
 * refuse must be refused with an error whose message starts with one of the fields the
 * rules name, never a TypeError, a RangeError or a hang; one they allow must train.
 *
 * Kept fast by construction: valid sizes are tiny (n <= 16, epochs <= 3) and no junk
 * number is an integer in [1, 2^32], so junk can never turn into a long valid run.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ConfigError, DivergenceError, datasetSample, explain, gradients, initialParameters, makeDataset, train,
  ACTIVATIONS, BACKENDS, DATASET_KINDS, LOSSES, MAX_EPOCHS, MAX_FEATURES, MAX_NOISE, MAX_SEED, MAX_VALUES, REDUCTIONS,
} from '../../src/index';

/** Inputs tried per property; the figures in the report add these up. */
const RUNS = 300;
/** Highest epoch number the engine counts to (src/engine/limits.ts, not exported). */
const MAX_EPOCH_NUMBER = 2 ** 31;

// ---------------------------------------------------------------- arbitraries

/** Numbers no integer field accepts as a cheap valid value: never an integer in [1, 2^32]. */
const junkNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0.5, 1.5, -1e-300, 2 ** 32, 2 ** 53, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, -(2 ** 31)),
  fc.double().filter((x) => !Number.isInteger(x) || x < 1 || x > 2 ** 32),
);

/** Names: the real ones (valid somewhere, wrong elsewhere), near misses, and empty. */
const names = fc.constantFrom(
  ...BACKENDS, ...DATASET_KINDS, ...ACTIVATIONS, ...LOSSES, ...REDUCTIONS,
  '', ' ', 'CPU', 'gpu ', 'Linear', 'softmax', 'constructor', '__proto__', 'toString', 'undefined', 'NaN',
);

/** Anything a caller might pass by mistake. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  junkNumber,
  names,
  fc.string({ maxLength: 12 }),
  fc.constantFrom<unknown>(
    null, undefined, true, false, [], {}, [1], [NaN], 5n, Symbol('s'), () => 1, new Date(0), new Map(), Object.create(null),
    '1', '0.1', '1e3', 'Infinity',
  ),
  fc.array(fc.oneof(fc.double(), fc.string()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);

/** A valid value most of the time, junk otherwise. */
function mostly<T>(valid: fc.Arbitrary<T>, junkWeight = 1): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: junkWeight, arbitrary: junk });
}

/**
 * An array of d weights with, sometimes, a wrong length or a bad element, and with
 * `holes` also a missing element ([1, , 3]). train() does not refuse holes yet (see the
 * gaps at the end), so only explain()'s fuzzing draws them.
 */
function weightsOf(d: number, holes = false): fc.Arbitrary<unknown> {
  const good = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d, maxLength: d });
  const holey = good.chain((w) => fc.nat(w.length - 1).map((i) => {
    const a: unknown[] = [...w];
    delete a[i];
    return a;
  }));
  return fc.oneof(
    { weight: 6, arbitrary: good as fc.Arbitrary<unknown> },
    { weight: holes ? 1 : 0, arbitrary: holey },
    { weight: 1, arbitrary: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { maxLength: 5 }) as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: good.chain((w) => fc.nat(Math.max(0, w.length - 1)).chain((i) => junk.map((j) => w.map((v, k) => (k === i ? j : v))))) },
  );
}

/** Valid small datasets: n <= 16, d <= 4. */
const validDataset = fc.record({
  kind: fc.constantFrom(...DATASET_KINDS),
  n: fc.integer({ min: 1, max: 16 }),
  features: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  noise: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }),
  seed: fc.option(fc.integer({ min: 0, max: MAX_SEED }), { nil: undefined }),
}).map((s) => {
  const spec: Record<string, unknown> = { kind: s.kind, n: s.n };
  if (s.features !== undefined) spec.features = s.kind === 'celsius' ? 1 : s.features;
  if (s.noise !== undefined) spec.noise = s.noise;
  if (s.seed !== undefined) spec.seed = s.seed;
  return spec;
});

/** A dataset spec with each field mostly valid, and sometimes junk or an unknown field. */
const fuzzedDataset: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: junk },
  {
    weight: 8,
    arbitrary: fc.tuple(validDataset, fc.record({
      kind: mostly(fc.constant(undefined)),
      n: mostly(fc.constant(undefined)),
      features: mostly(fc.constant(undefined), 2),
      noise: mostly(fc.constant(undefined)),
      seed: mostly(fc.constant(undefined)),
      extra: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(1) }),
    })).map(([spec, override]) => {
      const out: Record<string, unknown> = { ...spec };
      for (const [k, v] of Object.entries(override)) {
        if (v === undefined) continue;
        if (k === 'extra') out.bogus = v;
        else out[k] = v;
      }
      // Junk `undefined` for an optional field means "leave it out".
      return out;
    }),
  },
);

/** A whole training configuration: valid, consistent and tiny. */
const validConfig = validDataset.chain((dataset) => {
  const d = (dataset.features as number | undefined) ?? (dataset.kind === 'blobs' ? 2 : 1);
  const n = dataset.n as number;
  return fc.record({
    backend: fc.constantFrom('cpu', 'auto'),
    activation: fc.constantFrom(...ACTIVATIONS),
    bce: fc.boolean(),
    learningRate: fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
    epochs: fc.integer({ min: 1, max: 3 }),
    batchSize: fc.integer({ min: 1, max: n }),
    reduction: fc.option(fc.constantFrom(...REDUCTIONS), { nil: undefined }),
    init: fc.option(fc.oneof(
      fc.record({ weights: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d, maxLength: d }), bias: fc.double({ min: -3, max: 3, noNaN: true }) }),
      fc.record({ seed: fc.integer({ min: 0, max: MAX_SEED }) }),
    ), { nil: undefined }),
    seed: fc.option(fc.integer({ min: 0, max: MAX_SEED }), { nil: undefined }),
    startEpoch: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  }).map((c) => {
    const bce = c.bce && dataset.kind === 'blobs';
    const config: Record<string, unknown> = {
      backend: c.backend, dataset, activation: bce ? 'sigmoid' : c.activation, loss: bce ? 'bce' : 'mse',
      learningRate: c.learningRate, epochs: c.epochs, batchSize: c.batchSize,
    };
    for (const k of ['reduction', 'init', 'seed', 'startEpoch'] as const) if (c[k] !== undefined) config[k] = c[k];
    return config;
  });
});

/** A valid configuration with, field by field, junk in place of some values. */
const fuzzedConfig: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: junk },
  {
    weight: 12,
    arbitrary: fc.tuple(validConfig, fuzzedDataset, fc.record({
      backend: mostly(fc.constant(undefined), 1),
      dataset: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('fuzzed') }),
      activation: mostly(fc.constant(undefined), 1),
      loss: mostly(fc.constant(undefined), 1),
      learningRate: mostly(fc.constant(undefined), 1),
      epochs: mostly(fc.constant(undefined), 1),
      batchSize: mostly(fc.constant(undefined), 1),
      reduction: mostly(fc.constant(undefined), 1),
      init: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk }, { weight: 2, arbitrary: fc.constantFrom('weights', 'one bad weight') }),
      seed: mostly(fc.constant(undefined), 1),
      startEpoch: mostly(fc.constant(undefined), 1),
      extra: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('learningrate', 'lr', 'bogus', '') }),
    }), fc.integer({ min: 1, max: 6 }).chain((d) => weightsOf(d)), mostly(fc.double({ min: -3, max: 3, noNaN: true })), fc.nat(), junk)
      .map(([config, dataset, override, weights, bias, index, bad]) => {
      const out: Record<string, unknown> = { ...config };
      for (const [k, v] of Object.entries(override)) {
        if (v === undefined) continue;
        if (k === 'extra') out[v as string] = 1;
        else if (k === 'dataset') out.dataset = dataset;
        else if (k === 'init' && v === 'weights') out.init = { weights, bias };
        else if (k === 'init' && v === 'one bad weight') {
          // The right length for the dataset, with one element replaced by junk.
          const spec = config.dataset as { kind: string; features?: number };
          const d = spec.features ?? (spec.kind === 'blobs' ? 2 : 1);
          out.init = { weights: Array.from({ length: d }, (_, j) => (j === index % d ? bad : 0.5)), bias };
        }
        else out[k] = v;
      }
      return out;
    }),
  },
);

// ------------------------------------------------------------------ the rules

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const oneOf = (v: unknown, list: readonly string[]): boolean => typeof v === 'string' && list.includes(v);

/**
 * The fields of a dataset spec that break the documented rules, and its feature count
 * when that much is known. Written from the API's documentation, not from validate.ts.
 */
function datasetProblems(spec: unknown, where: string): { problems: string[]; d?: number; n?: number } {
  if (!isRecord(spec)) return { problems: [where] };
  const problems = Object.keys(spec).filter((k) => !['kind', 'n', 'features', 'noise', 'seed'].includes(k)).map((k) => `${where}.${k}`);
  if (!oneOf(spec.kind, DATASET_KINDS)) return { problems: [...problems, `${where}.kind`] };
  const kind = spec.kind as string;
  let d: number | undefined = kind === 'blobs' ? 2 : 1;
  if (spec.features !== undefined) {
    const ok = kind === 'celsius' ? spec.features === 1 : isInt(spec.features, 1, MAX_FEATURES);
    if (ok) d = spec.features as number;
    else { problems.push(`${where}.features`); d = undefined; }
  }
  let n: number | undefined;
  if (d !== undefined) {
    if (isInt(spec.n, 1, Math.floor(MAX_VALUES / (d + 1)))) n = spec.n as number;
    else problems.push(`${where}.n`);
  }
  if (spec.noise !== undefined && !(isFiniteNumber(spec.noise) && spec.noise >= 0 && spec.noise <= MAX_NOISE)) problems.push(`${where}.noise`);
  if (spec.seed !== undefined && !isInt(spec.seed, 0, MAX_SEED)) problems.push(`${where}.seed`);
  return { problems, d, n };
}

/** The fields of a training configuration that break the documented rules (empty: valid). */
function configProblems(config: unknown): string[] {
  if (!isRecord(config)) return ['config'];
  const allowed = ['backend', 'dataset', 'activation', 'loss', 'learningRate', 'epochs', 'batchSize', 'reduction', 'init', 'seed', 'startEpoch'];
  const problems = Object.keys(config).filter((k) => !allowed.includes(k));
  // Node has no WebGPU: 'gpu' is refused as unavailable, naming the backend.
  if (!oneOf(config.backend, ['cpu', 'auto'])) problems.push('backend');
  const { problems: datasetBad, d, n } = datasetProblems(config.dataset, 'dataset');
  problems.push(...datasetBad);
  if (!oneOf(config.activation, ACTIVATIONS)) problems.push('activation');
  if (!oneOf(config.loss, LOSSES)) problems.push('loss');
  else if (config.loss === 'bce' && (config.activation !== 'sigmoid' || (isRecord(config.dataset) && config.dataset.kind !== 'blobs'))) problems.push('loss');
  if (!(isFiniteNumber(config.learningRate) && config.learningRate > 0)) problems.push('learningRate');
  const epochsOk = isInt(config.epochs, 1, MAX_EPOCHS);
  if (!epochsOk) problems.push('epochs');
  if (n !== undefined && !isInt(config.batchSize, 1, n)) problems.push('batchSize');
  if (n === undefined && !isInt(config.batchSize, 1, MAX_VALUES)) problems.push('batchSize');
  if (config.reduction !== undefined && !oneOf(config.reduction, REDUCTIONS)) problems.push('reduction');
  if (config.seed !== undefined && !isInt(config.seed, 0, MAX_SEED)) problems.push('seed');
  if (config.startEpoch !== undefined && !(epochsOk && isInt(config.startEpoch, 0, MAX_EPOCH_NUMBER - (config.epochs as number)))) problems.push('startEpoch');
  if (config.init !== undefined) {
    const init = config.init;
    if (!isRecord(init)) problems.push('init');
    else if ('seed' in init) {
      problems.push(...Object.keys(init).filter((k) => k !== 'seed').map((k) => `init.${k}`));
      if (!isInt(init.seed, 0, MAX_SEED)) problems.push('init.seed');
    } else {
      problems.push(...Object.keys(init).filter((k) => k !== 'weights' && k !== 'bias').map((k) => `init.${k}`));
      const w = init.weights;
      if (d !== undefined && !(Array.isArray(w) && w.length === d)) problems.push('init.weights');
      // Every element must be present and finite: a hole is as bad as NaN.
      if (Array.isArray(w)) for (let i = 0; i < w.length; i++) if (!(i in w) || !isFiniteNumber(w[i])) problems.push(`init.weights[${i}]`);
      if (!isFiniteNumber(init.bias)) problems.push('init.bias');
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the checks

/** How a call ended: its value, or the error. Synchronous throws count as rejections. */
async function outcome<T>(call: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The refusal names one of the broken fields, at the start of its message, as a ConfigError. */
function expectRefusedNaming(error: unknown, problems: string[], input: unknown): void {
  const context = `input ${show(input)} broke ${problems.join(', ')}`;
  expect(error, context).toBeInstanceOf(ConfigError);
  const e = error as ConfigError;
  expect(problems, `${context}; the engine named ${e.field}: ${e.message}`).toContain(e.field);
  expect(e.message.startsWith(e.field), `${context}; message: ${e.message}`).toBe(true);
  const key = e.field.replace(/\[\d+\]/, '[i]');
  tried.fields[key] = (tried.fields[key] ?? 0) + 1;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v === 'bigint' ? `${v}n` : v));
  } catch {
    return String(value);
  }
}

/** Counts for the report. */
const tried = { train: 0, gradients: 0, makeDataset: 0, explain: 0, refused: 0, accepted: 0, fields: {} as Record<string, number> };

describe('fuzz: train() and gradients() on the CPU', () => {
  test(`${RUNS} drawn configurations: refused naming the field, or trained`, async () => {
    await fc.assert(fc.asyncProperty(fuzzedConfig, async (config) => {
      tried.train++;
      const problems = configProblems(config);
      const result = await outcome(() => train(config as never));
      if (problems.length > 0) {
        expect(result.ok, `accepted ${show(config)} although it breaks ${problems.join(', ')}`).toBe(false);
        expectRefusedNaming((result as { error: unknown }).error, problems, config);
        tried.refused++;
      } else if (!result.ok) {
        // Valid but too steep: the only other way a valid configuration may end.
        expect(result.error, `refused valid ${show(config)}: ${(result.error as Error).message}`).toBeInstanceOf(DivergenceError);
        tried.accepted++;
      } else {
        const { weights, losses } = result.value;
        expect(losses).toHaveLength((config as { epochs: number }).epochs);
        expect(weights.every(Number.isFinite)).toBe(true);
        tried.accepted++;
      }
    }), { numRuns: RUNS });
  });

  test(`${RUNS} valid configurations all train`, async () => {
    await fc.assert(fc.asyncProperty(validConfig, async (config) => {
      tried.train++;
      expect(configProblems(config)).toEqual([]);
      const result = await outcome(() => train(config as never));
      if (!result.ok) expect(result.error).toBeInstanceOf(DivergenceError);
      else expect(result.value.losses).toHaveLength(config.epochs as number);
      tried.accepted++;
    }), { numRuns: RUNS });
  });

  test(`${RUNS} drawn configurations through gradients()`, async () => {
    await fc.assert(fc.asyncProperty(fuzzedConfig, async (config) => {
      tried.gradients++;
      const problems = configProblems(config);
      const result = await outcome(() => gradients(config as never));
      if (problems.length > 0) {
        expect(result.ok, `accepted ${show(config)} although it breaks ${problems.join(', ')}`).toBe(false);
        expectRefusedNaming((result as { error: unknown }).error, problems, config);
        tried.refused++;
      } else {
        expect(result.ok, `refused valid ${show(config)}: ${result.ok ? '' : (result.error as Error).message}`).toBe(true);
        const { dw } = (result as { value: { dw: number[] } }).value;
        tried.accepted++;
        expect(Array.isArray(dw)).toBe(true);
      }
    }), { numRuns: RUNS });
  });
});

describe('fuzz: makeDataset()', () => {
  test(`${RUNS} drawn specs: refused naming the field, or n rows of d features`, async () => {
    await fc.assert(fc.asyncProperty(fuzzedDataset, async (spec) => {
      tried.makeDataset++;
      const { problems, d, n } = datasetProblems(spec, 'dataset');
      const result = await outcome(() => makeDataset(spec as never));
      if (problems.length > 0) {
        expect(result.ok, `accepted ${show(spec)} although it breaks ${problems.join(', ')}`).toBe(false);
        expectRefusedNaming((result as { error: unknown }).error, problems, spec);
        tried.refused++;
      } else {
        expect(result.ok, `refused valid ${show(spec)}`).toBe(true);
        const data = (result as { value: ReturnType<typeof makeDataset> }).value;
        expect([data.n, data.d, data.x.length, data.y.length]).toEqual([n, d, n! * d!, n]);
        tried.accepted++;
      }
    }), { numRuns: RUNS });
  });
});

// ------------------------------------------------------------------- explain

const explainActivation = mostly(fc.constantFrom(...ACTIVATIONS));

/** A neuron for explain(): mostly valid, sometimes with junk fields, holes or lengths that differ. */
const fuzzedNeuron: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: junk },
  {
    weight: 10,
    arbitrary: fc.integer({ min: 1, max: 4 }).chain((d) => fc.record({
      inputs: fc.oneof({ weight: 5, arbitrary: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: d, maxLength: d }) as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: weightsOf(d, true) }, { weight: 1, arbitrary: junk }),
      weights: fc.oneof({ weight: 5, arbitrary: weightsOf(d, true) }, { weight: 1, arbitrary: junk }),
      bias: mostly(fc.double({ min: -5, max: 5, noNaN: true })),
      activation: explainActivation,
      loss: fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) as fc.Arbitrary<unknown> },
        { weight: 4, arbitrary: fc.record({ kind: mostly(fc.constantFrom('mse', 'bce')), target: mostly(fc.double({ min: 0, max: 1, noNaN: true })) }) as fc.Arbitrary<unknown> },
        { weight: 1, arbitrary: junk },
      ),
    })),
  },
);

/** explain()'s refusal of values that overflow float64 on the way (naming the loss target when only it did). */
const OVERFLOW = /^(inputs|loss\.target) must be small enough .*that every value stays finite/;

/** The largest |number| anywhere in a neuron. */
function largestMagnitude(neuron: unknown): number {
  const n = neuron as { inputs: number[]; weights: number[]; bias: number; loss?: { target: number } };
  return Math.max(...n.inputs.map(Math.abs), ...n.weights.map(Math.abs), Math.abs(n.bias), Math.abs(n.loss?.target ?? 0));
}

/** The fields of a neuron that break explain()'s documented rules. */
function neuronProblems(neuron: unknown): string[] {
  if (!isRecord(neuron)) return ['neuron'];
  const problems: string[] = [];
  const unknown = (where: string, value: Record<string, unknown>, allowed: string[]) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) problems.push(`${where}${key || '(an empty name)'}`);
  };
  unknown('', neuron, ['inputs', 'weights', 'bias', 'activation', 'loss']);
  if (isRecord(neuron.loss)) unknown('loss.', neuron.loss, ['kind', 'target']);
  const numbers = (v: unknown) => Array.isArray(v) && v.length > 0 && Array.from({ length: v.length }, (_, i) => i).every((i) => i in v && isFiniteNumber(v[i]));
  if (!numbers(neuron.inputs)) problems.push('inputs');
  if (!numbers(neuron.weights)) problems.push('weights');
  else if (numbers(neuron.inputs) && (neuron.weights as unknown[]).length !== (neuron.inputs as unknown[]).length) problems.push('weights');
  if (!isFiniteNumber(neuron.bias)) problems.push('bias');
  if (!oneOf(neuron.activation, ACTIVATIONS)) problems.push('activation');
  const loss = neuron.loss;
  if (loss !== undefined) {
    if (!isRecord(loss)) problems.push('loss');
    else {
      if (!oneOf(loss.kind, LOSSES)) problems.push('loss.kind');
      if (!isFiniteNumber(loss.target)) problems.push('loss.target');
      else if (loss.kind === 'bce' && (loss.target < 0 || loss.target > 1)) problems.push('loss.target');
      if (loss.kind === 'bce' && neuron.activation !== 'sigmoid') problems.push('loss.kind');
    }
  }
  return problems;
}

describe('fuzz: explain()', () => {
  test(`${RUNS} drawn neurons: refused naming the field, or explained`, async () => {
    await fc.assert(fc.asyncProperty(fuzzedNeuron, async (neuron) => {
      tried.explain++;
      const problems = neuronProblems(neuron);
      const result = await outcome(() => explain(neuron as never));
      if (problems.length > 0) {
        expect(result.ok, `accepted ${show(neuron)} although it breaks ${problems.join(', ')}`).toBe(false);
        const error = (result as { error: unknown }).error;
        // explain() throws ConfigErrors whose message starts with the field.
        expect(error).toBeInstanceOf(ConfigError);
        expect(error).not.toBeInstanceOf(TypeError);
        expect(error).not.toBeInstanceOf(RangeError);
        const message = (error as Error).message;
        // An element is named by its index: 'inputs[1] must be a finite number'.
        expect(problems.some((p) => message.startsWith(`${p} `) || message.startsWith(`${p}[`)), `${show(neuron)} broke ${problems.join(', ')}; message: ${message}`).toBe(true);
        tried.refused++;
      } else if (!result.ok && OVERFLOW.test((result.error as Error).message)) {
        // Finite but extreme values may overflow float64 on the way; explain() then
        // refuses the neuron, naming the loss target when only the loss overflowed.
        expect(largestMagnitude(neuron), `overflow refused ${show(neuron)}`).toBeGreaterThan(1e100);
        tried.refused++;
      } else {
        expect(result.ok, `refused valid ${show(neuron)}: ${result.ok ? '' : (result.error as Error).message}`).toBe(true);
        const explanation = (result as { value: ReturnType<typeof explain> }).value;
        expect(explanation.grads.weights).toHaveLength((neuron as { weights: number[] }).weights.length);
        tried.accepted++;
      }
    }), { numRuns: RUNS });
  });

  test('values that overflow float64 are refused, naming the inputs', () => {
    expect(() => explain({ inputs: [1e300], weights: [1e300], bias: 0, activation: 'identity', loss: { kind: 'mse', target: 0 } }))
      .toThrow(/^inputs must be small enough \(with the weights and bias\) that every value stays finite/);
  });
});

/** Gaps the fuzzing once found in the engine, held closed. */
describe('inputs the fuzzing once got through', () => {
  test('init.weights with a hole is refused, naming init.weights[0]', async () => {
    // eslint-disable-next-line no-sparse-arrays
    const result = await outcome(() => train({ backend: 'cpu', dataset: { kind: 'linear', n: 4 }, activation: 'identity', loss: 'mse', learningRate: 0.1, epochs: 1, batchSize: 4, init: { weights: [,] as unknown as number[], bias: 0 } }));
    expect(result.ok).toBe(false);
    expect((result as { error: ConfigError }).error.field).toBe('init.weights[0]');
  });

  test('datasetSample(spec, count) refuses a count that is not a whole number >= 0', () => {
    expect(() => datasetSample({ kind: 'linear', n: 10 }, NaN)).toThrow(/^count must be an integer from 0 to/);
    expect(() => datasetSample({ kind: 'linear', n: 10 }, '5' as never)).toThrow(/^count /);
  });

  test('initialParameters(seed, d) refuses a feature count outside 1..MAX_FEATURES', () => {
    expect(() => initialParameters(0, 0)).toThrow(/^features must be an integer from 1 to 1,024; got 0$/);
  });

  test('train(config, options) refuses options that are not callbacks and a signal', async () => {
    const config = { backend: 'cpu', dataset: { kind: 'linear', n: 4 }, activation: 'identity', loss: 'mse', learningRate: 0.1, epochs: 1, batchSize: 4 } as const;
    const result = await outcome(() => train(config, { onProgress: 5 } as never));
    expect(result.ok).toBe(false);
    expect((result as { error: ConfigError }).error).toBeInstanceOf(ConfigError);
  });
});

test('the fuzzing reached every entry point, both outcomes and every top-level field', () => {
  // Printed for the record; the counts also prove the properties above ran on real variety.
  console.info(`fuzz-engine: ${JSON.stringify(tried)}`);
  expect(tried.train).toBe(2 * RUNS);
  for (const entry of [tried.gradients, tried.makeDataset, tried.explain]) expect(entry).toBeGreaterThanOrEqual(RUNS);
  // Each kind of draw leans neither way: at least a tenth refused and a tenth accepted.
  const all = tried.refused + tried.accepted;
  expect(tried.refused).toBeGreaterThan(all / 10);
  expect(tried.accepted).toBeGreaterThan(all / 10);
  const named = Object.keys(tried.fields);
  for (const field of ['backend', 'activation', 'loss', 'learningRate', 'epochs', 'batchSize', 'dataset.kind', 'dataset.n']) {
    expect(named, `no refusal named ${field}`).toContain(field);
  }
});
