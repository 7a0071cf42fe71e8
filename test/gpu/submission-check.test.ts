/**
 * An implementation that accepts work and silently runs less of it (as Firefox on
 * lavapipe once did: 874 of 2,048 planned steps a submission) must never pass for one
 * that ran it all: the trainer checks after each readback that the cursor moved exactly
 * as far as it submitted, and refuses with a GpuRefusedError otherwise.
 *
 * The shortfall is injected at the API boundary of the real device: dispatches are
 * dropped from the compute passes, which is what such a driver amounts to.
 */
import { afterEach, expect, test } from 'vitest';
import { train, type TrainConfig } from '../../src/index';

const realDispatch = GPUComputePassEncoder.prototype.dispatchWorkgroups;

/** Drops every `period`-th dispatch of every compute pass from now on. */
function dropDispatches(period: number): void {
  let count = 0;
  GPUComputePassEncoder.prototype.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args: Parameters<typeof realDispatch>) {
    if (++count % period === 0) return;
    realDispatch.apply(this, args);
  };
}

afterEach(() => {
  GPUComputePassEncoder.prototype.dispatchWorkgroups = realDispatch;
});

const base: TrainConfig = {
  backend: 'gpu', dataset: { kind: 'linear', n: 12_000, features: 2, seed: 3 }, activation: 'identity', loss: 'mse',
  learningRate: 0.05, epochs: 50, batchSize: 12_000,
};

// Batches of 16 run in the small-batch kernel (many batches per dispatch); batches of
// 5,000 (a short last one of 2,000) and 12,000, beyond that kernel's limit on every
// adapter, take a dispatch of partial sums and one of the update each.
for (const batchSize of [16, 5_000, 12_000]) {
  test(`work dropped by the implementation is refused, not returned short (batch ${batchSize})`, async () => {
    const config = { ...base, batchSize, epochs: batchSize === 16 ? 400 : 50 };
    const whole = await train(config);
    expect(whole.losses).toHaveLength(config.epochs);
    dropDispatches(batchSize === 16 ? 2 : 3);
    await expect(train(config)).rejects.toThrow(/GPU refused the engine's training commands \(a submission of \d+ batches moved the cursor by \d+/);
  });
}
