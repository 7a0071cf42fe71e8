/**
 * The benchmark's options from a query string (quick, max, contenders, cases, repeats,
 * surfaceGrid, surfaceLog2),
 * one parser for both hosts: the page reads its location.search, the Node host
 * (bench/node-main.ts) the same string from its command line.
 */
import { DEFAULT_MAX_LOG2 } from './cases';
import { MAX_RESOLUTION, MIN_RESOLUTION } from '../src/engine/surface';
import { CONTENDERS, type BenchOptions, type BenchRuntime, type PageContenderId } from './types';

/**
 * The loss surface's default sizes. 128 x 128 over n = 2^20 is the example, but on
 * a software GPU (SwiftShader, this project's test machines) it takes about 130 s, and
 * 128 x 128 over 2^14 about 3.7 s: the full run times 128 x 128 over 2^14, --quick 32 x 32
 * over 2^10. On a real GPU ask for the example: --surface-grid 128 --surface-log2 20.
 */
const SURFACE = { full: { resolution: 128, log2n: 14 }, quick: { resolution: 32, log2n: 10 } };

function integerIn(text: string | null, least: number, most: number, fallback: number): number {
  const value = Number(text ?? fallback);
  return Number.isInteger(value) && value >= least && value <= most ? value : fallback;
}

export function optionsFrom(query: string, runtime: BenchRuntime): BenchOptions {
  const params = new URLSearchParams(query);
  const quick = params.has('quick');
  const max = Number(params.get('max') ?? DEFAULT_MAX_LOG2);
  const listed = params.get('contenders')?.split(',').filter((c): c is PageContenderId => (CONTENDERS as readonly string[]).includes(c));
  const repeats = Number(params.get('repeats') ?? (quick ? 1 : 5));
  return {
    runtime,
    quick,
    maxLog2: Number.isInteger(max) && max >= 10 && max <= 26 ? max : DEFAULT_MAX_LOG2,
    contenders: listed && listed.length > 0 ? listed : [...CONTENDERS],
    ...(params.get('cases') ? { cases: params.get('cases')!.split(',') } : {}),
    maxRepeats: Number.isInteger(repeats) && repeats >= 1 ? repeats : 5,
    targetCallMs: quick ? 60 : 300,
    budgetMs: quick ? 300 : 4000,
    slowEpochMs: 20_000,
    surface: {
      resolution: integerIn(params.get('surfaceGrid'), MIN_RESOLUTION, MAX_RESOLUTION, (quick ? SURFACE.quick : SURFACE.full).resolution),
      log2n: integerIn(params.get('surfaceLog2'), 4, 26, (quick ? SURFACE.quick : SURFACE.full).log2n),
    },
  };
}
