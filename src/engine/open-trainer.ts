/** Picks the backend for a configuration and builds its trainer. */
import { CpuTrainer } from '../cpu/cpu-trainer';
import { acquireGpu } from '../gpu/device';
import { GpuTrainer } from '../gpu/gpu-trainer';
import { ConfigError } from './errors';
import type { Trainer } from './trainer';
import type { CheckedConfig } from './validate';

export async function openTrainer(config: CheckedConfig, signal?: AbortSignal): Promise<Trainer> {
  if (config.backend === 'cpu') return CpuTrainer.create(config, signal);
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') {
    if (config.backend === 'gpu') {
      throw new ConfigError('backend', `backend 'gpu' is not available here: ${gpu}; use 'cpu' or 'auto'`);
    }
    return CpuTrainer.create(config, signal);
  }
  return GpuTrainer.create(gpu, config, signal);
}
