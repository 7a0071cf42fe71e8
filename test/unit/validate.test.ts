import { describe, expect, test } from 'vitest';
import { ACTIVATIONS, ConfigError, gradients, makeDataset, train, type TrainConfig } from '../../src/index';
import { checkTrainConfig } from '../../src/engine/validate';
import { applyEdit } from '../../src/app/state/settings-patch';
import { DEFAULT_SETTINGS } from '../../src/app/state/settings';
import { parseQuery } from '../../src/app/state/url-state';

const good: TrainConfig = {
  backend: 'cpu', dataset: { kind: 'linear', n: 10, features: 3 }, activation: 'tanh', loss: 'mse',
  learningRate: 0.1, epochs: 2, batchSize: 5,
};

/** [description, change to the good config, field the error must name]. */
const BAD: [string, (c: Record<string, unknown>) => void, string][] = [
  ['config is not an object', () => undefined, 'config'],
  ['unknown backend', (c) => { c.backend = 'tpu'; }, 'backend'],
  ['missing backend', (c) => { delete c.backend; }, 'backend'],
  ['unknown top-level field', (c) => { c.learningrate = 0.1; }, 'learningrate'],
  ['dataset missing', (c) => { delete c.dataset; }, 'dataset'],
  ['dataset is a string', (c) => { c.dataset = 'linear'; }, 'dataset'],
  ['unknown dataset kind', (c) => { c.dataset = { kind: 'spiral', n: 10 }; }, 'dataset.kind'],
  ['n is NaN', (c) => { c.dataset = { kind: 'linear', n: NaN }; }, 'dataset.n'],
  ['n is 0', (c) => { c.dataset = { kind: 'linear', n: 0 }; }, 'dataset.n'],
  ['n is negative', (c) => { c.dataset = { kind: 'linear', n: -5 }; }, 'dataset.n'],
  ['n is fractional', (c) => { c.dataset = { kind: 'linear', n: 10.5 }; }, 'dataset.n'],
  ['n is a string', (c) => { c.dataset = { kind: 'linear', n: '10' }; }, 'dataset.n'],
  ['n is absurdly large', (c) => { c.dataset = { kind: 'linear', n: 1e12 }; }, 'dataset.n'],
  ['n too large for the features', (c) => { c.dataset = { kind: 'linear', n: 2 ** 22, features: 1024 }; }, 'dataset.n'],
  ['features is 0', (c) => { c.dataset = { kind: 'linear', n: 10, features: 0 }; }, 'dataset.features'],
  ['features too many', (c) => { c.dataset = { kind: 'linear', n: 10, features: 5000 }; }, 'dataset.features'],
  ['celsius with 2 features', (c) => { c.dataset = { kind: 'celsius', n: 10, features: 2 }; }, 'dataset.features'],
  ['noise negative', (c) => { c.dataset = { kind: 'linear', n: 10, noise: -1 }; }, 'dataset.noise'],
  ['noise infinite', (c) => { c.dataset = { kind: 'linear', n: 10, noise: Infinity }; }, 'dataset.noise'],
  ['dataset seed fractional', (c) => { c.dataset = { kind: 'linear', n: 10, seed: 1.5 }; }, 'dataset.seed'],
  ['dataset seed negative', (c) => { c.dataset = { kind: 'linear', n: 10, seed: -1 }; }, 'dataset.seed'],
  ['unknown dataset field', (c) => { c.dataset = { kind: 'linear', n: 10, size: 3 }; }, 'dataset.size'],
  ['unknown activation', (c) => { c.activation = 'softmax'; }, 'activation'],
  ['empty activation', (c) => { c.activation = ''; }, 'activation'],
  ['unknown loss', (c) => { c.loss = 'mae'; }, 'loss'],
  ['bce without sigmoid', (c) => { c.loss = 'bce'; c.dataset = { kind: 'blobs', n: 10 }; }, 'loss'],
  ['bce on a regression dataset', (c) => { c.loss = 'bce'; c.activation = 'sigmoid'; }, 'loss'],
  ['learning rate NaN', (c) => { c.learningRate = NaN; }, 'learningRate'],
  ['learning rate 0', (c) => { c.learningRate = 0; }, 'learningRate'],
  ['learning rate negative', (c) => { c.learningRate = -0.1; }, 'learningRate'],
  ['learning rate infinite', (c) => { c.learningRate = Infinity; }, 'learningRate'],
  ['epochs 0', (c) => { c.epochs = 0; }, 'epochs'],
  ['epochs fractional', (c) => { c.epochs = 1.5; }, 'epochs'],
  ['epochs absurd', (c) => { c.epochs = 1e15; }, 'epochs'],
  ['batch size 0', (c) => { c.batchSize = 0; }, 'batchSize'],
  ['batch size larger than n', (c) => { c.batchSize = 11; }, 'batchSize'],
  ['batch size fractional', (c) => { c.batchSize = 2.5; }, 'batchSize'],
  ['unknown reduction', (c) => { c.reduction = 'max'; }, 'reduction'],
  ['weights of the wrong length', (c) => { c.init = { weights: [1, 2], bias: 0 }; }, 'init.weights'],
  ['weights with NaN', (c) => { c.init = { weights: [1, NaN, 2], bias: 0 }; }, 'init.weights[1]'],
  ['bias missing', (c) => { c.init = { weights: [1, 2, 3] }; }, 'init.bias'],
  ['init seed fractional', (c) => { c.init = { seed: 0.5 }; }, 'init.seed'],
  ['init is a number', (c) => { c.init = 3; }, 'init'],
  ['shuffle seed too large', (c) => { c.seed = 2 ** 32; }, 'seed'],
];

