/**
 * Every kind of kernel the GPU trainer can build compiles and makes a pipeline on this
 * adapter without a validation error: the shader modules are assembled from prepended
 * generated code and `override` constants (see src/gpu/shader-source.ts), so a variant no
 * training test happens to reach could otherwise break unseen on one implementation.
 *
 * Axes: kernel (batch partials, apply update with and without the step, small-batch
 * epochs over one and over three chunk bindings) x sums (per thread / workgroup tree, with
 * the workgroup size each launch shape gives) x quad rows on/off (batch partials) x feature
 * counts d = 1, 3, 64 (unrolled, 64 the largest) and 65, 1024 (looped) x every valid
 * activation and loss. The full product is about 250 pipelines, minutes on SwiftShader;
 * the activation and loss only pick a branch of gradientAndLoss, independent of the rest,
 * so every structural combination (50) is built once, with the activation/loss pairs
 * taken in turn so each pair meets every kernel and several feature counts, and at d = 3
 * every pair is built with every kernel form.
 */
import { beforeAll, expect, test } from 'vitest';
import { NEURON_PAIRS } from '../../src/engine/functions/losses';
import { acquireGpu, type GpuContext } from '../../src/gpu/device';
import { applyUpdateSource, batchPartialsSource, smallBatchEpochsSource, type KernelConstants, type KernelSource } from '../../src/gpu/shader-source';

let gpu: GpuContext;
beforeAll(async () => {
  const got = await acquireGpu();
  if (typeof got === 'string') throw new Error(`these tests need WebGPU: ${got}`);
  gpu = got;
});

const FEATURES = [1, 3, 64, 65, 1024];
/** Valid pairs only: cross-entropy goes with sigmoid. */
const PAIRS = NEURON_PAIRS.map(([activation, loss]) => ({ activation, loss }));

type Form = { name: string; build: (c: Omit<KernelConstants, 'workgroupSize'>) => KernelSource };

/** Each kernel with each way of summing (per thread with 64 threads, as on software adapters; tree sums with 256, as on hardware). */
const FORMS: Form[] = [true, false].flatMap((perThreadPartials) => {
  const workgroupSize = perThreadPartials ? 64 : 256;
  const sums = perThreadPartials ? 'per-thread sums' : 'tree sums';
  return [
    ...[true, false].map((quadRows) => ({
      name: `batch partials, ${sums}, quad rows ${quadRows ? 'on' : 'off'}`,
      build: (c: Omit<KernelConstants, 'workgroupSize'>) => batchPartialsSource({ ...c, workgroupSize }, { perThreadPartials, quadRows }),
    })),
    ...[1, 3].map((chunks) => ({
      name: `small-batch epochs, ${sums}, ${chunks} chunk${chunks > 1 ? 's' : ''}`,
      build: (c: Omit<KernelConstants, 'workgroupSize'>) => smallBatchEpochsSource({ ...c, workgroupSize }, chunks, 1000, perThreadPartials),
    })),
    {
      name: `apply update (${perThreadPartials ? 'step' : 'gradient only'})`,
      build: (c: Omit<KernelConstants, 'workgroupSize'>) => applyUpdateSource({ ...c, workgroupSize: 64 }, perThreadPartials),
    },
  ];
});

interface Variant { name: string; kernel: KernelSource }

function variants(): Variant[] {
  const list: Variant[] = [];
  let turn = 0;
  for (const form of FORMS) {
    for (const features of FEATURES) {
      const pairs = features === 3 ? PAIRS : [PAIRS[turn++ % PAIRS.length]];
      for (const { activation, loss } of pairs) {
        list.push({ name: `${form.name}, d = ${features}, ${activation} + ${loss}`, kernel: form.build({ features, activation, loss }) });
      }
    }
  }
  return list;
}

/** The compiler's errors and the validation error of making the pipeline, if any. */
async function problems(device: GPUDevice, { label, code, constants }: KernelSource): Promise<string[]> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label, code });
  const pipeline = device.createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint: 'main', constants } })
    .then(() => null, (e: Error) => e.message);
  const found = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
  const refused = await pipeline;
  const error = await device.popErrorScope();
  return [...found, ...(refused ? [refused] : []), ...(error ? [error.message] : [])];
}

test('every kernel variant compiles and makes a pipeline', async () => {
  const all = variants();
  // Covers each value of every axis.
  expect(new Set(all.map((v) => v.name.split(', d = ')[0])).size).toBe(FORMS.length);
  for (const { activation, loss } of PAIRS) expect(all.some((v) => v.name.endsWith(`${activation} + ${loss}`))).toBe(true);
  const failures: string[] = [];
  // Two at a time: the compiler runs on other threads, and a few in flight keep it busy.
  for (let i = 0; i < all.length; i += 2) {
    const batch = all.slice(i, i + 2);
    const found = await Promise.all(batch.map((v) => problems(gpu.device, v.kernel)));
    found.forEach((messages, j) => { if (messages.length > 0) failures.push(`${batch[j].name}: ${messages.join('; ')}`); });
  }
  expect(failures).toEqual([]);
}, 300_000);

test('a kernel that does not build is reported, so the test above can fail', async () => {
  const good = batchPartialsSource({ features: 3, workgroupSize: 64, activation: 'identity', loss: 'mse' }, { perThreadPartials: true, quadRows: true });
  expect(await problems(gpu.device, { ...good, code: `${good.code}\nfn broken() -> f32 { return 1u; }` })).not.toEqual([]);
  // An override left unset is refused when the pipeline is made.
  expect(await problems(gpu.device, { ...good, constants: { QUAD_ROWS: 1 } })).not.toEqual([]);
});
