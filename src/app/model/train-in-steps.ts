/**
 * train() split into calls of a few epochs each, so the parameters are seen often enough
 * to draw a full-batch descent path step by step on the landscape (a call reports its
 * parameters once per group of epochs, and a short run is one group). Each call starts
 * at the epoch and parameters the previous one reached, which the engine guarantees trains
 * exactly as one call would (TrainConfig.startEpoch), so only the drawing changes.
 */
import { DivergenceError, train, type ProgressEvent, type TrainConfig, type TrainOptions, type TrainResult } from '../../index';

/** Parameters seen per run at least: one per epoch up to this many epochs. */
export const PATH_POINTS = 250;

export async function trainInSteps(config: TrainConfig, options: TrainOptions): Promise<TrainResult> {
  const total = config.epochs;
  const perCall = Math.max(1, Math.ceil(total / PATH_POINTS));
  const startEpoch = config.startEpoch ?? 0;
  const losses: number[] = [];
  const notices: string[] = [];
  let init = config.init;
  let result: TrainResult | undefined;
  const start = performance.now();
  while (losses.length < total) {
    const done = losses.length;
    const epochs = Math.min(perCall, total - done);
    // Epochs count over the whole run; the phases before a call's first epoch pass as they are.
    const onProgress = options.onProgress && ((p: ProgressEvent) => options.onProgress!(p.phase === 'training'
      ? { ...p, epoch: done + p.epoch, epochs: total, ms: performance.now() - start } : p));
    try {
      result = await train({ ...config, epochs, init, startEpoch: startEpoch + done }, { ...options, onProgress });
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      // Its epochs count over the whole run already; its losses are this call's.
      throw new DivergenceError(e.epoch, { epoch: e.parametersEpoch, weights: e.weights, bias: e.bias }, [...losses, ...e.losses], config.learningRate);
    }
    losses.push(...result.losses);
    notices.push(...result.notices);
    init = { weights: result.weights, bias: result.bias };
  }
  return { ...result!, losses, notices, ms: performance.now() - start };
}
