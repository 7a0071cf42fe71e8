// What the host adds to a run's results.environment (bench/types.ts, Environment): used by
// scripts/bench.mjs and, on a GPU machine, by scripts/gpu-machine/finish.mjs.
import os from 'node:os';

/** `host`: the browser or Node and Dawn the suite ran in; `loadAtStart`: os.loadavg() when the run began. */
export function hostEnvironment(host, loadAtStart, gitCommit) {
  return {
    browserVersion: host,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.cpus().length,
    nodeVersion: process.version,
    gitCommit,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    date: new Date().toISOString(),
  };
}
