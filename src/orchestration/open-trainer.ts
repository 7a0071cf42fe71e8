/** Picks the backend for a configuration and builds its trainer. */
import { CpuTrainer } from '../cpu/cpu-trainer';
import { acquireGpu } from '../gpu/device';
import { GpuTrainer } from '../gpu/gpu-trainer';
import { chooseBackend } from './choose-backend';
import { ConfigError } from '../engine/errors';
import type { CreateTrainer, Trainer, TrainerOptions } from '../engine/trainer';
import type { Backend, BackendReason, PhaseProgress } from '../engine/types';
import type { CheckedConfig } from '../engine/validate';

/** Both backends build their trainers with the contract's one signature (the GPU's device an option). */
const CREATE = { cpu: CpuTrainer.create.bind(CpuTrainer), gpu: GpuTrainer.create.bind(GpuTrainer) } satisfies Record<Backend, CreateTrainer>;

/**
 * A trainer and why its backend was chosen. `onPhase` hears the work before training, in
 * order: 'auto' timing both backends, the dataset's rows, the GPU compiling.
 */
export async function openTrainer(config: CheckedConfig, signal?: AbortSignal, onPhase?: (report: PhaseProgress) => void): Promise<{ trainer: Trainer; reason: BackendReason }> {
  const options: TrainerOptions = onPhase ? { onPhase } : {};
  if (config.backend === 'cpu') return { trainer: await CREATE.cpu(config, signal, options), reason: { kind: 'asked', backend: 'cpu' } };
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') {
    if (config.backend === 'gpu') {
      throw new ConfigError('backend', `backend 'gpu' is not available here: ${gpu}; use 'cpu' or 'auto'`);
    }
    return { trainer: await CREATE.cpu(config, signal, options), reason: { kind: 'no-gpu', why: gpu } };
  }
  if (config.backend === 'gpu') return { trainer: await CREATE.gpu(config, signal, { ...options, gpu }), reason: { kind: 'asked', backend: 'gpu' } };
  onPhase?.({ phase: 'calibrating' });
  const choice = await chooseBackend(config, gpu, signal);
  const trainer = choice.chosen === 'gpu' ? await CREATE.gpu(config, signal, { ...options, gpu }) : await CREATE.cpu(config, signal, options);
  return { trainer, reason: choice };
}
