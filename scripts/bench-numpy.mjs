// numpy as a contender of `npm run bench`: after the page has run, each case's dataset is
// made by the engine's own makeDataset (through Vite, so numpy trains on our numbers),
// written to a temporary file and timed by scripts/bench-numpy.py. Where python3 or numpy
// is missing, every case records numpy as skipped, with the reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/** Why numpy cannot run here, or null when it can. */
function numpyMissing() {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not available (${probe.error.code ?? probe.error.message})`;
  if (probe.status !== 0) return `python3 has no numpy (${probe.stderr.trim().split('\n').pop()})`;
  return null;
}

/** Largest |difference| of a's parameters from b's, relative to max(1, |b|). */
function difference(a, b) {
  const pairs = [...a.weights.map((w, j) => [w, b.weights[j]]), [a.bias, b.bias]];
  return Math.max(...pairs.map(([x, y]) => Math.abs(x - y) / Math.max(1, Math.abs(y))));
}

/** Adds numpy's measurement to every case of `results` (in place), and `results.numpy`. */
export async function runNumpy(results, vite) {
  const missing = numpyMissing();
  if (missing) {
    console.log(`numpy skipped: ${missing}`);
    results.numpy = { skipped: missing };
    for (const c of results.cases) c.results.push({ contender: 'numpy', status: 'skipped', message: missing });
    return;
  }
  const { makeDataset } = await vite.ssrLoadModule('/src/engine/dataset.ts');
  const { initialParameters } = await vite.ssrLoadModule('/src/engine/init.ts');
  const dir = mkdtempSync(join(os.tmpdir(), 'neuron-bench-'));
  const { options } = results;
  console.log('numpy:');
  try {
    for (const c of results.cases) {
      const bench = c.case;
      const data = join(dir, `${bench.id}.f32`);
      const { x, y, n, d } = makeDataset(bench.dataset);
      writeFileSync(data, Buffer.concat([Buffer.from(x.buffer, x.byteOffset, x.byteLength), Buffer.from(y.buffer, y.byteOffset, y.byteLength)]));
      const job = {
        targetCallMs: options.targetCallMs, budgetMs: options.budgetMs, maxRepeats: options.maxRepeats,
        cases: [{
          id: bench.id, n, d, activation: bench.activation, loss: bench.loss, learningRate: bench.learningRate,
          batchSize: bench.batchSize, ...(bench.fixedEpochs ? { fixedEpochs: bench.fixedEpochs } : {}),
          init: initialParameters(3, d), data,
        }],
      };
      const run = spawnSync('python3', ['scripts/bench-numpy.py'], { input: JSON.stringify(job), encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], maxBuffer: 2 ** 24 });
      rmSync(data);
      let measurement;
      if (run.status === 0) {
        const out = JSON.parse(run.stdout);
        results.numpy = { version: out.version, threads: out.threads };
        measurement = out.results[bench.id];
      } else {
        measurement = { contender: 'numpy', status: 'failed', message: `python3 exited with ${run.status ?? run.signal}` };
      }
      // Full batches visit the same rows in the same order: numpy must land where ours does.
      const reference = c.results.find((m) => m.contender === 'ours-cpu' && m.check);
      if (measurement.check && reference?.check && bench.batchSize === n) measurement.differenceFromCpu = difference(measurement.check, reference.check);
      c.results.push(measurement);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
