/** The public lossSurface(): J over a grid of two parameters, on whichever backend is asked for. */
import { closedFormSurfaceCpu, directSurfaceCpu, hasClosedForm } from '../cpu/cpu-surface';
import { acquireGpu, forgetGpu, requireGpu } from '../gpu/device';
import { directSurfaceGpu } from '../gpu/gpu-surface';
import { DeviceLostError } from '../engine/errors';
import { checkSurfaceOptions, checkSurfaceSpec, rangeOf, type SurfaceResult } from '../engine/surface';
import type { SurfaceOptions, SurfaceSpec } from '../engine/surface';
import type { TrainConfig } from '../engine/types';
import { checkTrainConfig } from '../engine/validate';
import { throwIfAborted } from '../engine/yield';
import { chooseSurfaceBackend } from './choose-surface-backend';

/**
 * The mean loss per sample over the whole dataset, exactly as train() reports it, at
 * every point of a grid over two parameters (a weight each, or one and the bias), the
 * others held at the configuration's initial values. identity + mse takes the closed form
 * from sums over the data (exact, one pass) unless the GPU is asked for by name; 'auto'
 * otherwise times both backends on a sample, as train() does. A GPU lost on the way
 * hands the surface to the CPU. Bad input throws a ConfigError naming the field.
 */
export async function lossSurface(config: TrainConfig, surface: SurfaceSpec, options: SurfaceOptions = {}): Promise<SurfaceResult> {
  const checked = checkTrainConfig(config);
  const spec = checkSurfaceSpec(surface, checked.dataset.d);
  const { signal, onProgress } = checkSurfaceOptions(options);
  throwIfAborted(signal);
  const start = performance.now();
  const done = (values: Float32Array, backend: 'gpu' | 'cpu', method: SurfaceResult['method'], adapter?: string): SurfaceResult => ({
    values, ...rangeOf(values), backend, method, ...(adapter ? { adapter } : {}), ms: performance.now() - start,
  });
  if (hasClosedForm(checked) && checked.backend !== 'gpu') {
    return done(await closedFormSurfaceCpu(checked, spec, { signal, onProgress }), 'cpu', 'closed-form');
  }
  const onCpu = async () => done(await directSurfaceCpu(checked, spec, { signal, onProgress }), 'cpu', 'direct');
  if (checked.backend === 'cpu') return onCpu();
  const gpu = checked.backend === 'gpu' ? await requireGpu() : await acquireGpu();
  if (typeof gpu === 'string') return onCpu();
  if (checked.backend === 'auto' && await chooseSurfaceBackend(checked, spec, gpu, signal) === 'cpu') return onCpu();
  try {
    const { values, adapter } = await directSurfaceGpu(checked, spec, { gpu, signal, onProgress });
    return done(values, 'gpu', 'direct', adapter);
  } catch (e) {
    if (!(e instanceof DeviceLostError)) throw e;
    console.warn(`The loss surface moved to the CPU: ${e.message}`);
    forgetGpu();
    return onCpu();
  }
}
