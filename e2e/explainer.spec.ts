/**
 * The backpropagation explainer end to end: in the real page's "Backpropagation" tab,
 * load each preset, walk the forward and backward passes button by button (and key by
 * key), and read the numbers the page shows, including the vector view of the page's own
 * batch. The development page checks what the real page cannot show (no `.sample`).
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import type { NeuronToExplain } from '../src/autograd/explain';

/** Console errors and uncaught exceptions seen during the test; none are expected. */
let problems: string[] = [];

test.beforeEach(({ page }) => {
  problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
});

test.afterEach(() => {
  expect(problems, problems.join('\n')).toEqual([]);
});

/** Opens the real page on its Backpropagation tab and returns the panel. */
async function openInPage(page: Page): Promise<Locator> {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Backpropagation' }).click();
  const panel = page.locator('explainer-panel');
  await expect(panel.getByRole('button', { name: 'step forward', exact: true })).toBeVisible();
  return panel;
}

/** The neuron the page passes the panel in `.sample` (the panel sits in the page's shadow DOM). */
async function explainerSample(page: Page): Promise<NeuronToExplain> {
  return page.evaluate(() => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const hit = root.querySelector('explainer-panel');
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const sample = (find(document) as HTMLElementTagNameMap['explainer-panel'] | null)?.sample;
    if (!sample) throw new Error('no explainer-panel with a .sample in the page');
    return sample;
  });
}

const button = (panel: Locator, name: string) => panel.getByRole('button', { name, exact: true });
/** The line announcing the last step (a polite live region). */
const status = (panel: Locator) => panel.locator('p.step[role="status"]');
/** A node's value or gradient text in the graph, e.g. "value 6", "grad 1". */
const nodeText = (panel: Locator, label: string, which: 'value' | 'grad') =>
  panel.locator(`explainer-graph g.node[data-label="${label}"] text.${which}`);
const grads = (panel: Locator, name: 'dx' | 'dw' | 'db' | 'output') => panel.locator(`dl.grads dd[data-name="${name}"]`);
/** The cells of one row of the vector view's per-sample table (rows: x1..xd, then y). */
const samplesRow = (view: Locator, row: number) => view.locator('table.samples tbody tr').nth(row).locator('td');

/** Modules the page's dev server serves, imported inside the page to compute expected numbers. */
const MODULES = {
  index: '/src/index.ts',
  explain: '/src/autograd/explain.ts',
  vector: '/src/autograd/vector-backprop.ts',
  format: '/src/app/explainer/format.ts',
};

async function clickTimes(b: Locator, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await b.click();
}

