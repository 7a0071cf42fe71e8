/**
 * How the project times its own work, one way for the three places that do: the 'auto'
 * calibration (orchestration/choose-backend.ts), the page's scaling panel
 * (app/model/scaling-run.ts) and the benchmark (bench/suite.ts). Each takes a warm-up
 * first (pipelines built, caches and JIT warm), then times calls long enough that the
 * timer's resolution and noise do not dominate.
 */

/** Milliseconds of the fastest of `k` calls: the least disturbed by other work on the machine. */
export async function bestOf(k: number, call: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < k; i++) {
    const start = performance.now();
    await call();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export interface Growth {
  /** Size of the first call (epochs, steps). */
  start: number;
  /** Stop once a call lasts at least this many milliseconds. */
  untilMs: number;
  /** Each next size aims at a call of this many milliseconds (untilMs unless said). */
  aimMs?: number;
  /** Largest size, and most growth in one step. */
  maxSize: number;
  maxFactor?: number;
  /** A call counts as lasting at least this long when sizing the next (timer resolution). */
  floorMs: number;
  /** Most calls. */
  maxCalls?: number;
}

/**
 * Grows a call until it lasts `untilMs`: each next size is the last times the factor
 * that would reach `aimMs` (at least 2, at most `maxFactor`), up to `maxSize`. Returns the
 * last call's size and milliseconds, as `time(size)` measured them.
 */
export async function growUntilLong(growth: Growth, time: (size: number) => Promise<number>): Promise<{ size: number; ms: number }> {
  const { untilMs, maxSize, floorMs, maxFactor = Infinity, maxCalls = Infinity } = growth;
  const aimMs = growth.aimMs ?? untilMs;
  let size = growth.start;
  let ms = await time(size);
  for (let calls = 1; ms < untilMs && size < maxSize && calls < maxCalls; calls++) {
    size = Math.min(maxSize, size * Math.min(maxFactor, Math.max(2, Math.ceil(aimMs / Math.max(ms, floorMs)))));
    ms = await time(size);
  }
  return { size, ms };
}

/** A point in a timed run: units (epochs) done and milliseconds since it started. */
export interface Mark {
  done: number;
  ms: number;
}

/**
 * Milliseconds per unit of one run whose first report ends its warm-up: from that mark
 * to the end. When the run reported only at its end, the whole run is averaged, warm-up
 * and all.
 */
export function paceAfterWarmUp(warm: Mark | null, end: Mark): { units: number; msPerUnit: number } {
  if (warm && warm.done < end.done) return { units: end.done - warm.done, msPerUnit: (end.ms - warm.ms) / (end.done - warm.done) };
  return { units: end.done, msPerUnit: end.ms / end.done };
}
