/**
 * The loss surface's timings, next to the epoch figures: lossSurface() over a grid of w0
 * and b (w1 held) for a d = 2 case, on our GPU and our CPU (every point summed over every
 * row), and the closed form where it applies (identity + mse, on the CPU). Each is warmed
 * up once (pipelines built, the dataset cached), then timed with the project's one helper.
 */
import { lossSurface, type SurfaceSpec, type TrainConfig } from '../src/index';
import { formatMs } from '../src/engine/format-ms';
import { bestOf } from '../src/engine/timing';
import type { Log } from './suite';
import type { BenchOptions, SurfaceTiming } from './types';

function message(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The two d = 2 models: sigmoid + bce has no closed form, identity + mse has one. */
function surfaceConfigs(n: number): { model: string; config: Omit<TrainConfig, 'backend'> }[] {
  const common = { learningRate: 0.1, epochs: 1, batchSize: n, init: { weights: [0.5, -0.5], bias: 0 } };
  return [
    { model: 'blobs, sigmoid + bce', config: { ...common, dataset: { kind: 'blobs', n, features: 2, noise: 0.5, seed: 7 }, activation: 'sigmoid', loss: 'bce' } },
    { model: 'linear, identity + mse', config: { ...common, dataset: { kind: 'linear', n, features: 2, noise: 0.1, seed: 7 }, activation: 'identity', loss: 'mse' } },
  ];
}

/** Times the surfaces of options.surface on whichever of ours-gpu and ours-cpu the run has. */
export async function timeSurfaces(options: BenchOptions, log: Log): Promise<SurfaceTiming[]> {
  const { resolution, log2n } = options.surface;
  const n = 2 ** log2n;
  const spec: SurfaceSpec = { x: { param: 0, from: -2, to: 2 }, y: { param: 'bias', from: -2, to: 2 }, resolution };
  const backends = (['gpu', 'cpu'] as const).filter((b) => options.contenders.includes(`ours-${b}`));
  const timings: SurfaceTiming[] = [];
  // --cases picks these by the id "surface-d2-n<n>-r<resolution>", like the epoch cases.
  const id = `surface-d2-n${n}-r${resolution}`;
  if (!backends.length || (options.cases && !options.cases.some((part) => id.includes(part)))) return timings;
  log(`loss surface, ${resolution} x ${resolution} over w0 and b, n = 2^${log2n}, d = 2`);
  for (const { model, config } of surfaceConfigs(n)) {
    for (const backend of backends) {
      const base = { model, n, d: 2, resolution, backend };
      try {
        const first = await lossSurface({ ...config, backend }, spec);
        if (first.backend !== backend) throw new Error(`lossSurface() ran on the ${first.backend}, not the ${backend}`);
        if (!Number.isFinite(first.min) || !Number.isFinite(first.max)) throw new Error(`non-finite surface (min ${first.min}, max ${first.max})`);
        const repeats = options.quick ? 1 : 3;
        const ms = await bestOf(repeats, () => lossSurface({ ...config, backend }, spec));
        timings.push({ ...base, method: first.method, status: 'ok', ms, repeats });
        log(`  ${`${model}, ${backend.toUpperCase()} (${first.method})`.padEnd(42)} ${formatMs(ms).padStart(9)} (best of ${repeats})`);
      } catch (e) {
        timings.push({ ...base, status: 'failed', message: message(e) });
        log(`  ${model}, ${backend.toUpperCase()} failed: ${message(e)}`);
      }
    }
  }
  return timings;
}
