/** Reading and driving the playground page the way a person would, through its controls. */
import { expect, type Page } from '@playwright/test';

/** Opens the page with a query string and waits until it knows its backend. */
export async function openPlayground(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query ? `?${query}` : ''}`);
  await expect(page.getByTestId('status')).not.toContainText('Checking');
}

/** Presses Play and waits until the epoch counter shows `epochs` and the run stopped. */
export async function playUntil(page: Page, epochs: number, timeout = 60_000): Promise<void> {
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('epochs-done')).toHaveText(epochs.toLocaleString('en-US'), { timeout });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** Weights and bias as shown, at full precision (each value's data-value). */
export async function readParameters(page: Page): Promise<{ weights: number[]; bias: number }> {
  const weights: number[] = [];
  const cells = page.locator('[data-testid^="weight-"]');
  for (let i = 0; i < (await cells.count()); i++) {
    weights.push(Number(await page.getByTestId(`weight-${i}`).getAttribute('data-value')));
  }
  const bias = Number(await page.getByTestId('bias').getAttribute('data-value'));
  return { weights, bias };
}

export async function readAccuracy(page: Page): Promise<number> {
  return Number(await page.getByTestId('accuracy').getAttribute('data-value'));
}

/**
 * Pixels of the canvas inside the first `host` element (searched through shadow roots)
 * within `tolerance` of the colour `rgb` in every channel.
 */
export async function countPixels(page: Page, host: string, rgb: [number, number, number], tolerance = 40): Promise<number> {
  return page.evaluate(({ host, rgb, tolerance }) => {
    function find(root: Document | ShadowRoot, selector: string): Element | null {
      const hit = root.querySelector(selector);
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot ? find(el.shadowRoot, selector) : null;
        if (inner) return inner;
      }
      return null;
    }
    const canvas = find(document, host)?.shadowRoot?.querySelector('canvas');
    if (!canvas) throw new Error(`no canvas in ${host}`);
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - rgb[0]) <= tolerance && Math.abs(data[i + 1] - rgb[1]) <= tolerance
        && Math.abs(data[i + 2] - rgb[2]) <= tolerance) count++;
    }
    return count;
  }, { host, rgb, tolerance });
}

/** Colours of the charts (src/app/charts/canvas.ts). */
export const INK = {
  blue: [8, 119, 189] as [number, number, number],
  orange: [232, 113, 10] as [number, number, number],
  classOrange: [245, 147, 34] as [number, number, number],
  /** TF.js's line in the scaling chart. */
  purple: [123, 31, 162] as [number, number, number],
};
