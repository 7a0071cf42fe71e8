/**
 * The gradient and mean loss over the whole dataset at the current parameters: the
 * parallel strategy's two passes over one full batch, with the sum stored instead of
 * stepped, on a cursor of their own so training's is untouched.
 */
import { makeSchedule } from '../engine/schedule';
import { GpuRefusedError } from '../engine/errors';
import { STATE } from './layouts';
import { batchPass, totalPass } from './strategies/parallel';
import type { StrategyContext } from './strategies/strategy';

export async function fullGradient(ctx: StrategyContext): Promise<{ dw: number[]; db: number; loss: number }> {
  const { owner } = ctx;
  const { device } = owner;
  const { n, d } = ctx.config.dataset;
  const bytes = (d + 2) * 4;
  const state = owner.buffer('gradient cursor', STATE.bytes, GPUBufferUsage.STORAGE);
  const out = owner.buffer('gradient', bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const staging = owner.buffer('gradient readback', bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const batch = await batchPass(ctx, makeSchedule(n, n, 0), state);
  try {
    const total = await totalPass(ctx, batch, state, false, out);
    await owner.throwIfRefused('gradient kernels');
    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: 'gradients' });
    const pass = encoder.beginComputePass();
    batch.encode(pass);
    total(pass);
    pass.end();
    encoder.copyBufferToBuffer(out, 0, staging, 0, bytes);
    device.queue.submit([encoder.finish()]);
    const refused = device.popErrorScope().catch(() => null);
    await staging.mapAsync(GPUMapMode.READ);
    const error = await refused;
    if (error) throw new GpuRefusedError('gradient commands', error.message);
    const values = Array.from(new Float32Array(staging.getMappedRange(), 0, d + 2));
    return { dw: values.slice(0, d), db: values[d], loss: values[d + 1] };
  } finally {
    if (staging.mapState === 'mapped') staging.unmap();
    owner.release(state, out, staging, batch.partials, batch.settings);
  }
}
