/**
 * Long work on the page shows its progress: a large dataset's determinate bar that moves
 * and reaches its end before training starts, 'auto' saying it is timing, Cancel during
 * generation leaving the page usable with nothing half-made, the end-of-run line with its
 * numbers, and every control reachable from the keyboard.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { openPlayground, playUntil } from './helpers/playground';

/**
 * Starts recording, at every change the components make to their shadow DOM (a
 * MutationObserver sees each render, not only those that reach a frame), the work label,
 * the bar's value and maximum (null while indeterminate) and the epoch counter, into
 * window.workSamples.
 */
async function recordWork(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: { label: string; value: number | null; max: number | null; epochs: string }[] = [];
    (window as unknown as { workSamples: typeof samples }).workSamples = samples;
    const playground = document.querySelector('neuron-playground')!.shadowRoot!;
    const progress = playground.querySelector('run-progress')!.shadowRoot!;
    const controls = playground.querySelector('run-controls')!.shadowRoot!;
    const sample = () => {
      const bar = progress.querySelector('progress');
      samples.push({
        label: progress.querySelector('[data-testid="work-label"]')?.textContent ?? '',
        value: bar && bar.hasAttribute('value') ? Number(bar.getAttribute('value')) : null,
        max: bar && bar.hasAttribute('value') ? Number(bar.getAttribute('max')) : null,
        epochs: controls.querySelector('[data-testid="epochs-done"]')?.textContent ?? '',
      });
    };
    const observer = new MutationObserver(sample);
    for (const root of [progress, controls]) observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    sample();
  });
}

type Sample = { label: string; value: number | null; max: number | null; epochs: string };
const samples = (page: Page) => page.evaluate(() => (window as unknown as { workSamples: Sample[] }).workSamples);

const LARGE = [
  { backend: 'cpu', making: 'Generating the dataset on the CPU', where: 'CPU', reason: 'The CPU was asked for.' },
  { backend: 'gpu', making: 'Generating the dataset and uploading it to the GPU', where: 'GPU \\(.+\\)', reason: 'The GPU was asked for.' },
];

for (const { backend, making, where, reason } of LARGE) {
  test(`a large dataset shows a determinate bar that moves to its end, then training starts, then the end-of-run line (${backend})`, async ({ page }) => {
    // 4,000,000 rows of 4 features (80 MB) take a second or more to generate on two cores.
    await openPlayground(page, `dataset=linear&n=4000000&features=4&epochs=3&batch=full&backend=${backend}`);
    await recordWork(page);
    await playUntil(page, 3, 120_000);
    const seen = await samples(page);
    const rows = seen.filter((s) => s.label.startsWith(making) && s.value !== null);
    const values = [...new Set(rows.map((s) => s.value))];
    expect(values.length, 'distinct positions of the dataset bar').toBeGreaterThanOrEqual(3);
    expect(values).toEqual([...values].sort((a, b) => a! - b!));
    expect(rows.every((s) => s.max === 4_000_000 && s.value! <= s.max!)).toBe(true);
    expect(values.at(-1)).toBe(4_000_000);
    // Training starts only after the dataset is whole: no epoch is counted while the bar moves.
    expect(rows.every((s) => s.epochs === '0')).toBe(true);
    expect(seen.some((s) => s.label.startsWith(`Training on the ${backend.toUpperCase()}`))).toBe(true);
    const summary = page.getByTestId('run-summary');
    await expect(summary).toHaveText(new RegExp(`^Trained 3 epochs in [\\d.]+ (ms|s) on the ${where}, [\\d.]+[KMB]? samples/s\\. ${reason.replace('.', '\\.')}$`));
    await expect(page.getByTestId('run-announcement')).toHaveText(await summary.textContent() ?? '');
    await expect(page.getByTestId('run-work')).toHaveCount(0);
  });
}

