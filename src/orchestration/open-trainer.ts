/** Picks the backend for a configuration and builds its trainer. */
import { CpuTrainer } from '../cpu/cpu-trainer';
import { acquireGpu } from '../gpu/device';
import { GpuTrainer } from '../gpu/gpu-trainer';
import { chooseBackend } from './choose-backend';
import { ConfigError } from '../engine/errors';
import type { Trainer } from '../engine/trainer';
import type { BackendReason } from '../engine/types';
import type { CheckedConfig } from '../engine/validate';

/** A trainer and why its backend was chosen. */
export async function openTrainer(config: CheckedConfig, signal?: AbortSignal): Promise<{ trainer: Trainer; reason: BackendReason }> {
  if (config.backend === 'cpu') return { trainer: await CpuTrainer.create(config, signal), reason: { kind: 'asked', backend: 'cpu' } };
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') {
    if (config.backend === 'gpu') {
      throw new ConfigError('backend', `backend 'gpu' is not available here: ${gpu}; use 'cpu' or 'auto'`);
    }
    return { trainer: await CpuTrainer.create(config, signal), reason: { kind: 'no-gpu', why: gpu } };
  }
  if (config.backend === 'gpu') return { trainer: await GpuTrainer.create(config, signal, { gpu }), reason: { kind: 'asked', backend: 'gpu' } };
  const choice = await chooseBackend(config, gpu, signal);
  const trainer = choice.chosen === 'gpu' ? await GpuTrainer.create(config, signal, { gpu }) : await CpuTrainer.create(config, signal);
  return { trainer, reason: choice };
}
