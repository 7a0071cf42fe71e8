/**
 * Cancel and leaks, in the page. Pause and reset stop a run within a submission, leave
 * the parameters exactly those of the epochs counted, and free the run's GPU buffers;
 * a hundred runs back to back leave the GPU buffer count where it started and the
 * JavaScript heap flat.
 *
 * Buffer counts: the engine keeps the most recently used dataset on the GPU, so a run on
 * the same data leaves the count unchanged; "before" is read after one warm-up run on
 * that data.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures';
import { openPlayground, readParameters } from './helpers/playground';

const epochsDone = async (page: Page) => Number((await page.getByTestId('epochs-done').textContent())!.replace(/,/g, ''));

function liveGpuBuffers(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    return engine.liveGpuBuffers();
  });
}

/** Bytes of JavaScript heap and array buffers in use after a full garbage collection (DevTools protocol). */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  // Several rounds: objects freed by one collection (finalizers, weak maps) go in the next.
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  // usedSize is V8's heap; backingStorageSize the ArrayBuffers' memory outside it, where
  // datasets, samples and loss histories live.
  const usage = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

/**
 * The parameters after `epochs` epochs trained as the page did: one step, then one call
 * (play) for the rest. Full batch visits the rows in order, so the shuffle seeds of the
 * calls do not matter; the numbers must match the page's exactly.
 */
function recompute(page: Page, backend: 'gpu' | 'cpu', initial: { weights: number[]; bias: number }, epochs: number) {
  return page.evaluate(async ({ backend, initial, epochs }) => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    const config = {
      backend, dataset: { kind: 'linear', n: 20_000, features: 1, noise: 0.1, seed: 1 }, activation: 'identity', loss: 'mse',
      learningRate: 0.01, batchSize: 20_000, reduction: 'mean',
    } as const;
    const first = await engine.train({ ...config, epochs: 1, init: initial });
    const rest = await engine.train({ ...config, epochs: epochs - 1, init: { weights: first.weights, bias: first.bias } });
    return { weights: rest.weights, bias: rest.bias, losses: [...first.losses, ...rest.losses] };
  }, { backend, initial, epochs });
}

for (const backend of ['gpu', 'cpu'] as const) {
  test(`pause and reset on the ${backend.toUpperCase()}: prompt, no half-written state, buffers freed`, async ({ page }) => {
    await openPlayground(page, `dataset=linear&n=20000&noise=0.1&lr=0.01&batch=full&epochs=1000000&backend=${backend}&seed=1`);
    const initial = await readParameters(page);
    // Warm-up on the same data: the engine now caches its rows on the GPU.
    await page.getByRole('button', { name: 'Step one epoch' }).click();
    await expect(page.getByTestId('epochs-done')).toHaveText('1');
    const before = await liveGpuBuffers(page);

    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => epochsDone(page), { timeout: 60_000 }).toBeGreaterThan(20);
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    // Within a submission (about 60 ms of GPU work) or a CPU slice (16 ms), plus the
    // page's own turn; 3 s leaves room for a busy two-core machine.
    expect(Date.now() - clicked).toBeLessThan(3_000);
    const paused = await epochsDone(page);
    await page.waitForTimeout(300);
    expect(await epochsDone(page)).toBe(paused);
    await expect.poll(() => liveGpuBuffers(page)).toBe(before);

    // No half-written state: the parameters shown are those after exactly the epochs
    // counted, and the curve holds exactly those epochs' losses.
    const shown = await readParameters(page);
    const expected = await recompute(page, backend, initial, paused);
    expect(shown).toEqual({ weights: expected.weights, bias: expected.bias });
    const curve = await page.evaluate(() => {
      const h = document.querySelector('neuron-playground')!.shadowRoot!.querySelector('loss-chart')!.history!;
      return Array.from({ length: h.length }, (_, i) => h.at(i));
    });
    expect(curve).toEqual(expected.losses);
    await expect.poll(() => liveGpuBuffers(page)).toBe(before);

    // Reset in the middle of a run: back to epoch 0 and the initial parameters, and no
    // report of the cancelled call arrives later.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => epochsDone(page), { timeout: 60_000 }).toBeGreaterThan(paused + 10);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(page.getByTestId('epochs-done')).toHaveText('0');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    expect(await readParameters(page)).toEqual(initial);
    await page.waitForTimeout(500);
    expect(await epochsDone(page)).toBe(0);
    await expect(page.getByTestId('loss-readout')).toHaveText('No epochs trained yet.');
    await expect.poll(() => liveGpuBuffers(page)).toBe(before);
  });
}