test.describe('in the page, Backpropagation tab', () => {
  test('ReLU preset: forward then backward one node at a time, with the chain rule in numbers', async ({ page }) => {
    const panel = await openInPage(page);
    await button(panel, 'ReLU neuron').click();
    await expect(button(panel, 'ReLU neuron')).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.getByLabel('x1', { exact: true })).toHaveValue('1');
    await expect(panel.getByLabel('w1', { exact: true })).toHaveValue('-3');

    // Nothing computed yet: the operations are grey and blank, the leaves known.
    await expect(panel.locator('explainer-graph g.node[data-label="z"]')).toHaveClass(/pending/);
    await expect(nodeText(panel, 'z', 'value')).toHaveText('value —');
    await expect(nodeText(panel, 'x1', 'value')).toHaveText('value 1');
    await expect(button(panel, 'step backward')).toBeDisabled();

    const forward = button(panel, 'step forward');
    await forward.click();
    await expect(status(panel)).toHaveText('Forward step 1 of 7: x1·w1 = 1 × (-3) = -3');
    await expect(nodeText(panel, 'x1·w1', 'value')).toHaveText('value -3');
    await expect(nodeText(panel, 'x2·w2', 'value')).toHaveText('value —');
    await clickTimes(forward, 6);
    await expect(forward).toBeDisabled();
    await expect(nodeText(panel, 'z', 'value')).toHaveText('value 6');
    await expect(nodeText(panel, 'a', 'value')).toHaveText('value 6');
    await expect(grads(panel, 'output')).toHaveText('6');
    await expect(grads(panel, 'dw')).toHaveText('[?, ?, ?]');

    const backward = button(panel, 'step backward');
    await backward.click();
    await expect(status(panel)).toContainText('Backward step 1 of 14: dL/da = 1');
    await backward.click();
    await expect(status(panel)).toHaveText('Backward step 2 of 14: ∂a/∂z = 1 (z > 0) × dL/da = 1 → dL/dz = 1');
    await clickTimes(backward, 10);
    await expect(nodeText(panel, 'w1', 'grad')).toHaveText('grad —');
    await backward.click();
    await expect(status(panel)).toHaveText('Backward step 13 of 14: ∂(x1·w1)/∂w1 = x1 = 1 × dL/d(x1·w1) = 1 → dL/dw1 = 1');
    await expect(nodeText(panel, 'w1', 'grad')).toHaveText('grad 1');
    await backward.click();
    await expect(backward).toBeDisabled();
    await expect(panel.getByText('forward 7/7, backward 14/14')).toBeVisible();

    await expect(grads(panel, 'dx')).toHaveText('[-3, -1, 2]');
    await expect(grads(panel, 'dw')).toHaveText('[1, -2, 3]');
    await expect(grads(panel, 'db')).toHaveText('1');
    for (const [label, g] of [['x1', -3], ['x2', -1], ['x3', 2], ['w1', 1], ['w2', -2], ['w3', 3], ['b', 1], ['z', 1]] as const) {
      await expect(nodeText(panel, label, 'grad')).toHaveText(`grad ${g}`);
    }

    await button(panel, 'reset').click();
    await expect(nodeText(panel, 'z', 'value')).toHaveText('value —');
    await expect(grads(panel, 'db')).toHaveText('?');
  });

  test('tanh preset, by keyboard: o = 0.7071, dn = 0.5, dx1 = -1.5, dw1 = 1, dx2 = 0.5, dw2 = 0', async ({ page }) => {
    const panel = await openInPage(page);
    await button(panel, 'tanh neuron').focus();
    await page.keyboard.press('Enter');
    await expect(button(panel, 'tanh neuron')).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.getByLabel('b', { exact: true })).toHaveValue('6.881373587019543');

    await button(panel, 'step forward').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
    await expect(nodeText(panel, 'a', 'value')).toHaveText('value 0.7071');
    await expect(nodeText(panel, 'z', 'value')).toHaveText('value 0.8814');

    await button(panel, 'step backward').focus();
    for (let i = 0; i < 2; i++) await page.keyboard.press('Space');
    await expect(status(panel)).toHaveText('Backward step 2 of 10: ∂a/∂z = 1 − a² = 1 − 0.7071² = 0.5 × dL/da = 1 → dL/dz = 0.5');
    for (let i = 0; i < 8; i++) await page.keyboard.press('Space');
    await expect(button(panel, 'step backward')).toBeDisabled();

    await expect(nodeText(panel, 'z', 'grad')).toHaveText('grad 0.5');
    await expect(grads(panel, 'output')).toHaveText('0.7071');
    await expect(grads(panel, 'dx')).toHaveText('[-1.5, 0.5]');
    await expect(grads(panel, 'dw')).toHaveText('[1, 0]');
    await expect(grads(panel, 'db')).toHaveText('0.5');
  });

  test("'This sample, these parameters' shows the page's sample and its gradients", async ({ page }) => {
    const panel = await openInPage(page);
    const preset = button(panel, 'This sample, these parameters');
    await expect(preset).toBeEnabled();
    // Opened inside the page, the panel starts on the page's sample.
    await expect(preset).toHaveAttribute('aria-pressed', 'true');
    await button(panel, 'ReLU neuron').click();
    await preset.click();

    // What the page passed, explained by the autograd in the page: the numbers to expect.
    const sample = await explainerSample(page);
    const want = await page.evaluate(async ({ modules, sample }) => {
      const { explain } = (await import(/* @vite-ignore */ modules.explain)) as typeof import('../src/autograd/explain');
      const { fmt } = (await import(/* @vite-ignore */ modules.format)) as typeof import('../src/app/explainer/format');
      const e = explain(sample);
      return {
        inputs: sample.inputs.length,
        dx: `[${e.grads.inputs.map(fmt).join(', ')}]`,
        dw: `[${e.grads.weights.map(fmt).join(', ')}]`,
        db: fmt(e.grads.bias),
        output: fmt(e.output),
        loss: fmt(e.nodes.find((n) => n.label === 'loss')!.value),
        steps: e.nodes.length,
      };
    }, { modules: MODULES, sample });

    await button(panel, 'whole pass').click();
    await expect(nodeText(panel, 'loss', 'value')).toHaveText(`value ${want.loss}`);
    const backward = button(panel, 'step backward');
    await clickTimes(backward, want.steps);
    await expect(backward).toBeDisabled();
    await expect(grads(panel, 'output')).toHaveText(want.output);
    await expect(grads(panel, 'dx')).toHaveText(want.dx);
    await expect(grads(panel, 'dw')).toHaveText(want.dw);
    await expect(grads(panel, 'db')).toHaveText(want.db);
    await expect(status(panel)).toContainText(`Backward step ${want.steps} of ${want.steps}: ∂(x1·w1)/∂x1 = w1 = `);

    // The vector view: the page's own batch (Celsius rows x = -50 + i, y = 1.8x + 32), mean
    // reduction as the page trains; a batch made up around this neuron on request.
    const view = panel.locator('explainer-vector-view');
    await expect(panel.getByText(/Reduction: mean/)).toBeVisible();
    await expect(samplesRow(view, 0)).toHaveText(['-50', '-49', '-48', '-47', '-46', '-45', '-44', '-43']);
    await expect(samplesRow(view, 1)).toHaveText(['-58', '-56.2', '-54.4', '-52.6', '-50.8', '-49', '-47.2', '-45.4']);
    await expect(view.locator('tr[data-name="db"] td.value')).not.toBeEmpty();
    await panel.locator('select[name="batch-source"]').selectOption('made-up');
    await expect(panel.getByText(/A made-up batch of four samples/)).toBeVisible();
    await expect(view.locator('table.samples thead th')).toHaveCount(1 + 4);
  });

  test("the vector view shows the first rows of the page's dataset, with its parameters and reduction", async ({ page }) => {
    await page.goto('/?dataset=blobs&n=50&features=2&noise=0.5&seed=4&reduction=sum&tab=backprop');
    const panel = page.locator('explainer-panel');
    const view = panel.locator('explainer-vector-view');
    await expect(view.locator('table.samples thead th')).toHaveCount(1 + 8);
    await expect(view.getByText(/Reduction: sum/)).toBeVisible();
    // The same rows made by the engine here, apart from the page: they must be the ones shown.
    // The page's current parameters, as it passes them in `.sample`.
    const { weights, bias } = await explainerSample(page);
    const want = await page.evaluate(async ({ modules, weights, bias }) => {
      const { makeDataset } = (await import(/* @vite-ignore */ modules.index)) as typeof import('../src/index');
      const { vectorBackprop } = (await import(/* @vite-ignore */ modules.vector)) as typeof import('../src/autograd/vector-backprop');
      const { fmt } = (await import(/* @vite-ignore */ modules.format)) as typeof import('../src/app/explainer/format');
      const data = makeDataset({ kind: 'blobs', n: 50, features: 2, noise: 0.5, seed: 4 });
      const x = Array.from({ length: 8 }, (_, i) => [data.x[2 * i], data.x[2 * i + 1]]);
      const y = Array.from(data.y.subarray(0, 8));
      const r = vectorBackprop({ x, y, weights, bias, activation: 'sigmoid', loss: 'bce', reduction: 'sum' });
      return { x1: x.map((row) => fmt(row[0])), x2: x.map((row) => fmt(row[1])), y: y.map(fmt), dw: r.dJdw.map(fmt), db: fmt(r.dJdb) };
    }, { modules: MODULES, weights, bias });
    await expect(samplesRow(view, 0)).toHaveText(want.x1);
    await expect(samplesRow(view, 1)).toHaveText(want.x2);
    await expect(samplesRow(view, 2)).toHaveText(want.y);
    await expect(view.locator('tr[data-name="dw1"] td.value')).toHaveText(want.dw[0]);
    await expect(view.locator('tr[data-name="dw2"] td.value')).toHaveText(want.dw[1]);
    await expect(view.locator('tr[data-name="db"] td.value')).toHaveText(want.db);
  });

  test('editing a number restarts the walk; an empty number is reported, not drawn', async ({ page }) => {
    const panel = await openInPage(page);
    await button(panel, 'ReLU neuron').click();
    await button(panel, 'whole pass').click();
    await button(panel, 'whole pass').click();
    await expect(grads(panel, 'db')).toHaveText('1');

    await panel.getByLabel('w3', { exact: true }).fill('-2');
    await panel.getByLabel('w3', { exact: true }).press('Enter');
    await expect(grads(panel, 'db')).toHaveText('?');
    await button(panel, 'whole pass').click();
    // z = -3 + 2 - 6 + 1 = -6: ReLU is off, so no gradient gets through.
    await expect(nodeText(panel, 'z', 'value')).toHaveText('value -6');
    await clickTimes(button(panel, 'step backward'), 2);
    await expect(status(panel)).toHaveText('Backward step 2 of 14: ∂a/∂z = 0 (z ≤ 0) × dL/da = 1 → dL/dz = 0');
    await button(panel, 'whole pass').click();
    await expect(grads(panel, 'dw')).toHaveText('[0, 0, 0]');

    await panel.getByLabel('x2', { exact: true }).fill('');
    await panel.getByLabel('x2', { exact: true }).press('Enter');
    await expect(panel.getByRole('alert')).toContainText('inputs[1] must be a finite number; got NaN');
    await expect(button(panel, 'step forward')).toBeDisabled();
  });
});

