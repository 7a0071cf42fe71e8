/**
 * How batches are run on the GPU: one interface, two strategies. The small-batch one
 * (small-batch.ts) walks many small batches in one workgroup per dispatch; the parallel
 * one (parallel.ts) spreads each batch over many workgroups, then applies the update.
 */
import type { BatchSchedule } from '../../engine/schedule';
import type { CheckedConfig } from '../../engine/validate';
import type { BufferOwner } from '../buffer-owner';
import type { GpuRows } from '../dataset-upload';
import { SETTINGS } from '../layouts';
import type { LaunchShape } from '../launch-shape';
import type { KernelConstants } from '../shader-source';
import { subgroupsFillInOrder } from '../subgroup-layout';
import { LOSS_RING, type TrainingBuffers } from '../training-buffers';

export type StrategyName = 'small-batch' | 'parallel';

export interface KernelStrategy {
  readonly name: StrategyName;
  /** Batch granularity of a submission (the small-batch kernel runs whole dispatches). */
  readonly batchesPerDispatch: number;
  /** Queue writes a submission of `count` batches needs before its commands. */
  beforeSubmit(count: number): void;
  /** Records `count` batches of training into `pass`. */
  encode(pass: GPUComputePassEncoder, count: number): void;
  /** Batches a submission left unrun, from the cursor read back (the small-batch kernel counts them down). */
  unrun(remaining: number): number;
}

/** What a strategy builds on. */
export interface StrategyContext {
  owner: BufferOwner;
  config: CheckedConfig;
  schedule: BatchSchedule;
  rows: GpuRows;
  shape: LaunchShape;
  buffers: TrainingBuffers;
  /** The kernels' constants, less the workgroup size each strategy chooses. */
  kernel: Omit<KernelConstants, 'workgroupSize'>;
}

function largestPowerOfTwoAtMost(x: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, x)));
}

/**
 * Largest workgroup (up to `wanted`) whose workgroup memory fits: a vec4 per thread for
 * the tree sum plus `fixedFloats` floats of the kernel's own arrays.
 */
export function workgroupFitting(device: GPUDevice, wanted: number, fixedFloats: number): number {
  const limit = device.limits.maxComputeWorkgroupStorageSize;
  return Math.max(1, Math.min(wanted, largestPowerOfTwoAtMost((limit - 4 * fixedFloats - 64) / 16)));
}

/**
 * The shape for a kernel of `workgroupSize` threads: its subgroup sums only where the device
 * fills subgroups in order for that size (probed once, see subgroup-layout.ts), else tree sums.
 */
export async function shapeForWorkgroup(ctx: StrategyContext, workgroupSize: number): Promise<LaunchShape> {
  const { shape } = ctx;
  if (!shape.subgroupSums || shape.perThreadPartials) return shape;
  return await subgroupsFillInOrder(ctx.owner.device, workgroupSize, shape.subgroupMinSize) ? shape : { ...shape, subgroupSums: false };
}

/** The Settings uniform for batches of `schedule`. */
export function settingsBuffer(ctx: StrategyContext, schedule: BatchSchedule, partialCount: number, batchesPerDispatch: number): GPUBuffer {
  return ctx.owner.uniform('settings', SETTINGS.pack({
    n: schedule.n,
    batchSize: schedule.batchSize,
    batchesPerEpoch: schedule.batchesPerEpoch,
    shuffled: schedule.shuffled ? 1 : 0,
    permutationBits: schedule.permutationBits,
    shuffleBase: schedule.shuffleBase,
    learningRate: ctx.config.learningRate,
    meanReduction: ctx.config.reduction === 'mean' ? 1 : 0,
    partialCount,
    ringSize: LOSS_RING,
    batchesPerDispatch,
    zero: 0, // hides the Kahan identity from optimizers (see opaqueZero in neuron.wgsl)
  }));
}
