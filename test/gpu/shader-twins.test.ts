/**
 * The WGSL library (shaders/neuron.wgsl and the neuron functions generated from the
 * tables) against its TypeScript twin, function by function, on the real GPU adapter.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import neuronLibrary from '../../shaders/neuron.wgsl?raw';
import { acquireGpu, type GpuContext } from '../../src/gpu/device';
import { hash32, permutationBits, permuteIndex } from '../../src/engine/random';
import { lossGradientAtZ, sampleLoss } from '../../src/engine/neuron-math';
import { lossFunction, NEURON_PAIRS } from '../../src/engine/functions/losses';
import type { Activation, LossKind } from '../../src/engine/types';
import { neuronFunctionsWgsl } from '../../src/gpu/neuron-functions-wgsl';

let gpu: GpuContext;
beforeAll(async () => {
  const got = await acquireGpu();
  if (typeof got === 'string') throw new Error(`these tests need WebGPU: ${got}`);
  gpu = got;
});

/** Runs `body` (which writes out[i] for i < count) in a kernel and returns `out`. */
async function runKernel(prelude: string, body: string, count: number, input?: Float32Array<ArrayBuffer>): Promise<ArrayBuffer> {
  const device = gpu.device;
  const code = `${prelude}\n${neuronLibrary}
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<storage, read> input: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3u) {
  let i = g.x;
  _ = input[0]; // keeps the binding in the 'auto' layout when the body does not read it
  if (i >= ${count}u) { return; }
  ${body}
}`;
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const out = device.createBuffer({ size: count * 8, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const inp = device.createBuffer({ size: Math.max(16, input?.byteLength ?? 0), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  if (input) device.queue.writeBuffer(inp, 0, input);
  const read = device.createBuffer({ size: count * 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: out } }, { binding: 1, resource: { buffer: inp } }] }));
  pass.dispatchWorkgroups(Math.ceil(count / 64));
  pass.end();
  encoder.copyBufferToBuffer(out, 0, read, 0, count * 8);
  device.queue.submit([encoder.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const result = read.getMappedRange().slice(0);
  read.unmap();
  for (const b of [out, inp, read]) b.destroy();
  return result;
}

/** The generated activation and loss functions a kernel is built with. */
const HEADER = (activation: Activation = 'identity', loss: LossKind = 'mse') => neuronFunctionsWgsl(activation, loss);

test('hash32 is bit-identical', async () => {
  const count = 4096;
  const got = new Uint32Array(await runKernel(HEADER(), 'out[i] = hash32(i * 2654435761u);', count));
  for (let i = 0; i < count; i++) expect(got[i]).toBe(hash32(Math.imul(i, 2654435761) >>> 0));
});

describe('the per-epoch shuffle is bit-identical', () => {
  for (const n of [1, 2, 63, 64, 65, 1000, 4099, 2 ** 20 + 3]) {
    test(`n = ${n}`, async () => {
      const key = hash32(n * 31 + 7);
      const bits = permutationBits(n);
      const count = Math.min(n, 5000);
      const got = new Uint32Array(await runKernel(HEADER(), `out[i] = permuteIndex(i, ${n}u, vec2u(${key}u, hash32(${key}u)), ${bits}u);`, count));
      for (let i = 0; i < count; i++) expect(got[i]).toBe(permuteIndex(i, n, key, bits));
    });
  }
});

// Every valid pair of the tables (src/engine/functions/), so a new activation is tested here without an edit.
describe('dJ/dz and the loss of one sample', () => {
  // z from -3000 to 3000 (including the far tails where exp overflows float32), y from the
  // label range. float32 transcendental functions are accurate to a few ulp (WGSL allows
  // exp and tanh 3 + 2|x| ulp... in absolute terms for large |x|), so the bound is
  // 1e-5 relative plus 1e-6 absolute: 100 ulp, loose for the arithmetic, tight for a wrong formula.
  const zs = [-3000, -90, -20, -8, -2.5, -1, -0.3, 0, 0.2, 0.9, 1.7, 4, 12, 35, 88, 3000];
  for (const [activation, loss] of NEURON_PAIRS) {
    test(`${activation} + ${loss}`, async () => {
      const ys = lossFunction(loss).binaryTargets ? [0, 1, 0.5] : [-2, 0, 1.5];
      const input = new Float32Array(zs.flatMap((z) => ys.flatMap((y) => [z, y])));
      const count = input.length / 2;
      const got = new Float32Array(await runKernel(HEADER(activation, loss),
        'let r = gradientAndLoss(input[2u * i], input[2u * i + 1u]);\n  out[2u * i] = bitcast<u32>(r.x);\n  out[2u * i + 1u] = bitcast<u32>(r.y);', count, input));
      for (let k = 0; k < count; k++) {
        const z = input[2 * k];
        const y = input[2 * k + 1];
        const dz = lossGradientAtZ(loss, activation, z, y);
        const value = sampleLoss(loss, activation, z, y);
        if (!Number.isFinite(value) || Math.abs(value) > 3e38) continue; // mse of a huge identity output overflows float32 by design
        expect(Number.isFinite(got[2 * k]) && Number.isFinite(got[2 * k + 1])).toBe(true);
        expect(Math.abs(got[2 * k] - dz)).toBeLessThanOrEqual(1e-5 * Math.abs(dz) + 1e-6);
        expect(Math.abs(got[2 * k + 1] - value)).toBeLessThanOrEqual(1e-5 * Math.abs(value) + 1e-6);
      }
    });
  }
});
