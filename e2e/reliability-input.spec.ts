/**
 * Bad input through the controls, the URL and the engine's API, in the page: each value
 * is named with its field and the allowed range, nothing throws, and the page trains
 * afterwards. Then data too large to hold: the engine's 2^29 values, and a GPU that
 * holds less than the data, refused before anything is allocated, with the limit shown
 * next to the sample count.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil, readParameters } from './helpers/playground';

const notices = (page: Page) => page.getByTestId('notices');

/** Types `text` into a number box the way a person does (keys, then Enter). */
async function typeInto(box: Locator, text: string): Promise<void> {
  await box.fill('');
  await box.pressSequentially(text);
  await box.press('Enter');
}

test('nonsense typed into the controls is named with its range, and the page still trains', async ({ page }) => {
  await openPlayground(page, 'dataset=linear&n=500&epochs=30&backend=cpu&seed=3');
  const url = page.url();
  // [label, what is typed, what the notice must say, what the box keeps]
  const cases: [string, string, string, string][] = [
    ['Samples', '-5', 'Samples: n must be an integer from 1 to 268,435,456; got "-5"; using 500.', '500'],
    ['Samples', '2.5', 'Samples: n must be an integer from 1 to 268,435,456; got "2.5"', '500'],
    ['Samples', '1e12', 'Samples: n must be an integer from 1 to 268,435,456; got "1e12"', '500'],
    ['Features', '0', 'Features: features must be an integer from 1 to 1,024; got "0"', '1'],
    ['Noise', '-1', 'Noise: noise must be a number from 0 to 1,000,000; got "-1"', '0.1'],
    // Beyond float64 (infinite): the box itself empties it, and the page names the empty value.
    ['Learning rate', '1e999', 'Learning rate: lr must be a number above 0 and at most 1,000,000; got ""; using 0.1.', '0.1'],
    ['Learning rate', '1e7', 'Learning rate: lr must be a number above 0 and at most 1,000,000; got "1e7"', '0.1'],
    ['Learning rate', '0', 'Learning rate: lr must be a number above 0 and at most 1,000,000; got "0"', '0.1'],
    ['Epochs', '1e9', 'Epochs: epochs must be an integer from 1 to 10,000,000; got "1e9"', '30'],
    ['Seed', '1.5', 'Seed: seed must be an integer from 0 to 4,294,967,295; got "1.5"', '3'],
    // Letters never reach a number box's value: the page receives an empty string.
    ['Epochs', 'abc', 'Epochs: epochs must be an integer from 1 to 10,000,000; got ""', '30'],
    ['Noise', '--', 'Noise: noise must be a number from 0 to 1,000,000; got ""', '0.1'],
  ];
  for (const [label, typed, message, kept] of cases) {
    const box = page.getByLabel(label, { exact: true });
    await typeInto(box, typed);
    await expect(notices(page), `${label} <- ${typed}`).toContainText(message);
    await expect(box).toHaveValue(kept);
  }
  // Nothing bad reached the address bar.
  expect(page.url()).toBe(url);

  // A tampered control (a select offering an option the page never made, and raw markup
  // sent as a setting): named as text, never rendered as markup.
  await page.getByLabel('Activation').evaluate((select: HTMLSelectElement) => {
    const option = document.createElement('option');
    option.value = 'softmax';
    option.textContent = 'Softmax';
    select.append(option);
  });
  await page.getByLabel('Activation').selectOption('softmax');
  // The list of activations is the engine's (it grows with the activation table): only its start is fixed here.
  await expect(notices(page)).toContainText(/Activation: activation must be one of 'identity', 'relu', [^;]*; got "softmax"; using identity\./);
  const markup = '<img src=x onerror="__injected=1">';
  await page.locator('settings-panel').evaluate((panel, raw) => {
    panel.dispatchEvent(new CustomEvent('setting-edit', { detail: { key: 'backend', raw }, bubbles: true, composed: true }));
  }, markup);
  await expect(notices(page)).toContainText(`Backend: backend must be one of 'auto', 'gpu', 'cpu'; got ${JSON.stringify(markup)}`);
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  expect(await page.locator('notice-list img').count()).toBe(0);

  // Still usable: it trains to the end with finite numbers.
  await playUntil(page, 30);
  const { weights, bias } = await readParameters(page);
  expect([...weights, bias].every(Number.isFinite)).toBe(true);
  await expect(page.getByTestId('loss')).toHaveAttribute('data-value', /^\d/);
});

