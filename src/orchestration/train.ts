/** The public entry points: train() and gradients(), on whichever backend is asked for. */
import { CpuTrainer } from '../cpu/cpu-trainer';
import { forgetGpu } from '../gpu/device';
import { openTrainer } from './open-trainer';
import type { Trainer } from '../engine/trainer';
import { describeBackendReason } from '../engine/backend-reason';
import type { BackendReason, GradientOptions, GradientResult, TrainConfig, TrainOptions, TrainResult } from '../engine/types';
import { DeviceLostError, DivergenceError, isAbortError } from '../engine/errors';
import { checkTrainConfig, checkTrainOptions, type CheckedConfig } from '../engine/validate';
import { throwIfAborted } from '../engine/yield';

/**
 * Trains the neuron. `ms` counts training only, not generating and uploading the dataset.
 * Rejects with a ConfigError naming the field when the configuration is not allowed, and
 * with a DivergenceError (carrying the last finite parameters) when training blows up.
 * If the GPU is lost on the way, training goes on from the last parameters read back, on
 * a new device or else on the CPU, and the person is told through `onNotice`.
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  const checked = checkTrainConfig(config);
  const { onProgress, onNotice, signal } = checkTrainOptions(options);
  throwIfAborted(signal);
  const notices: string[] = [];
  const losses: number[] = [];
  // Only the first trainer reports its phases: after a failover they would come after epochs.
  let { trainer, reason } = await openTrainer(checked, signal, onProgress);
  const start = performance.now();
  try {
    for (;;) {
      const startEpoch = trainer.checkpoint.epoch;
      try {
        const current = trainer;
        const result = await current.run(checked.epochs - (startEpoch - checked.startEpoch), (r) => {
          losses.push(...r.losses);
          onProgress?.({
            phase: 'training', epoch: r.epoch - checked.startEpoch, epochs: checked.epochs, losses: r.losses,
            weights: r.weights, bias: r.bias, backend: current.backend, backendReason: reason,
            ...(current.adapter ? { adapter: current.adapter } : {}),
            ...(current.cpuKernel ? { cpuKernel: current.cpuKernel } : {}),
            ms: performance.now() - start,
          });
        }, signal);
        return {
          weights: result.weights, bias: result.bias, losses, backend: trainer.backend, backendReason: reason,
          ...(trainer.adapter ? { adapter: trainer.adapter } : {}),
          ...(trainer.cpuKernel ? { cpuKernel: trainer.cpuKernel } : {}),
          ms: performance.now() - start, notices,
        };
      } catch (e) {
        if (e instanceof DivergenceError && startEpoch > checked.startEpoch) {
          // Diverged on a device that took over: keep the losses from before the hand-over.
          throw new DivergenceError(e.epoch, { epoch: e.parametersEpoch, weights: e.weights, bias: e.bias },
            [...losses.slice(0, startEpoch - checked.startEpoch), ...e.losses], checked.learningRate);
        }
        if (!(e instanceof DeviceLostError)) throw e;
        trainer.dispose();
        // Epochs after the checkpoint were lost with the device and run again.
        losses.length = e.checkpoint.epoch - checked.startEpoch;
        trainer = await reopenAfterLoss(checked, e, signal);
        const failover: BackendReason = {
          kind: 'failover', lost: e.reason, epoch: e.checkpoint.epoch, to: trainer.backend,
          ...(trainer.adapter ? { adapter: trainer.adapter } : {}),
        };
        reason = failover;
        const message = describeBackendReason(failover);
        notices.push(message);
        console.warn(message);
        onNotice?.(message);
      }
    }
  } finally {
    trainer.dispose();
  }
}

/** A trainer that starts where the lost one's checkpoint left off: on a new GPU device, else the CPU. */
async function reopenAfterLoss(config: CheckedConfig, lost: DeviceLostError, signal?: AbortSignal): Promise<Trainer> {
  forgetGpu();
  const { epoch, weights, bias } = lost.checkpoint;
  const resumed: CheckedConfig = {
    ...config, weights, bias, startEpoch: epoch, epochs: config.epochs - (epoch - config.startEpoch),
  };
  try {
    return (await openTrainer(resumed, signal)).trainer;
  } catch (e) {
    if (isAbortError(e)) throw e;
    return CpuTrainer.create(resumed, signal);
  }
}

/**
 * Gradient of the loss (with the configured reduction) at the initial parameters, over the
 * whole dataset. `onProgress` hears the phases of making the trainer, as train()'s does.
 */
export async function gradients(config: TrainConfig, options: GradientOptions = {}): Promise<GradientResult> {
  const checked = checkTrainConfig(config);
  const { onProgress, signal } = checkTrainOptions<GradientOptions>(options, ['onProgress']);
  throwIfAborted(signal);
  const { trainer } = await openTrainer(checked, signal, onProgress);
  try {
    return { ...(await trainer.gradients()), backend: trainer.backend };
  } finally {
    trainer.dispose();
  }
}