test.describe('development page', () => {
  test('without a sample the third preset is disabled', async ({ page }) => {
    await page.goto('/src/app/explainer/demo.html?nosample');
    const panel = page.locator('explainer-panel');
    await expect(button(panel, 'ReLU neuron')).toHaveAttribute('aria-pressed', 'true');
    await expect(button(panel, 'This sample, these parameters')).toBeDisabled();
  });

  test("the page's sample is followed as it changes, but never in the middle of a walk", async ({ page }) => {
    await page.goto('/src/app/explainer/demo.html');
    const panel = page.locator('explainer-panel');
    const preset = button(panel, 'This sample, these parameters');
    await expect(preset).toHaveAttribute('aria-pressed', 'true');
    const setBias = (bias: number) =>
      page.evaluate((b) => {
        const el = document.querySelector('explainer-panel')!;
        el.sample = { ...el.sample!, bias: b };
      }, bias);

    await button(panel, 'whole pass').click();
    await button(panel, 'whole pass').click();
    await expect(button(panel, 'whole pass')).toBeDisabled();
    await setBias(5);
    // Finished walk: new numbers, still finished.
    await expect(nodeText(panel, 'b', 'value')).toHaveText('value 5');
    await expect(nodeText(panel, 'b', 'grad')).not.toHaveText('grad —');
    await expect(panel.getByLabel('b', { exact: true })).toHaveValue('5');

    await button(panel, 'reset').click();
    await button(panel, 'step forward').click();
    await setBias(7);
    await expect(panel.getByText(/The page's parameters have changed/)).toBeVisible();
    await expect(nodeText(panel, 'b', 'value')).toHaveText('value 5');
    await preset.click();
    await expect(nodeText(panel, 'b', 'value')).toHaveText('value 7');
    await expect(panel.getByText(/The page's parameters have changed/)).toHaveCount(0);

    // While the person is in the editor, redrawing it would lose a number being typed: reported instead.
    await panel.getByLabel('x1', { exact: true }).focus();
    await setBias(8);
    await expect(panel.getByText(/The page's parameters have changed/)).toBeVisible();
    await expect(nodeText(panel, 'b', 'value')).toHaveText('value 7');
  });

  test('a batch passed in `.batch` fills the vector view', async ({ page }) => {
    await page.goto('/src/app/explainer/demo.html');
    const panel = page.locator('explainer-panel');
    const view = panel.locator('explainer-vector-view');
    await expect(view.locator('table.samples thead th')).toHaveCount(1 + 6);
    const want = await page.evaluate(async (modules) => {
      const { vectorBackprop } = (await import(/* @vite-ignore */ modules.vector)) as typeof import('../src/autograd/vector-backprop');
      const { fmt } = (await import(/* @vite-ignore */ modules.format)) as typeof import('../src/app/explainer/format');
      const r = vectorBackprop(document.querySelector('explainer-panel')!.batch!);
      return { dw: r.dJdw.map(fmt), db: fmt(r.dJdb) };
    }, MODULES);
    await expect(view.locator('tr[data-name="dw1"] td.value')).toHaveText(want.dw[0]);
    await expect(view.locator('tr[data-name="dw2"] td.value')).toHaveText(want.dw[1]);
    await expect(view.locator('tr[data-name="db"] td.value')).toHaveText(want.db);
    await expect(view.getByText(/Reduction: mean/)).toBeVisible();
  });
});
