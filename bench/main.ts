/**
 * The benchmark page: reads its options from the query string, runs the suite, shows
 * progress, and leaves the results in `window.benchRun` (a promise) for
 * scripts/bench.mjs and e2e/bench-quick.spec.ts to collect.
 */
import { DEFAULT_MAX_LOG2 } from './cases';
import { runSuite } from './suite';
import { CONTENDERS, type BenchOptions, type BenchResults, type PageContenderId } from './types';

declare global {
  interface Window {
    /** The running benchmark; resolves with everything measured. */
    benchRun?: Promise<BenchResults>;
  }
}

/** Options from the query string: quick, max (log2 of the largest n), contenders, cases (ids containing), repeats. */
function optionsFrom(query: string): BenchOptions {
  const params = new URLSearchParams(query);
  const quick = params.has('quick');
  const max = Number(params.get('max') ?? DEFAULT_MAX_LOG2);
  const listed = params.get('contenders')?.split(',').filter((c): c is PageContenderId => (CONTENDERS as readonly string[]).includes(c));
  const repeats = Number(params.get('repeats') ?? (quick ? 1 : 5));
  return {
    quick,
    maxLog2: Number.isInteger(max) && max >= 10 && max <= 26 ? max : DEFAULT_MAX_LOG2,
    contenders: listed && listed.length > 0 ? listed : [...CONTENDERS],
    ...(params.get('cases') ? { cases: params.get('cases')!.split(',') } : {}),
    maxRepeats: Number.isInteger(repeats) && repeats >= 1 ? repeats : 5,
    targetCallMs: quick ? 60 : 300,
    budgetMs: quick ? 300 : 4000,
    slowEpochMs: 20_000,
  };
}

const logElement = document.getElementById('log');
function log(line: string): void {
  console.log(`[bench] ${line}`);
  if (logElement) logElement.textContent += `${line}\n`;
}

window.benchRun = runSuite(optionsFrom(location.search), log);
window.benchRun.then(
  (r) => log(`done in ${r.seconds.toFixed(1)} s`),
  (e: unknown) => log(`benchmark failed: ${(e as Error).stack ?? String(e)}`),
);
