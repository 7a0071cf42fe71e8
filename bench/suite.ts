/**
 * Runs every case on every contender: warm-up calls first (not timed), then timed calls
 * of k epochs each, k chosen so a call lasts about `targetCallMs`, as many as fit the
 * budget. Every contender starts from the same parameters, on the same data, in the same
 * batch order, and reads back once per call.
 */
import { describeBackendReason, makeDataset, type Dataset } from '../src/index';
import { formatMs } from '../src/engine/format-ms';
import { growUntilLong } from '../src/engine/timing';
import { describeAdapter, isSoftwareAdapter } from '../src/gpu/adapter-name';
import { launchShapeFor } from '../src/gpu/launch-shape';
import { benchCases } from './cases';
import { timeSurfaces } from './surface';
import { measureCpuCeiling } from '../src/cpu/ceiling/read-ceiling';
import { ceilingShapes, measureCeiling } from '../src/gpu/ceiling/read-ceiling';
import { ALL_CONTENDERS, type CallResult, type Session } from './contenders';
import {
  CONTENDER_LABELS, type BenchCase, type BenchOptions, type BenchResults, type CaseResult, type Ceiling,
  type Environment, type Measurement, type PageContenderId, type Spread, NEEDS_BROWSER,
} from './types';

/** Most epochs in one timed call. */
const MAX_EPOCHS_PER_CALL = 100_000;
/** Calls up to this long are timed at least 3 times even past the budget. */
const MIN_REPEATS_CALL_MS = 5_000;

export type Log = (line: string) => void;

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