test('a hundred runs through the page leave the GPU buffers and the heap where they started', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page, 'dataset=blobs&n=2000&epochs=1000000&backend=gpu&seed=5');
  const step = page.getByRole('button', { name: 'Step one epoch' });
  const runOnce = async (expected: number) => {
    await step.click();
    await expect(page.getByTestId('epochs-done')).toHaveText(expected.toLocaleString('en-US'));
    await expect(step).toBeEnabled();
  };
  // Warm-up: the dataset cached on the GPU, pipelines compiled, code paths optimised.
  for (let i = 1; i <= 10; i++) await runOnce(i);
  const buffersBefore = await liveGpuBuffers(page);
  const heapBefore = await heapAfterGc(page);

  // A hundred runs: ninety single-epoch steps, and ten longer runs stopped by pause.
  let epochs = 10;
  for (let i = 0; i < 100; i++) {
    if (i % 10 === 9) {
      await page.getByRole('button', { name: 'Play' }).click();
      await expect.poll(() => epochsDone(page)).toBeGreaterThan(epochs + 2);
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
      epochs = await epochsDone(page);
    } else {
      await runOnce(++epochs);
    }
  }
  await expect.poll(() => liveGpuBuffers(page)).toBe(buffersBefore);
  const heapAfter = await heapAfterGc(page);
  console.log(`100 page runs, ${await epochsDone(page)} epochs: GPU buffers ${buffersBefore} -> ${await liveGpuBuffers(page)}; ` +
    `heap ${(heapBefore / 2 ** 20).toFixed(2)} MiB -> ${(heapAfter / 2 ** 20).toFixed(2)} MiB`);
  // 2 MiB: Lit's template caches and V8's code and feedback are warm after the warm-up;
  // what may grow is the loss history, which keeps 8 bytes per epoch trained (its array
  // doubles as it fills: 256 KiB for the 17,000-odd epochs the paused runs reach on
  // SwiftShader), the engine's GpuTrainer leak (below, about 2 KB a run) and heap
  // bookkeeping a collection does not compact. A leak of one dataset
  // sample per run (2,000 rows of 3 floats, 24 KB) would add 2.4 MB and fail.
  expect(heapAfter - heapBefore).toBeLessThan(2 * 2 ** 20);
});

test('a hundred engine runs of every kind leave the GPU buffers and the heap where they started', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page, 'backend=cpu');
  /** Runs `count` calls of train()/gradients(): GPU and CPU, two datasets, cancelled, diverging, refused. */
  const runMany = (count: number) => page.evaluate(async (count) => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    const outcomes: Record<string, number> = {};
    const count1 = (k: string) => { outcomes[k] = (outcomes[k] ?? 0) + 1; };
    for (let i = 0; i < count; i++) {
      const kind = i % 5;
      const dataset = { kind: 'linear', n: i % 2 ? 3000 : 5000, features: 3 } as const;
      const base = { backend: 'gpu', dataset, activation: 'tanh', loss: 'mse', learningRate: 0.05, epochs: 5, batchSize: 100 } as const;
      try {
        if (kind === 0) await engine.train(base);
        else if (kind === 1) await engine.train({ ...base, backend: 'cpu' });
        else if (kind === 2) {
          const abort = new AbortController();
          await engine.train({ ...base, epochs: 100_000 }, { signal: abort.signal, onProgress: (p) => { if (p.phase === 'training' && p.epoch >= 2) abort.abort(); } });
        } else if (kind === 3) await engine.train({ ...base, activation: 'identity', learningRate: 1e6 });
        else await engine.gradients(base);
        count1('finished');
      } catch (e) {
        count1((e as Error).name);
      }
      try {
        await engine.train({ ...base, epochs: -1 } as never);
      } catch (e) {
        count1((e as Error).name);
      }
    }
    // The last run uses the warm-up's data, which is the one left cached.
    await engine.train({ backend: 'gpu', dataset: { kind: 'linear', n: 5000, features: 3 }, activation: 'tanh', loss: 'mse', learningRate: 0.05, epochs: 5, batchSize: 100 });
    return { outcomes, buffers: engine.liveGpuBuffers() };
  }, count);

  const warm = await runMany(10);
  const heapBefore = await heapAfterGc(page);
  const after = await runMany(100);
  const heapAfter = await heapAfterGc(page);
  console.log(`100 engine runs: ${JSON.stringify(after.outcomes)}; GPU buffers ${warm.buffers} -> ${after.buffers}; heap ${(heapBefore / 2 ** 20).toFixed(2)} MiB -> ${(heapAfter / 2 ** 20).toFixed(2)} MiB`);
  expect(after.outcomes).toEqual({ finished: 60, AbortError: 20, DivergenceError: 20, ConfigError: 100 });
  expect(after.buffers).toBe(warm.buffers);
  // Same tolerance and reasoning as the page's runs; each run here also generates its
  // dataset afresh on the CPU (up to 240 KB), so a kept dataset would show at once.
  expect(heapAfter - heapBefore).toBeLessThan(2 * 2 ** 20);
});

/**
 * Objects of a class still reachable after a full collection, counted by the DevTools
 * protocol (Runtime.queryObjects); `prototype` is an expression for the class's prototype.
 */
async function reachable(page: Page, prototype: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { result } = await cdp.send('Runtime.evaluate', { expression: prototype, awaitPromise: true });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: result.objectId! });
  const { result: length } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId!, functionDeclaration: 'function () { return this.length; }', returnByValue: true,
  });
  await cdp.detach();
  return length.value as number;
}

/*
 * A finished trainer must be collectable: nothing long-lived (such as a reaction on the
 * device's `lost` promise) may keep it, its bind groups and buffer wrappers reachable.
 */
test('no GPU trainer, and no GPUBuffer the engine has let go, outlives its run', async ({ page }) => {
  await openPlayground(page, 'backend=cpu');
  await page.evaluate(async () => {
    const engine: typeof import('../src/index') = await import(/* @vite-ignore */ `${'/src/index.ts'}`);
    for (let i = 0; i < 20; i++) {
      await engine.train({ backend: 'gpu', dataset: { kind: 'linear', n: 1000 }, activation: 'identity', loss: 'mse', learningRate: 0.01, epochs: 1, batchSize: 100 });
    }
  });
  const trainers = await reachable(page, "import('/src/gpu/gpu-trainer.ts').then((m) => m.GpuTrainer.prototype)");
  const wrappers = await reachable(page, 'GPUBuffer.prototype');
  const live = await liveGpuBuffers(page);
  console.log(`after 20 GPU runs: ${trainers} GpuTrainer objects reachable, ${wrappers} GPUBuffer objects for ${live} live buffers`);
  expect(trainers).toBe(0);
  expect(wrappers).toBe(live);
});
