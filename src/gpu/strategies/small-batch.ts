/**
 * The small-batch strategy: one workgroup keeps the parameters in workgroup memory and
 * walks through many batches per dispatch (small-batch-epochs.wgsl). Chosen where batches
 * are too small to fill the GPU, so a dispatch per step would cost far more than the step.
 */
import { LOOP_BUDGET, smallBatchLoopsPerStep } from '../loop-budget';
import { STATE } from '../layouts';
import { computePipeline } from '../pipeline-cache';
import { smallBatchEpochsSource } from '../shader-source';
import { LOSS_RING } from '../training-buffers';
import { settingsBuffer, shapeForWorkgroup, workgroupFitting, type KernelStrategy, type StrategyContext } from './strategy';

/** Work of one small-batch dispatch, in row values read, bounded so no dispatch runs long. */
const SMALL_DISPATCH_VALUES = 2 ** 20;

/** Threads of the small-batch kernel: parameters, their compensations and the batch totals live in workgroup memory. */
function smallWorkgroupSize(ctx: StrategyContext): number {
  const { config, shape } = ctx;
  const wanted = Math.min(shape.smallWorkgroupSize, 2 ** Math.ceil(Math.log2(config.batchSize)));
  return workgroupFitting(ctx.owner.device, wanted, 3 * (config.dataset.d + 2));
}

/**
 * Whether the small-batch kernel serves: a small enough batch, the dataset's chunks fit
 * beside its other storage bindings, and one step stays within LOOP_BUDGET (else the
 * parallel kernel, whose threads share a batch out).
 */
export function smallBatchServes(ctx: StrategyContext): boolean {
  const { config, shape, rows } = ctx;
  const bindingsLeft = ctx.owner.device.limits.maxStorageBuffersPerShaderStage - 3;
  const oneStep = smallBatchLoopsPerStep(config.batchSize, smallWorkgroupSize(ctx), config.dataset.d, shape);
  return config.batchSize <= shape.smallBatchLimit && rows.buffers.length <= bindingsLeft && oneStep <= LOOP_BUDGET;
}

export async function smallBatchStrategy(ctx: StrategyContext): Promise<KernelStrategy> {
  const { owner, config, rows, buffers } = ctx;
  const { d } = config.dataset;
  const batch = config.batchSize;
  const workgroupSize = smallWorkgroupSize(ctx);
  const shape = await shapeForWorkgroup(ctx, workgroupSize);
  // Bounded by the work per dispatch and by the loss ring: a dispatch (and so a
  // submission) must not span more epochs than the ring holds between readbacks.
  const ringBatches = (LOSS_RING / 2) * ctx.schedule.batchesPerEpoch;
  const loopsPerStep = smallBatchLoopsPerStep(batch, workgroupSize, d, shape);
  const batchesPerDispatch = Math.max(1, Math.min(65536, ringBatches, Math.floor(SMALL_DISPATCH_VALUES / (batch * (d + 1) + 64)),
    Math.floor(LOOP_BUDGET / loopsPerStep)));
  const settings = settingsBuffer(ctx, ctx.schedule, 0, batchesPerDispatch);
  const pipeline = await computePipeline(owner.device,
    smallBatchEpochsSource({ ...ctx.kernel, workgroupSize }, rows.buffers.length, rows.chunkRows, shape));
  // Read only with per-thread partials; the hardware kernel merely declares it.
  const threadSums = owner.buffer('thread sums', shape.perThreadPartials ? workgroupSize * (d + 2) * 4 : 16, GPUBufferUsage.STORAGE);
  const common = owner.bindGroup(pipeline.getBindGroupLayout(0), [settings, buffers.params, buffers.state, buffers.losses, threadSums]);
  const data = owner.bindGroup(pipeline.getBindGroupLayout(1), rows.buffers);
  return {
    name: 'small-batch',
    batchesPerDispatch,
    // The kernel runs at most `remaining` batches and counts them down, so the readback shows any it skipped.
    beforeSubmit: (count) => owner.device.queue.writeBuffer(buffers.state, STATE.offsetOf('remaining'), Uint32Array.of(count)),
    encode(pass, count) {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, common);
      pass.setBindGroup(1, data);
      for (let done = 0; done < count; done += batchesPerDispatch) pass.dispatchWorkgroups(1);
    },
    unrun: (remaining) => remaining,
  };
}