function message(e: unknown): string {
  const text = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Bytes of X and y one epoch reads. */
function bytesPerEpoch(c: BenchCase): number {
  return c.dataset.n * (c.dataset.features + 1) * 4;
}

/**
 * Warm-up calls, then the timed ones. The first call trains `checkEpochs` epochs (its
 * parameters are compared across contenders); further warm-up calls grow the epochs
 * until a call is long enough to estimate the time of one epoch.
 */
async function measure(session: Session, c: BenchCase, options: BenchOptions, id: PageContenderId, log: Log): Promise<Measurement> {
  const fixed = c.fixedEpochs;
  const checkEpochs = fixed ? Math.min(fixed, 100) : 1;
  const first = await session.run(checkEpochs);
  const check = { epochs: checkEpochs, weights: first.weights, bias: first.bias };
  let epochs: number;
  let perCall: number;
  if (fixed) {
    // The tutorial's run: every call trains all its steps. Unless the first call already
    // was one, estimate from a second, warm short call, then warm up once at full length
    // when that fits the budget.
    const warm = fixed > checkEpochs ? await session.run(checkEpochs) : first;
    epochs = fixed;
    perCall = (warm.ms * fixed) / checkEpochs;
    if (perCall > 3 * options.slowEpochMs) {
      return {
        contender: id, status: 'skipped', check,
        message: `too slow (${formatMs(warm.ms / checkEpochs)} per step over ${checkEpochs} warm steps: `
          + `about ${(perCall / 1000).toPrecision(2)} s for ${fixed.toLocaleString('en-US')} steps)`,
      };
    }
    if (fixed > checkEpochs && perCall < options.budgetMs) perCall = (await session.run(fixed)).ms;
  } else {
    // Grow the calls until one lasts a quarter of the target; all of this is warm-up. An
    // epoch that takes seconds even cold is estimated from that first call alone.
    let perEpoch = first.ms;
    if (first.ms < 10 * options.targetCallMs) {
      const last = await growUntilLong(
        { start: 1, untilMs: options.targetCallMs / 4, aimMs: options.targetCallMs, maxSize: MAX_EPOCHS_PER_CALL, maxFactor: 100, floorMs: 0.05, maxCalls: 8 },
        async (size) => (await session.run(size)).ms,
      );
      perEpoch = last.ms / last.size;
    }
    epochs = Math.max(1, Math.min(MAX_EPOCHS_PER_CALL, Math.round(options.targetCallMs / Math.max(perEpoch, 1e-4))));
    perCall = epochs * perEpoch;
  }
  // As many calls as fit the budget; at least 3 (for a median and a spread) while a call
  // takes under MIN_REPEATS_CALL_MS, else at least 1.
  const fitting = Math.floor(options.budgetMs / Math.max(perCall, 1e-3));
  const least = perCall <= MIN_REPEATS_CALL_MS ? 3 : 1;
  const repeats = Math.max(1, Math.min(options.maxRepeats, Math.max(fitting, least)));
  const times: number[] = [];
  const calls: CallResult[] = [];
  for (let r = 0; r < repeats; r++) {
    calls.push(await session.run(epochs));
    times.push(calls[r].ms);
  }
  const msPerCall = spread(times);
  const msPerEpoch = spread(times.map((t) => t / epochs));
  const seconds = msPerEpoch.median / 1000;
  const result: Measurement = {
    contender: id, status: 'ok', epochsPerRepeat: epochs, repeats, msPerEpoch, msPerCall,
    samplesPerSecond: c.dataset.n / seconds,
    gbPerSecond: bytesPerEpoch(c) / seconds / 1e9,
    check,
  };
  if (id === 'ours-auto') {
    const why = calls[calls.length - 1].backendReason;
    result.chose = { backends: calls.map((call) => call.backend!), reason: why ? describeBackendReason(why) : '' };
  }
  log(`  ${CONTENDER_LABELS[id].padEnd(19)} ${formatMs(msPerEpoch.median).padStart(9)} per epoch`
    + ` (min ${formatMs(msPerEpoch.min)}, max ${formatMs(msPerEpoch.max)}; ${repeats} x ${epochs.toLocaleString('en-US')} epochs)`
    + `${fixed ? `, ${formatMs(msPerCall.median)} per ${fixed.toLocaleString('en-US')} steps` : ''}, ${result.gbPerSecond!.toPrecision(3)} GB/s`
    + `${result.chose ? `; ${result.chose.reason}` : ''}`);
  return result;
}

/**
 * Collects the previous contender's garbage before the next is timed (TF.js leaves
 * arrays of hundreds of MB behind), so that no contender pays for another's. `gc` is
 * there when the page runs with --js-flags=--expose-gc, as `npm run bench` launches it.
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Largest difference of `a` from `b`, relative to max(1, |b|). */
function difference(a: { weights: number[]; bias: number }, b: { weights: number[]; bias: number }): number {
  const pairs = [...a.weights.map((w, j) => [w, b.weights[j]]), [a.bias, b.bias]];
  return Math.max(...pairs.map(([x, y]) => Math.abs(x - y) / Math.max(1, Math.abs(y))));
}

/** How a contender did on the last size of a sweep it was timed on. */
interface Pace {
  /** n (d + 1) of that case. */
  values: number;
  /** Its median milliseconds per epoch. */
  msPerEpoch: number;
  n: number;
}

/**
 * Why a contender sits out a case, or null to run it: it failed at a smaller size of the
 * same sweep, its last epoch took longer than `slowEpochMs` (the sweep stops there), or
 * this size is expected to take more than three times that (scaled from its last size).
 */
function reasonToSkip(pace: Pace | undefined, failure: { n: number; message: string } | undefined, values: number, options: BenchOptions): string | null {
  if (failure) return `failed at the smaller n = ${failure.n.toLocaleString('en-US')} (${failure.message})`;
  if (!pace) return null;
  const expected = (pace.msPerEpoch * values) / pace.values;
  if (pace.msPerEpoch <= options.slowEpochMs && expected <= 3 * options.slowEpochMs) return null;
  return `too slow (${(pace.msPerEpoch / 1000).toPrecision(3)} s per epoch at n = ${pace.n.toLocaleString('en-US')}, `
    + `about ${(expected / 1000).toPrecision(2)} s expected here)`;
}

function sweepOf(c: BenchCase): string {
  return `${c.group}/${c.dataset.kind}`;
}

/** Runs the whole benchmark in this page. */
export async function runSuite(options: BenchOptions, log: Log): Promise<BenchResults> {
  const started = performance.now();
  const environment: Environment = {
    adapter: null,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  let ceiling: Ceiling;
  // Contenders skipped on this adapter, and why.
  const sameAsOurs: Partial<Record<PageContenderId, string>> = {};
  if (adapter) {
    const info = adapter.info;
    environment.adapter = {
      vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description,
      isFallbackAdapter: (info as { isFallbackAdapter?: boolean }).isFallbackAdapter,
    };
    const software = isSoftwareAdapter(adapter);
    environment.softwareAdapter = software;
    const subgroups = adapter.features.has('subgroups');
    const shape = launchShapeFor(software, navigator.hardwareConcurrency, subgroups ? adapter.info.subgroupMinSize ?? 4 : null);
    // 'ours, GPU, tree sums' is 'ours, GPU' with subgroups off: the same run where these hold.
    if (software) sameAsOurs['ours-gpu-tree'] = 'software adapter: per-thread partials, no workgroup sum';
    else if (!subgroups) sameAsOurs['ours-gpu-tree'] = 'the adapter has no subgroups';
    environment.launchShape = `${shape.reason} (batch kernel ${shape.maxWorkgroups} x ${shape.workgroupSize}, small-batch kernel 1 x ${shape.smallWorkgroupSize} up to batch ${shape.smallBatchLimit})`;
    log(`adapter: ${describeAdapter(adapter)}`);
    log('measuring the copy and read ceilings…');
    try {
      ceiling = await measureCeiling(adapter, {
        bytes: options.quick ? 32 * 2 ** 20 : 256 * 2 ** 20,
        repeats: options.quick ? 2 : 5,
        shapes: ceilingShapes(software, options.quick),
      });
      log(`  copy ${ceiling.copyGbPerSecond.toPrecision(3)} GB/s read (${ceiling.copyBytes / 2 ** 20} MiB, ${ceiling.timing}),`
        + ` sum ${ceiling.reduceGbPerSecond.toPrecision(3)} GB/s (${ceiling.reduceShape}),`
        + ` empty submit ${ceiling.emptySubmitMicros.toFixed(0)} µs, readback ${ceiling.readbackMicros.toFixed(0)} µs, dispatch ${ceiling.dispatchMicros.toFixed(1)} µs`);
    } catch (e) {
      ceiling = noCeiling(`measuring the ceiling failed: ${message(e)}`);
      log(`  ${ceiling.error}`);
    }
  } else {
    ceiling = noCeiling('no WebGPU adapter');
    log('no WebGPU adapter: the GPU contenders will fail');
  }

  const cases = benchCases(options).filter((c) => !options.cases || options.cases.some((part) => c.id.includes(part)));
  const cpuCeiling = await cpuReadCeiling(cases, options, log);
  const results: CaseResult[] = [];
  const paces = new Map<string, Pace>();
  const failures = new Map<string, { n: number; message: string }>();
  for (const [index, c] of cases.entries()) {
    log(`[${index + 1}/${cases.length}] ${c.title}`);
    let data: Dataset | null = null;
    const dataOf = (): Dataset => (data ??= makeDataset(c.dataset));
    const measurements: Measurement[] = [];
    const values = c.dataset.n * (c.dataset.features + 1);
    for (const id of options.contenders) {
      const key = `${id} ${sweepOf(c)}`;
      const skip = (options.runtime === 'node' ? NEEDS_BROWSER[id] : undefined) ?? sameAsOurs[id] ?? reasonToSkip(paces.get(key), failures.get(key), values, options);
      if (skip) {
        measurements.push({ contender: id, status: 'skipped', message: skip });
        log(`  ${CONTENDER_LABELS[id].padEnd(19)} skipped: ${skip}`);
        continue;
      }
      let session: Session | null = null;
      try {
        await settle();
        session = await ALL_CONTENDERS[id].open(c, dataOf);
        const m = await measure(session, c, options, id, log);
        measurements.push(m);
        if (m.status === 'ok') paces.set(key, { values, msPerEpoch: m.msPerEpoch!.median, n: c.dataset.n });
        else log(`  ${CONTENDER_LABELS[id].padEnd(19)} ${m.status}: ${m.message}`);
        if (id === 'ours-gpu' && !environment.engineAdapter) environment.engineAdapter = (await session.run(1)).adapter;
      } catch (e) {
        const why = message(e);
        measurements.push({ contender: id, status: 'failed', message: why });
        failures.set(key, { n: c.dataset.n, message: why });
        log(`  ${CONTENDER_LABELS[id].padEnd(19)} failed: ${why}`);
      } finally {
        session?.dispose();
      }
    }
    data = null;
    const reference = measurements.find((m) => m.contender === 'ours-cpu' && m.check);
    for (const m of measurements) {
      if (m.check && reference?.check) m.differenceFromCpu = difference(m.check, reference.check);
    }
    results.push({ case: c, results: measurements });
  }
  const surface = await timeSurfaces(options, log);
  if (options.runtime === 'browser' && options.contenders.some((id) => id.startsWith('tfjs-'))) {
    const tfjs = await import('./tfjs-contender');
    environment.tfjsVersion = tfjs.tfjsVersion;
    const threads = await tfjs.tfjsWasmThreads();
    if (threads) environment.tfjsWasmThreads = threads;
  }
  return { options, labels: CONTENDER_LABELS, environment, ceiling, cpuCeiling, cases: results, surface, seconds: (performance.now() - started) / 1000 };
}

/** Every core reading a shared memory the size of the largest dataset of the run (at least 64 MiB). */
async function cpuReadCeiling(cases: BenchCase[], options: BenchOptions, log: Log): Promise<BenchResults['cpuCeiling']> {
  if (options.runtime === 'node') {
    const error = 'the CPU read ceiling needs Web Workers over a shared WebAssembly.Memory (a browser page); not measured in Node';
    log(`  ${error}`);
    return { error };
  }
  const bytes = Math.max(64 * 2 ** 20, ...cases.map(bytesPerEpoch));
  const workers = Math.min(8, navigator.hardwareConcurrency || 1);
  log(`measuring the CPU read ceiling (${workers} workers, ${(bytes / 2 ** 20).toFixed(0)} MiB)…`);
  try {
    const ceiling = await measureCpuCeiling(bytes, workers, options.quick ? 3 : 5);
    log(`  CPU read ${ceiling.gbPerSecond.toPrecision(3)} GB/s (${formatMs(ceiling.ms)} for ${(ceiling.bytes / 2 ** 20).toFixed(0)} MiB)`);
    return ceiling;
  } catch (e) {
    const error = `measuring the CPU read ceiling failed: ${message(e)}`;
    log(`  ${error}`);
    return { error };
  }
}

function noCeiling(error: string): Ceiling {
  return {
    copyGbPerSecond: NaN, copyBytes: 0, reduceGbPerSecond: NaN, reduceBytes: 0, reduceShape: '', reduceShapes: [],
    timing: 'wall-clock', emptySubmitMicros: NaN, readbackMicros: NaN, dispatchMicros: NaN, error,
  };
}