test('nonsense in the URL is named field by field, and the page still trains', async ({ page }) => {
  const query = [
    'dataset=linear', 'n=99999999999999999999', 'features=NaN', 'noise=Infinity', 'seed=-1', 'activation=', 'loss=%3Cscript%3E',
    'lr=1e400', 'batch=everything', 'epochs=20', 'epochs=40', 'reduction=', 'backend=tpu', 'scale=%00', 'tab=%3Cimg%20src%3Dx%3E',
    'smax=1e3', 'bogus=1', '%3Cb%3Eb%3C%2Fb%3E=1',
  ].join('&');
  await openPlayground(page, query);
  const n = notices(page);
  await expect(n).toContainText('Samples: n must be an integer from 1 to 268,435,456; got "99999999999999999999"; using 1000.');
  await expect(n).toContainText('Features: features must be an integer from 1 to 1,024; got "NaN"');
  await expect(n).toContainText('Noise: noise must be a number from 0 to 1,000,000; got "Infinity"');
  await expect(n).toContainText('Seed: seed must be an integer from 0 to 4,294,967,295; got "-1"');
  await expect(n).toContainText(/Activation: activation must be one of 'identity', 'relu', [^;]*; got ""/);
  await expect(n).toContainText(`Loss: loss must be one of 'mse', 'bce'; got "<script>"`);
  await expect(n).toContainText('Learning rate: lr must be a number above 0 and at most 1,000,000; got "1e400"');
  await expect(n).toContainText(`Batch: batch must be one of 'full', 'mini', 'sgd'; got "everything"`);
  await expect(n).toContainText('URL setting "epochs" was given 2 times; the first, "20", is used.');
  await expect(n).toContainText(`Backend: backend must be one of 'auto', 'gpu', 'cpu'; got "tpu"`);
  await expect(n).toContainText(`View: tab must be one of 'train', 'backprop', 'landscape', 'scaling'; got "<img src=x>"`);
  await expect(n).toContainText('Scaling maximum (power of ten): smax must be an integer from 3 to 7; got "1e3"');
  await expect(n).toContainText('Unknown URL setting "bogus" was ignored.');
  await expect(n).toContainText('Unknown URL setting "<b>b</b>" was ignored.');
  expect(await page.locator('notice-list img, notice-list b, notice-list script').count()).toBe(0);
  // The address bar holds the cleaned settings only.
  await expect(page).toHaveURL(/[?&]n=1000&/);
  await expect(page).toHaveURL(/[?&]epochs=20&/);
  expect(page.url()).not.toMatch(/bogus|tpu|script|1e400/);
  await playUntil(page, 20);
  const { weights } = await readParameters(page);
  expect(weights.every(Number.isFinite)).toBe(true);
});

test('bad input through the engine API in the page is refused, naming the field', async ({ page }) => {
  await openPlayground(page);
  const outcomes = await page.evaluate(async () => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    const good = { backend: 'gpu', dataset: { kind: 'linear', n: 100, features: 2 }, activation: 'tanh', loss: 'mse', learningRate: 0.1, epochs: 2, batchSize: 10 };
    const bad: Record<string, unknown>[] = [
      { ...good, dataset: { kind: 'linear', n: NaN } },
      { ...good, dataset: { kind: 'linear', n: 2 ** 40 } },
      { ...good, dataset: { kind: 'linear', n: -3 } },
      { ...good, dataset: { kind: 'linear', n: 10.5 } },
      { ...good, dataset: { kind: 'spiral', n: 10 } },
      { ...good, learningRate: Infinity },
      { ...good, learningRate: '0.1' },
      { ...good, epochs: 1e12 },
      { ...good, batchSize: 0 },
      { ...good, activation: '' },
      { ...good, init: { weights: [1, 2, 3], bias: 0 } },
      { ...good, init: { weights: [1, NaN], bias: 0 } },
      { ...good, lr: 0.1 },
    ];
    const out: string[] = [];
    for (const config of bad) {
      try {
        await engine.train(config as never);
        out.push('accepted');
      } catch (e) {
        out.push(`${(e as Error).name} ${(e as { field?: string }).field}: ${(e as Error).message}`);
      }
    }
    try {
      engine.explain({ inputs: [1, 2], weights: [1], bias: 0, activation: 'relu' });
    } catch (e) {
      out.push(`${(e as Error).name} ${(e as { field?: string }).field}: ${(e as Error).message}`);
    }
    return out;
  });
  const fields = ['dataset.n', 'dataset.n', 'dataset.n', 'dataset.n', 'dataset.kind', 'learningRate', 'learningRate', 'epochs', 'batchSize', 'activation', 'init.weights', 'init.weights[1]', 'lr'];
  fields.forEach((field, i) => expect(outcomes[i]).toMatch(new RegExp(`^ConfigError ${field.replace(/[[\]]/g, '\\$&')}: ${field.replace(/[[\]]/g, '\\$&')} `)));
  expect(outcomes.at(-1)).toBe('ConfigError weights: weights must be an array as long as inputs (2); got an array of length 1');
  // Refusals happen before anything reaches the GPU.
  expect(await page.evaluate(async () => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    return engine.liveGpuBuffers();
  })).toBe(0);
});

