/**
 * The parallel strategy: each batch is spread over many workgroups per data chunk, which
 * write partial sums (batch-partials.wgsl); one more dispatch adds them up and steps the
 * parameters and the cursor (apply-update.wgsl). The same two passes, without the step,
 * give gradients().
 */
import type { BatchSchedule } from '../../engine/schedule';
import { CHUNK } from '../layouts';
import { checkParallelLoops, parallelLoopsPerThread } from '../loop-budget';
import { computePipeline } from '../pipeline-cache';
import { applyUpdateSource, batchPartialsSource, readsQuadRows } from '../shader-source';
import { settingsBuffer, shapeForWorkgroup, workgroupFitting, type KernelStrategy, type StrategyContext } from './strategy';

/** Threads of the kernel that adds up the partials. */
const TOTAL_WORKGROUP_SIZE = 64;

export interface BatchPass {
  /** The Settings uniform both passes read. */
  settings: GPUBuffer;
  /** Partial sums, D + 2 per workgroup (per thread with per-thread partials). */
  partials: GPUBuffer;
  /** Records the partial sums of the batch at the cursor in `state`. */
  encode(pass: GPUComputePassEncoder): void;
}

/** The batch kernel for batches of `schedule` at the cursor in `state`; refuses one that would pass the loop cap. */
export async function batchPass(ctx: StrategyContext, schedule: BatchSchedule, state: GPUBuffer): Promise<BatchPass> {
  const { owner, config, rows } = ctx;
  const { n, d } = config.dataset;
  const device = owner.device;
  const workgroupSize = workgroupFitting(device, ctx.shape.workgroupSize, 0);
  const shape = await shapeForWorkgroup(ctx, workgroupSize);
  const groups = Math.max(1, Math.min(shape.maxWorkgroups, Math.ceil(Math.min(schedule.batchSize, n) / workgroupSize)));
  const partialCount = groups * rows.buffers.length * (shape.perThreadPartials ? workgroupSize : 1);
  const partials = owner.buffer('partial sums', partialCount * (d + 2) * 4, GPUBufferUsage.STORAGE);
  const kernel = { ...ctx.kernel, workgroupSize };
  await checkParallelLoops(device, config.dataset, parallelLoopsPerThread({
    batch: Math.min(schedule.batchSize, n), chunkRows: rows.chunkRows, threads: groups * workgroupSize,
    shuffled: schedule.shuffled, quads: readsQuadRows(kernel, shape), d, partialCount,
  }));
  const settings = settingsBuffer(ctx, schedule, partialCount, 1);
  const pipeline = await computePipeline(device, batchPartialsSource(kernel, shape));
  const common = owner.bindGroup(pipeline.getBindGroupLayout(0), [settings, ctx.buffers.params, state, partials]);
  const perChunk = rows.buffers.map((chunkRows, c) => {
    const firstRow = c * rows.chunkRows;
    const chunk = owner.uniform(`chunk ${c}`, CHUNK.pack({ firstRow, rowCount: Math.min(rows.chunkRows, n - firstRow), partialBase: c * groups }));
    // Binding 2 is the same rows as vec4s.
    return owner.bindGroup(pipeline.getBindGroupLayout(1), [chunk, chunkRows, chunkRows]);
  });
  return {
    settings,
    partials,
    encode(pass) {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, common);
      for (const group of perChunk) {
        pass.setBindGroup(1, group);
        pass.dispatchWorkgroups(groups);
      }
    },
  };
}

/** Sums a batch's partials; `apply` steps the parameters and the cursor, else writes the gradient to `out`. */
export async function totalPass(ctx: StrategyContext, batch: BatchPass, state: GPUBuffer, apply: boolean, out: GPUBuffer) {
  const { owner, buffers } = ctx;
  const pipeline = await computePipeline(owner.device, applyUpdateSource({ ...ctx.kernel, workgroupSize: TOTAL_WORKGROUP_SIZE }, apply));
  const group = owner.bindGroup(pipeline.getBindGroupLayout(0), [batch.settings, buffers.params, state, batch.partials, buffers.losses, out]);
  return (pass: GPUComputePassEncoder) => {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(1);
  };
}

export async function parallelStrategy(ctx: StrategyContext): Promise<KernelStrategy> {
  const { state } = ctx.buffers;
  const batch = await batchPass(ctx, ctx.schedule, state);
  const unused = ctx.owner.buffer('unused gradient output', 16, GPUBufferUsage.STORAGE);
  const apply = await totalPass(ctx, batch, state, true, unused);
  return {
    name: 'parallel',
    batchesPerDispatch: 1,
    beforeSubmit: () => undefined,
    encode(pass, count) {
      for (let i = 0; i < count; i++) {
        batch.encode(pass);
        apply(pass);
      }
    },
    unrun: () => 0,
  };
}
