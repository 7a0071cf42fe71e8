/**
 * A short smoke of the page in Firefox ESR on one Vulkan driver (FIREFOX_VK_DRIVER:
 * swiftshader or lavapipe). Firefox's WebGPU is wgpu with the Naga shader compiler, a
 * second implementation beside Chromium's Dawn; SwiftShader and lavapipe are two
 * independent software Vulkan drivers, so a kernel that depends on one driver's
 * behaviour shows up as a difference between the two runs. Driven by puppeteer-core
 * because Playwright 1.65's Firefox fails on ESR 153 at newPage.
 *   FIREFOX_VK_DRIVER=lavapipe node --test e2e-firefox/page-smoke.test.mjs
 * (Named *.test.mjs and kept out of e2e/ so that Playwright does not collect it.)
 */
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { chosenDriver, firefoxLaunchOptions } from '../scripts/firefox.mjs';
import { startVite } from './vite-server.mjs';
import { openPlayground, playToEnd, readParameters, text } from './playground.mjs';

const driver = chosenDriver();
/** The tutorial's setting, as in e2e/page-train.spec.ts. */
const CELSIUS = 'dataset=celsius&n=100&activation=identity&loss=mse&lr=0.001&batch=full&reduction=mean&epochs=10000&seed=1&backend=gpu';
/** Mini-batch and stochastic runs on the GPU's small-batch kernel, as in e2e/page-resume.spec.ts. */
const LINEAR = 'dataset=linear&n=2000&features=2&noise=0.1&seed=3&activation=identity&loss=mse&lr=0.01&reduction=mean&backend=gpu';

let server;
let browser;
let page;
/** Console errors and uncaught exceptions of the page; each test must leave none. */
let errors = [];

before(async () => {
  server = await startVite();
  browser = await puppeteer.launch(firefoxLaunchOptions(driver.icd));
  console.log(`# page smoke: ${await browser.version()} on ${driver.name} (${driver.icd}), page at ${server.url}`);
});

// A fresh tab per test: reusing one, a goto could resolve while the last test's page still showed.
beforeEach(async () => {
  errors = [];
  page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
});

afterEach(() => page?.close());

after(async () => {
  await browser?.close();
  server?.stop();
});

const oneLine = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The status line in one line. */
async function status() {
  return oneLine(await text(page, 'status'));
}

/** What a failed run left on the page: the status line and the notices. */
async function why() {
  return `status: ${await status()}; notices: ${oneLine(await text(page, 'notices')) || 'none'}`;
}

function noErrors() {
  const seen = errors;
  errors = [];
  assert.deepEqual(seen, [], 'console errors and uncaught exceptions');
}

const options = { timeout: 400_000 };

test('the page trains on the GPU', options, async () => {
  await openPlayground(page, server.url, CELSIUS);
  const line = await status();
  console.log(`# status line in Firefox on ${driver.name}: ${JSON.stringify(line)}`);
  assert.match(line, /GPU/);
  noErrors();
});

test('the status line names the adapter sensibly, though Firefox leaves adapter.info empty', options, async () => {
  await openPlayground(page, server.url, CELSIUS);
  assert.match(await status(), /on the GPU: a software adapter the browser does not name/);
});

test('celsius on the GPU learns F = 1.8 C + 32 in 10,000 full-batch epochs', options, async () => {
  await openPlayground(page, server.url, CELSIUS);
  assert.equal(await playToEnd(page), '10,000', await why());
  const { weights, bias } = await readParameters(page);
  // Tolerance as in e2e/page-train.spec.ts: a few float32 steps around the optimum.
  assert.ok(Math.abs(weights[0] - 1.8) < 1e-4, `w = ${weights[0]}`);
  assert.ok(Math.abs(bias - 32) < 1e-4, `b = ${bias}`);
  assert.match(await status(), /Training on the GPU/);
  noErrors();
});

for (const [mode, query, epochs] of [['mini-batch (batch 64)', 'batch=mini&batchSize=64', 2_000], ['stochastic', 'batch=sgd', 200]]) {
  test(`a ${mode} run on the GPU finishes all ${epochs.toLocaleString('en-US')} epochs`, options, async () => {
    await openPlayground(page, server.url, `${LINEAR}&${query}&epochs=${epochs}`);
    assert.equal(await playToEnd(page), epochs.toLocaleString('en-US'), await why());
    const { weights, bias } = await readParameters(page);
    assert.ok([...weights, bias].every(Number.isFinite), `parameters ${weights} ${bias}`);
    assert.match(await status(), /Training on the GPU/);
    noErrors();
  });
}
