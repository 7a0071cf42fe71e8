/**
 * The benchmark page (the browser host; bench/node-main.ts is the Node one): reads its
 * options from the query string, runs the suite, shows
 * progress, and leaves the results in `window.benchRun` (a promise) for
 * scripts/bench.mjs and e2e/bench-quick.spec.ts to collect.
 */
import { optionsFrom } from './options';
import { runSuite } from './suite';
import type { BenchResults } from './types';

declare global {
  interface Window {
    /** The running benchmark; resolves with everything measured. */
    benchRun?: Promise<BenchResults>;
  }
}

const logElement = document.getElementById('log');
function log(line: string): void {
  console.log(`[bench] ${line}`);
  if (logElement) logElement.textContent += `${line}\n`;
}

window.benchRun = runSuite(optionsFrom(location.search, 'browser'), log);
window.benchRun.then(
  (r) => log(`done in ${r.seconds.toFixed(1)} s`),
  (e: unknown) => log(`benchmark failed: ${(e as Error).stack ?? String(e)}`),
);
