/** Picks the backend for a configuration and builds its trainer. */
import { CpuTrainer } from '../cpu/cpu-trainer';
import { acquireGpu } from '../gpu/device';
import { GpuTrainer } from '../gpu/gpu-trainer';
import { chooseBackend } from './choose-backend';
import { ConfigError } from '../engine/errors';
import type { CreateTrainer, Trainer } from '../engine/trainer';
import type { Backend, BackendReason } from '../engine/types';
import type { CheckedConfig } from '../engine/validate';

/** Both backends build their trainers with the contract's one signature (the GPU's device an option). */
const CREATE = { cpu: CpuTrainer.create.bind(CpuTrainer), gpu: GpuTrainer.create.bind(GpuTrainer) } satisfies Record<Backend, CreateTrainer>;

/** A trainer and why its backend was chosen. */
export async function openTrainer(config: CheckedConfig, signal?: AbortSignal): Promise<{ trainer: Trainer; reason: BackendReason }> {
  if (config.backend === 'cpu') return { trainer: await CREATE.cpu(config, signal), reason: { kind: 'asked', backend: 'cpu' } };
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') {
    if (config.backend === 'gpu') {
      throw new ConfigError('backend', `backend 'gpu' is not available here: ${gpu}; use 'cpu' or 'auto'`);
    }
    return { trainer: await CREATE.cpu(config, signal), reason: { kind: 'no-gpu', why: gpu } };
  }
  if (config.backend === 'gpu') return { trainer: await CREATE.gpu(config, signal, { gpu }), reason: { kind: 'asked', backend: 'gpu' } };
  const choice = await chooseBackend(config, gpu, signal);
  const trainer = choice.chosen === 'gpu' ? await CREATE.gpu(config, signal, { gpu }) : await CREATE.cpu(config, signal);
  return { trainer, reason: choice };
}
