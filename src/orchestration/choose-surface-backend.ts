/**
 * The 'auto' backend for a loss surface, chosen as train() chooses (choose-backend.ts):
 * time both on a sample of the same work and take the one predicted to finish sooner.
 * The sample is a grid of up to SAMPLE_RESOLUTION² points over the first SAMPLE_ROWS rows
 * of the same (cached) dataset, after a warm-up that builds the kernel; the work grows
 * with points times rows on both, so each sample's time is scaled by that ratio. An
 * epoch's timing would not do: an epoch is bound by memory, a surface by arithmetic.
 * Paces are kept per (activation, loss, d, adapter) for the session.
 */
import { directSurfaceCpu } from '../cpu/cpu-surface';
import type { GpuContext } from '../gpu/device';
import { directSurfaceGpu } from '../gpu/gpu-surface';
import type { SurfaceSpec } from '../engine/surface';
import { bestOf } from '../engine/timing';
import type { Backend } from '../engine/types';
import type { CheckedConfig } from '../engine/validate';

const SAMPLE_ROWS = 2 ** 13;
const SAMPLE_RESOLUTION = 32;

/** Milliseconds per loss evaluation on each backend. */
type Paces = Record<Backend, number>;

const measured = new Map<string, Promise<Paces>>();

export async function chooseSurfaceBackend(config: CheckedConfig, spec: SurfaceSpec, gpu: GpuContext, signal?: AbortSignal): Promise<Backend> {
  const key = JSON.stringify([config.activation, config.loss, config.dataset.d, gpu.adapterName]);
  let paces = measured.get(key);
  if (!paces) {
    const rows = Math.min(config.dataset.n, SAMPLE_ROWS);
    const sample: SurfaceSpec = { ...spec, resolution: Math.min(spec.resolution, SAMPLE_RESOLUTION) };
    const evaluations = rows * sample.resolution ** 2;
    const time = async (run: () => Promise<unknown>) => {
      await run();
      return (await bestOf(2, run)) / evaluations;
    };
    paces = (async () => ({
      cpu: await time(() => directSurfaceCpu(config, sample, { rows, signal })),
      gpu: await time(() => directSurfaceGpu(config, sample, { gpu, rows, signal })),
    }))();
    measured.set(key, paces);
    paces.catch(() => measured.delete(key));
  }
  const { cpu, gpu: gpuPace } = await paces;
  return gpuPace <= cpu ? 'gpu' : 'cpu';
}
