/** Picks the backend for a configuration and builds its trainer. */
import { CpuTrainer } from '../cpu/cpu-trainer';
import { acquireGpu } from '../gpu/device';
import { GpuTrainer } from '../gpu/gpu-trainer';
import { chooseBackend } from './choose-backend';
import { ConfigError } from '../engine/errors';
import type { Trainer } from '../engine/trainer';
import type { CheckedConfig } from '../engine/validate';

/** A trainer and why its backend was chosen. */
export async function openTrainer(config: CheckedConfig, signal?: AbortSignal): Promise<{ trainer: Trainer; reason: string }> {
  if (config.backend === 'cpu') return { trainer: await CpuTrainer.create(config, signal), reason: 'the CPU was asked for' };
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') {
    if (config.backend === 'gpu') {
      throw new ConfigError('backend', `backend 'gpu' is not available here: ${gpu}; use 'cpu' or 'auto'`);
    }
    return { trainer: await CpuTrainer.create(config, signal), reason: `no GPU: ${gpu}` };
  }
  if (config.backend === 'gpu') return { trainer: await GpuTrainer.create(config, signal, { gpu }), reason: 'the GPU was asked for' };
  const choice = await chooseBackend(config, gpu, signal);
  const trainer = choice.backend === 'gpu' ? await GpuTrainer.create(config, signal, { gpu }) : await CpuTrainer.create(config, signal);
  return { trainer, reason: choice.reason };
}