test('more data than the engine holds (2^29 values): named with the limit, via the URL and the controls', async ({ page }) => {
  await openPlayground(page, 'dataset=linear&features=1024&n=1000000&epochs=3&backend=cpu');
  await expect(notices(page)).toContainText(
    'Samples: n must be at most 523,776 with 1024 feature(s) (the engine holds 2^29 values); got 1000000; using 1000.',
  );
  await expect(page.getByLabel('Samples', { exact: true })).toHaveValue('1000');
  await expect(page.locator('settings-panel')).toContainText('1 to 523,776 rows');

  await typeInto(page.getByLabel('Samples', { exact: true }), '600000');
  await expect(notices(page)).toContainText('Samples: n must be at most 523,776 with 1024 feature(s) (the engine holds 2^29 values); got 600000');
  await expect(page.getByLabel('Samples', { exact: true })).toHaveValue('1000');
  await playUntil(page, 3);
});

/**
 * A GPU that offers only WebGPU's default limits (128 MiB per binding, 256 MiB per
 * buffer), as many integrated GPUs do: the adapter is made to report those, so the
 * engine asks for no more, and puts at most 4 x 128 MiB = 512 MiB of data on it.
 */
async function useGpuWithDefaultLimits(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const limits = Object.getOwnPropertyDescriptor(GPUAdapter.prototype, 'limits')!;
    Object.defineProperty(GPUAdapter.prototype, 'limits', {
      configurable: true,
      get(this: GPUAdapter) {
        const real = limits.get!.call(this) as Record<string, number>;
        const copy: Record<string, number> = {};
        for (const key in real) copy[key] = real[key];
        return { ...copy, maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28 };
      },
    });
  });
}

test('more data than the GPU holds: the limit is shown next to the sample count, and the run is refused before allocating', async ({ page }) => {
  await useGpuWithDefaultLimits(page);
  const liveBuffers = () => page.evaluate(async () => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    return engine.liveGpuBuffers();
  });
  // 100 million rows of (x, y): 762.9 MiB, within the engine's 2 GiB but not this GPU's 512 MiB.
  await openPlayground(page, 'dataset=linear&n=100000000&epochs=2&backend=gpu');
  const hint = page.getByTestId('gpu-capacity');
  await expect(hint).toHaveText(
    "100,000,000 samples need 762.9 MiB; this GPU's limits allow at most 512 MiB (67,108,864 samples of 1 feature). A GPU run will be refused: choose fewer samples or the CPU backend.",
  );
  expect(await liveBuffers()).toBe(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(notices(page)).toContainText(
    "dataset.n: 100,000,000 samples of 1 feature need 762.9 MiB; this GPU's limits allow at most 512 MiB of data (67,108,864 samples of 1); choose fewer samples or the CPU backend",
  );
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByTestId('epochs-done')).toHaveText('0');
  expect(await liveBuffers()).toBe(0);

  // The same through the controls: a size that fits, then one that does not.
  await typeInto(page.getByLabel('Samples', { exact: true }), '1000');
  // The limits are an upper bound; after the refusal above (made before allocating) nothing was learned.
  await expect(hint).toHaveText("This GPU's limits allow up to 512 MiB of data (67,108,864 samples of 1 feature), an upper bound: its driver may refuse less.");
  await playUntil(page, 2);
  await expect(page.getByTestId('status')).toContainText('Training on the GPU');
  const afterSmallRun = await liveBuffers();

  await typeInto(page.getByLabel('Samples', { exact: true }), '70000000');
  await expect(hint).toContainText("70,000,000 samples need 534.1 MiB; this GPU's limits allow at most 512 MiB");
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(notices(page)).toContainText("dataset.n: 70,000,000 samples of 1 feature need 534.1 MiB; this GPU's limits allow at most 512 MiB of data");
  // Refused before allocating: nothing new on the GPU (the small run's cached rows may go).
  expect(await liveBuffers()).toBeLessThanOrEqual(afterSmallRun);

  // And the page keeps working.
  await typeInto(page.getByLabel('Samples', { exact: true }), '2000');
  await playUntil(page, 2);
  const { weights } = await readParameters(page);
  expect(weights.every(Number.isFinite)).toBe(true);
});
