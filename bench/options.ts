/**
 * The benchmark's options from a query string (quick, max, contenders, cases, repeats),
 * one parser for both hosts: the page reads its location.search, the Node host
 * (bench/node-main.ts) the same string from its command line.
 */
import { DEFAULT_MAX_LOG2 } from './cases';
import { CONTENDERS, type BenchOptions, type BenchRuntime, type PageContenderId } from './types';

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
  };
}
