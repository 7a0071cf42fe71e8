/**
 * How many loop iterations one shader invocation runs, and what to do where an
 * implementation caps them. lavapipe (Mesa's llvmpipe, Mesa 22 here) silently ends every
 * loop of an invocation once all its loops together have iterated 65,535 times
 * (LP_MAX_TGSI_LOOP_ITERATIONS, one counter per 8-lane SIMD vector): no error, just less
 * work. The small-batch kernel stays within LOOP_BUDGET everywhere; the batch kernel's
 * threads share a batch out, so only a very large one can reach the cap, and there the
 * device is probed and the run refused rather than summed short.
 */
import { DeviceCapacityError } from '../engine/errors';
import { UNROLL_LIMIT } from './feature-code';
import type { SumsForm } from './shader-source';

/** Loop iterations one invocation may run per dispatch: half the cap, for the shuffle's cycle walks, whose length varies. */
export const LOOP_BUDGET = 2 ** 15;

/** Loop iterations over the features per row, where they are not unrolled (z, then the gradient). */
function featureLoops(d: number): number {
  return d > UNROLL_LIMIT ? 2 * (d + 1) : 0;
}

/**
 * At most how many loop iterations one invocation of small-batch-epochs.wgsl runs per
 * step, counting each loop's final test too.
 */
export function smallBatchLoopsPerStep(batch: number, wg: number, d: number, form: SumsForm): number {
  const features = d > UNROLL_LIMIT ? d + 1 : 0;
  const perRow = 4 + 2 * features; // the shuffle's cycle walk, then z and the gradient
  const rows = (Math.ceil(batch / wg) + 1) * perRow;
  const sums = Math.ceil((d + 2) / wg) + 1; // the sums this thread adds up and steps
  const blocks = Math.ceil((d + 2) / 4); // of four sums
  let reduce: number;
  if (form.perThreadPartials) {
    reduce = sums * (wg + 1) + features;
  } else if (form.subgroupSums) {
    // Per round of blocks (feature-code.ts): a thread's walk over one block's subgroup totals, then its four stores.
    const slots = Math.ceil(wg / form.subgroupMinSize);
    reduce = (blocks + 1) + Math.ceil(blocks / Math.floor(wg / slots)) * (slots + 6) + sums;
  } else {
    reduce = (blocks + 1) * (Math.log2(wg) + 2) + sums;
  }
  // The step loop itself, the weights and accumulators, the rows, the sums, the epoch's checkpoint.
  return 1 + 2 * features + rows + reduce + sums;
}

/** The busiest invocation's loop iterations in one batch of the batch kernel (batch-partials.wgsl) and of the update (apply-update.wgsl). */
export function parallelLoopsPerThread(
  shape: { batch: number; chunkRows: number; threads: number; shuffled: boolean; quads: boolean; d: number; partialCount: number },
): { batchKernel: number; applyKernel: number } {
  const { batch, chunkRows, threads, shuffled, quads, d, partialCount } = shape;
  // Shuffled: each thread walks its share of the whole batch (and keeps the rows of its chunk).
  const rows = shuffled ? Math.ceil(batch / threads) * (4 + featureLoops(d)) : Math.ceil(chunkRows / threads / (quads ? 4 : 1)) * (1 + featureLoops(d));
  return {
    batchKernel: 1 + featureLoops(d) + rows + 2 * (d + 2),
    applyKernel: Math.ceil((d + 2) / 64) * (partialCount + 1),
  };
}

const PROBE_ITERATIONS = 200_000;
const probes = new WeakMap<GPUDevice, Promise<number | null>>();

/** The most loop iterations an invocation runs on `device`, or null where nothing ended a loop of PROBE_ITERATIONS. */
export function loopLimitOf(device: GPUDevice): Promise<number | null> {
  let probe = probes.get(device);
  if (!probe) {
    probe = measureLoopLimit(device);
    probes.set(device, probe);
  }
  return probe;
}

async function measureLoopLimit(device: GPUDevice): Promise<number | null> {
  // The bound comes from a uniform, so no compiler can count the loop in advance.
  const code = `
    @group(0) @binding(0) var<uniform> bound: vec4u;
    @group(0) @binding(1) var<storage, read_write> ran: array<u32>;
    @compute @workgroup_size(1) fn main() {
      var i = 0u;
      loop { if (i >= bound.x) { break; } i += 1u; }
      ran[0] = i;
    }`;
  const pipeline = await device.createComputePipelineAsync({ label: 'loop limit probe', layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const bound = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const ran = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    device.queue.writeBuffer(bound, 0, Uint32Array.of(PROBE_ITERATIONS, 0, 0, 0));
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [bound, ran].map((buffer, binding) => ({ binding, resource: { buffer } })) }));
    pass.dispatchWorkgroups(1);
    pass.end();
    encoder.copyBufferToBuffer(ran, 0, readback, 0, 16);
    device.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const count = new Uint32Array(readback.getMappedRange())[0];
    readback.unmap();
    return count < PROBE_ITERATIONS ? count : null;
  } finally {
    for (const b of [bound, ran, readback]) b.destroy();
  }
}

/**
 * Refuses a batch kernel whose busiest invocation would pass half of the device's loop
 * cap (probed only when LOOP_BUDGET is exceeded, so other runs pay nothing).
 */
export async function checkParallelLoops(
  device: GPUDevice, dataset: { n: number; d: number }, loops: { batchKernel: number; applyKernel: number },
): Promise<void> {
  const most = Math.max(loops.batchKernel, loops.applyKernel);
  if (most <= LOOP_BUDGET) return;
  const limit = await loopLimitOf(device);
  if (limit === null || most <= limit / 2) return;
  const { n, d } = dataset;
  throw new DeviceCapacityError(
    `dataset.n: ${n.toLocaleString('en-US')} samples of ${d} feature${d === 1 ? '' : 's'} are more than this WebGPU implementation ` +
    `trains correctly: it ends every shader loop after ${limit.toLocaleString('en-US')} iterations without an error (Mesa's lavapipe does), ` +
    `and one thread of a batch would run about ${Math.round(most).toLocaleString('en-US')}; choose fewer samples or features, or the CPU backend`);
}
