/**
 * `npm run bench -- --runtime node` runs the benchmark in Node on Dawn, no browser: the
 * smallest case, with our GPU and CPU trainers and one contender that needs a browser,
 * gives finite numbers for the GPU contender and the copy and read ceilings, and a reason
 * for what it skipped. Timings are not checked (a shared 2-core machine is too noisy).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { BenchResults } from '../../bench/types';

test('the benchmark runs in Node on Dawn and measures the GPU contender and the ceilings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-node-test-'));
  try {
    const out = join(dir, 'results.json');
    const run = spawnSync(process.execPath, [
      'scripts/bench.mjs', '--runtime', 'node', '--quick', '--cases', 'linear-d8-n1024',
      '--contenders', 'ours-gpu,ours-cpu,ours-cpu-1', '--out', out,
    ], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;

    expect(results.options.runtime).toBe('node');
    expect(results.environment.browserVersion).toMatch(/^Node v\d+.* on Dawn \(webgpu /);
    expect(results.environment.adapter?.vendor ?? '').not.toBe('');
    const ceiling = results.ceiling;
    expect(ceiling.error).toBeUndefined();
    for (const value of [ceiling.copyGbPerSecond, ceiling.reduceGbPerSecond]) {
      expect(Number.isFinite(value) && value > 0, JSON.stringify(ceiling)).toBe(true);
    }
    // The CPU read ceiling needs workers: not measured, and it says why.
    expect('error' in results.cpuCeiling && results.cpuCeiling.error).toMatch(/Node/);

    expect(results.cases.map((c) => c.case.id)).toEqual(['linear-d8-n1024-full']);
    const measured = results.cases[0].results;
    for (const id of ['ours-gpu', 'ours-cpu'] as const) {
      const m = measured.find((r) => r.contender === id);
      expect(m?.status, JSON.stringify(m)).toBe('ok');
      for (const value of [m!.msPerEpoch!.median, m!.samplesPerSecond!, m!.gbPerSecond!]) {
        expect(Number.isFinite(value) && value > 0, JSON.stringify(m)).toBe(true);
      }
    }
    // Both trained the same parameters (the GPU in float32: 1e-3 as in e2e/bench-quick.spec.ts).
    expect(measured.find((r) => r.contender === 'ours-gpu')?.differenceFromCpu).toBeLessThan(1e-3);
    const skipped = measured.find((r) => r.contender === 'ours-cpu-1');
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.message).toMatch(/Web Workers/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
