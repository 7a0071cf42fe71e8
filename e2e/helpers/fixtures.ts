/**
 * The test fixture of every page test: it records console errors and uncaught
 * exceptions of the page and fails the test at the end if there were any.
 */
import { test as base, expect, type Page } from '@playwright/test';

/** Starts recording errors of `page` into `errors`; also for pages of extra browsers. */
export function recordErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}${error.stack ? `\n${error.stack}` : ''}`));
}

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      recordErrors(page, errors);
      await use(errors);
      expect(errors, 'console errors and uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