test('cancelling during generation leaves the page usable, nothing half-made: the next run generates afresh and trains', async ({ page }) => {
  await openPlayground(page, 'dataset=linear&n=6000000&features=4&epochs=2&batch=full&backend=cpu');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('work-label')).toContainText('Generating the dataset on the CPU');
  await expect(page.getByTestId('run-announcement')).toHaveText('Generating the dataset on the CPU…');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-summary')).toHaveText('Cancelled while generating the dataset on the CPU; nothing of it was kept.');
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(page.getByTestId('epochs-done')).toHaveText('0');
  await recordWork(page);
  await playUntil(page, 2, 120_000);
  // Generated again from the first slice: the cancelled rows were not kept as if whole.
  const rows = (await samples(page)).filter((s) => s.label.startsWith('Generating') && s.value !== null);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows[0].value!).toBeLessThan(6_000_000);
  await expect(page.getByTestId('run-summary')).toContainText('Trained 2 epochs');
});

test("'auto' shows that it is timing both backends, and the end-of-run line says why it chose", async ({ page }) => {
  await openPlayground(page, 'dataset=linear&n=200000&features=4&epochs=5&batch=full&backend=auto');
  await recordWork(page);
  await playUntil(page, 5, 120_000);
  const seen = await samples(page);
  expect(seen.some((s) => s.label === 'Timing both backends on a sample (Auto)…' && s.value === null)).toBe(true);
  await expect(page.getByTestId('run-summary')).toContainText(/^Trained 5 epochs in .* on the (GPU \(.+\)|CPU), .* samples\/s\. Auto chose the (GPU|CPU): about/);
});

test('every control is reachable with the Tab key, and usable from it', async ({ page }) => {
  await openPlayground(page, 'dataset=linear&n=500&epochs=5&backend=cpu');
  /** Numbers every enabled control on the page (through the shadow roots) in data-control; returns how many. */
  const controls = await page.evaluate(() => {
    let count = 0;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        // Tabs other than the selected one are reached with the arrow keys, as ARIA's tab pattern has it.
        const tabStop = el.getAttribute('role') !== 'tab' || el.getAttribute('aria-selected') === 'true';
        if (el.matches('button:not(:disabled), input:not(:disabled), select:not(:disabled)') && tabStop) el.setAttribute('data-control', String(count++));
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return count;
  });
  expect(controls).toBeGreaterThan(15);
  const reached = new Set<string>();
  for (let i = 0; i < controls + 5; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('data-control') ?? 'other';
    }));
  }
  reached.delete('other');
  expect(reached.size).toBe(controls);
  // Space on the focused Play button starts training, as a click would.
  await page.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('epochs-done')).toHaveText('5');
});

test('the scaling sweep says when it is making a dataset, how far, and the time left', async ({ page }) => {
  // 10^6 rows of 4 features are 19 slices of 52,428 rows: the label follows them.
  await openPlayground(page, 'dataset=linear&features=4&tab=scaling&smax=6');
  await page.evaluate(() => {
    const labels: string[] = [];
    (window as unknown as { scalingLabels: string[] }).scalingLabels = labels;
    const tick = () => {
      const panel = document.querySelector('neuron-playground')!.shadowRoot!.querySelector('scaling-panel')?.shadowRoot;
      const text = `${panel?.querySelector('[data-testid="scaling-label"]')?.textContent ?? ''}|${panel?.querySelector('[data-testid="scaling-time-left"]')?.textContent ?? ''}`;
      if (labels.at(-1) !== text) labels.push(text);
      requestAnimationFrame(tick);
    };
    tick();
  });
  await page.getByRole('button', { name: 'Run scaling' }).click();
  await expect(page.getByTestId('scaling-label')).toHaveText('finished', { timeout: 120_000 });
  await expect(page.getByTestId('scaling-time-left')).toHaveCount(0);
  const labels = await page.evaluate(() => (window as unknown as { scalingLabels: string[] }).scalingLabels);
  // Once both contenders have a pace (after n = 1,000), the time left is shown.
  expect(labels.filter((l) => /^(CPU|GPU), n = 1,000,000.*\|about [\d.]+ (ms|s) left$/.test(l)).length, labels.join('\n')).toBeGreaterThan(0);
  const making = labels.map((l) => l.split('|')[0]).filter((l) => /^(CPU|GPU), n = 1,000,000: generating the dataset/.test(l));
  expect(making.length, labels.join('\n')).toBeGreaterThan(1);
  for (const backend of ['CPU', 'GPU']) {
    const percents = making.filter((l) => l.startsWith(backend)).map((l) => Number(/, (\d+) %$/.exec(l)![1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.every((p) => p >= 0 && p <= 100)).toBe(true);
  }
});
