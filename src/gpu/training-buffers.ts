/**
 * What a training run keeps on the GPU besides the dataset: the parameters, the cursor
 * (the State struct) and a ring of epoch losses. The kernels update all three themselves,
 * so many steps run with nothing read back between them.
 */
import type { CheckedConfig } from '../engine/validate';
import type { BufferOwner } from './buffer-owner';
import { STATE } from './layouts';

/** Epoch losses kept on the GPU between readbacks; a submission never spans more epochs than half of it. */
export const LOSS_RING = 4096;

/**
 * The parameters buffer holds, in units of D + 1 floats: the parameters, their Kahan
 * compensations, and the parameters after the last whole epoch, which the kernels write
 * as each epoch ends and readbacks report (a checkpoint is never taken mid-epoch).
 */
export const EPOCH_PARAMS_BLOCK = 2;

export interface TrainingBuffers {
  /** Weights then bias (float32), their Kahan compensations, the parameters after the last whole epoch. */
  params: GPUBuffer;
  /** The cursor: a State struct. */
  state: GPUBuffer;
  /** Mean loss of epoch e at index e % LOSS_RING. */
  losses: GPUBuffer;
}

/** The buffers for `config`, holding its initial parameters and its first epoch. */
export function createTrainingBuffers(owner: BufferOwner, config: CheckedConfig): TrainingBuffers {
  const { queue } = owner.device;
  const d = config.dataset.d;
  const params = owner.buffer('parameters', (EPOCH_PARAMS_BLOCK + 1) * (d + 1) * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
  const initial = Float32Array.from([...config.weights, config.bias]);
  queue.writeBuffer(params, 0, initial);
  // The compensations start at 0, as the buffer does.
  queue.writeBuffer(params, EPOCH_PARAMS_BLOCK * (d + 1) * 4, initial);
  const state = owner.buffer('cursor', STATE.bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
  queue.writeBuffer(state, 0, STATE.pack({ epoch: config.startEpoch, batch: 0, epochLoss: 0, remaining: 0, epochLossCompensation: 0 }));
  const losses = owner.buffer('epoch losses', LOSS_RING * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  return { params, state, losses };
}
