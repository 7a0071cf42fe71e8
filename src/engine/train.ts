/** The public entry points: train() and gradients(), on whichever backend is asked for. */
import { openTrainer } from './open-trainer';
import type { GradientResult, TrainConfig, TrainOptions, TrainResult } from './types';
import { checkTrainConfig } from './validate';
import { throwIfAborted } from './yield';

/**
 * Trains the neuron. `ms` counts training only, not generating and uploading the dataset.
 * Rejects with a ConfigError naming the field when the configuration is not allowed.
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  const checked = checkTrainConfig(config);
  const { onProgress, signal } = options;
  throwIfAborted(signal);
  const trainer = await openTrainer(checked, signal);
  try {
    const start = performance.now();
    const result = await trainer.run(checked.epochs, (r) => {
      onProgress?.({
        epoch: r.epoch, epochs: checked.epochs, losses: r.losses, weights: r.weights, bias: r.bias,
        backend: trainer.backend, ms: performance.now() - start,
      });
    }, signal);
    return {
      weights: result.weights,
      bias: result.bias,
      losses: result.losses,
      backend: trainer.backend,
      ...(trainer.adapter ? { adapter: trainer.adapter } : {}),
      ms: performance.now() - start,
    };
  } finally {
    trainer.dispose();
  }
}

/** Gradient of the loss (with the configured reduction) at the initial parameters, over the whole dataset. */
export async function gradients(config: TrainConfig): Promise<GradientResult> {
  const checked = checkTrainConfig(config);
  const trainer = await openTrainer(checked);
  try {
    return { ...(await trainer.gradients()), backend: trainer.backend };
  } finally {
    trainer.dispose();
  }
}
