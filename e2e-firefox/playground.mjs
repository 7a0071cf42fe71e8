// Drives the playground through puppeteer the way e2e/helpers/playground.ts does through
// Playwright: the same data-testid elements, buttons and URL parameters. The page's
// elements live in shadow roots, so every lookup walks them (in the page).

/** Runs in the page: the first element matching `selector`, searched through shadow roots. */
const DEEP = `(function deep(root, selector) {
  const hit = root.querySelector(selector);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot ? deep(el.shadowRoot, selector) : null;
    if (inner) return inner;
  }
  return null;
})`;

/** Text of the element with data-testid `id`, or null while there is none. */
export function text(page, id) {
  return page.evaluate(`${DEEP}(document, '[data-testid="${id}"]')?.textContent ?? null`);
}

function attribute(page, id, name) {
  return page.evaluate(`${DEEP}(document, '[data-testid="${id}"]')?.getAttribute('${name}') ?? null`);
}

/** Waits until `check()` is true, polling; fails with `what` and the last value seen. */
async function until(check, what, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const seen = await check();
    if (seen === true) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what} (last seen: ${seen})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Opens the page with a query string and waits until it knows its backend. */
export async function openPlayground(page, baseUrl, query = '') {
  await page.goto(`${baseUrl}/${query ? `?${query}` : ''}`);
  await until(async () => {
    const status = await text(page, 'status');
    return (status !== null && !status.includes('Checking')) || status;
  }, 'the status line to know its backend', 60_000);
}

/** The label of the play/pause button: 'Play' or 'Pause'. */
function playLabel(page) {
  return page.evaluate(`${DEEP}(document, 'button.play')?.getAttribute('aria-label') ?? null`);
}

/** Presses Play and waits until the run stops by itself; resolves with the epoch counter's text. */
export async function playToEnd(page, timeout = 300_000) {
  await page.evaluate(`${DEEP}(document, 'button.play').click()`);
  // Started: the button says Pause, epochs were counted, or the run already failed with a notice.
  const started = async () => (await playLabel(page)) === 'Pause' || (await text(page, 'epochs-done')) !== '0'
    || Boolean((await text(page, 'notices'))?.trim()) || 'not started';
  await until(started, 'the run to start', 30_000);
  await until(async () => (await playLabel(page)) === 'Play' || `running, epoch ${await text(page, 'epochs-done')}`, 'the run to stop', timeout);
  return text(page, 'epochs-done');
}

/** Weights and bias as shown, at full precision (each value's data-value). */
export async function readParameters(page) {
  const weights = [];
  for (let i = 0; ; i++) {
    const value = await attribute(page, `weight-${i}`, 'data-value');
    if (value === null) break;
    weights.push(Number(value));
  }
  return { weights, bias: Number(await attribute(page, 'bias', 'data-value')) };
}