describe('bad configurations are refused with the field named', () => {
  for (const [what, change, field] of BAD) {
    test(what, async () => {
      const config = structuredClone(good) as unknown as Record<string, unknown>;
      const broken = change(config) === undefined && what === 'config is not an object' ? undefined : config;
      let error: unknown;
      try {
        checkTrainConfig(broken);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field).toBe(field);
      expect((error as Error).message.startsWith(field)).toBe(true);
      // The public entry points refuse the same input the same way.
      await expect(train(broken as unknown as TrainConfig)).rejects.toThrow(ConfigError);
      await expect(gradients(broken as unknown as TrainConfig)).rejects.toThrow(ConfigError);
    });
  }
});

describe('messages say what is allowed', () => {
  const message = (c: unknown) => { try { checkTrainConfig(c); } catch (e) { return (e as Error).message; } return ''; };
  test('sizes', () => {
    expect(message({ ...good, batchSize: 0 })).toBe('batchSize must be an integer from 1 to 10; got 0');
    expect(message({ ...good, dataset: { kind: 'linear', n: -5 } })).toMatch(/^dataset\.n must be an integer from 1 to 268,435,456; got -5$/);
  });
  test('names', () => {
    expect(message({ ...good, activation: 'softmax' })).toBe(`activation must be one of ${ACTIVATIONS.map((a) => `'${a}'`).join(', ')}; got "softmax"`);
    expect(message({ ...good, dataset: { kind: 'blobs', n: 10 }, loss: 'bce' })).toContain("'bce' needs activation 'sigmoid'");
  });
  test('weights', () => {
    expect(message({ ...good, init: { weights: [1], bias: 0 } })).toBe('init.weights must be an array of 3 finite numbers (one per feature); got an array of length 1');
  });
});

describe('one message shape for the API, the URL and the form: "<field> must be <allowed>; got <value>"', () => {
  const message = (c: unknown) => { try { checkTrainConfig(c); } catch (e) { return (e as Error).message; } return ''; };
  test('samples', () => {
    const api = message({ ...good, dataset: { kind: 'linear', n: -5 } });
    expect(api).toBe('dataset.n must be an integer from 1 to 268,435,456; got -5');
    // The page names its URL field and the text as typed, then says what it uses instead.
    expect(parseQuery('?n=-5').problems).toEqual([`Samples: n must be an integer from 1 to 268,435,456; got "-5"; using ${DEFAULT_SETTINGS.n}.`]);
    expect(applyEdit(DEFAULT_SETTINGS, { key: 'n', raw: '2.5' }).problems)
      .toEqual([`Samples: n must be an integer from 1 to 268,435,456; got "2.5"; using ${DEFAULT_SETTINGS.n}.`]);
  });
  test('learning rate and noise', () => {
    expect(message({ ...good, learningRate: 0 })).toBe('learningRate must be a finite number above 0; got 0');
    expect(message({ ...good, learningRate: Infinity })).toBe('learningRate must be a finite number above 0; got Infinity');
    expect(parseQuery('?lr=0').problems[0]).toMatch(/^Learning rate: lr must be a number above 0 and at most 1,000,000; got "0"; using /);
    expect(message({ ...good, dataset: { kind: 'linear', n: 10, noise: -1 } })).toBe('dataset.noise must be a number from 0 to 1,000,000; got -1');
    expect(parseQuery('?noise=-1').problems[0]).toMatch(/^Noise: noise must be a number from 0 to 1,000,000; got "-1"; using /);
  });
  test('names', () => {
    expect(message({ ...good, reduction: 'max' })).toBe("reduction must be one of 'mean', 'sum'; got \"max\"");
    expect(parseQuery('?reduction=max').problems).toEqual([`Gradient reduction: reduction must be one of 'mean', 'sum'; got "max"; using ${DEFAULT_SETTINGS.reduction}.`]);
    expect(parseQuery('?stfjs=yes').problems[0]).toMatch(/^Scaling with TF\.js: stfjs must be one of 'on', 'off'; got "yes"; using (on|off)\.$/);
  });
  test('a value too long for a message is cut short the same way in both', () => {
    const long = 'x'.repeat(5000);
    expect(message({ ...good, reduction: long })).toBe(`reduction must be one of 'mean', 'sum'; got "${'x'.repeat(40)}…"`);
    expect(parseQuery(`?reduction=${long}`).problems[0]).toContain(`got "${'x'.repeat(40)}…"; using`);
  });
});

test('makeDataset refuses bad specs the same way', () => {
  expect(() => makeDataset({ kind: 'linear', n: 0 })).toThrow(/^dataset\.n must be/);
  expect(() => makeDataset({ kind: 'circle' as never, n: 3 })).toThrow(/^dataset\.kind must be one of/);
});

test("backend 'gpu' where there is no WebGPU is refused, naming the backend", async () => {
  // Node has no navigator.gpu.
  await expect(train({ ...good, backend: 'gpu' })).rejects.toThrow(/^backend 'gpu' is not available here: .*navigator\.gpu/);
  const auto = await train({ ...good, backend: 'auto' });
  expect(auto.backend).toBe('cpu');
});

test('good configurations get their defaults', () => {
  const c = checkTrainConfig({ backend: 'auto', dataset: { kind: 'blobs', n: 4 }, activation: 'sigmoid', loss: 'bce', learningRate: 1, epochs: 1, batchSize: 4 });
  expect(c.reduction).toBe('mean');
  expect(c.dataset).toEqual({ kind: 'blobs', n: 4, d: 2, noise: 0.5, seed: 0 });
  expect(c.weights).toHaveLength(2);
  expect(c.bias).toBe(0);
});
