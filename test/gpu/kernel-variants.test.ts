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
 *
 * The subgroup form of the workgroup sum (the two kernels that reduce, where the device has
 * the 'subgroups' feature: Chromium's SwiftShader has it, with subgroups of 4) is built the
 * same way, and trained against the float64 CPU reference, since its sums depend on how the
 * adapter lays invocations out in subgroups (which src/gpu/subgroup-layout.ts probes; the
 * probe and the trainer's fallback to tree sums are tested too); on an adapter without the
 * feature it is skipped.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { train, type Activation, type LossKind, type TrainConfig } from '../../src/index';
import { setCpuSimd } from '../../src/cpu/worker-pool';
import { lossFunction, NEURON_PAIRS } from '../../src/engine/functions/losses';
import { checkTrainConfig } from '../../src/engine/validate';
import { acquireGpu, type GpuContext } from '../../src/gpu/device';
import { GpuTrainer } from '../../src/gpu/gpu-trainer';
import { launchShapeFor } from '../../src/gpu/launch-shape';
import { subgroupsFillInOrder } from '../../src/gpu/subgroup-layout';
import { applyUpdateSource, batchPartialsSource, smallBatchEpochsSource, type KernelConstants, type KernelSource } from '../../src/gpu/shader-source';
import { expectTrainerMatchesCpu } from './reference';

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
      build: (c: Omit<KernelConstants, 'workgroupSize'>) => batchPartialsSource({ ...c, workgroupSize }, { perThreadPartials, subgroupSums: false, subgroupMinSize: 4, quadRows }),
    })),
    ...[1, 3].map((chunks) => ({
      name: `small-batch epochs, ${sums}, ${chunks} chunk${chunks > 1 ? 's' : ''}`,
      build: (c: Omit<KernelConstants, 'workgroupSize'>) => smallBatchEpochsSource({ ...c, workgroupSize }, chunks, 1000, { perThreadPartials, subgroupSums: false, subgroupMinSize: 4 }),
    })),
    {
      name: `apply update (${perThreadPartials ? 'step' : 'gradient only'})`,
      build: (c: Omit<KernelConstants, 'workgroupSize'>) => applyUpdateSource({ ...c, workgroupSize: 64 }, perThreadPartials),
    },
  ];
});

interface Variant { name: string; kernel: KernelSource }

/**
 * The subgroup form of the kernels that sum across a workgroup, with the hardware shape's
 * workgroup of 256 and this device's smallest subgroup; and with subgroups of 32 or more
 * (fewer slots, rounds of more blocks), built only.
 */
const SUBGROUP_FORMS: Form[] = [
  ...[true, false].map((quadRows) => ({
    name: `batch partials, subgroup sums, quad rows ${quadRows ? 'on' : 'off'}`,
    build: (c: Omit<KernelConstants, 'workgroupSize'>) => batchPartialsSource({ ...c, workgroupSize: 256 },
      { perThreadPartials: false, subgroupSums: true, subgroupMinSize: gpu.subgroupMinSize ?? 4, quadRows }),
  })),
  ...[1, 3].map((chunks) => ({
    name: `small-batch epochs, subgroup sums, ${chunks} chunk${chunks > 1 ? 's' : ''}`,
    build: (c: Omit<KernelConstants, 'workgroupSize'>) => smallBatchEpochsSource({ ...c, workgroupSize: 256 }, chunks, 1000,
      { perThreadPartials: false, subgroupSums: true, subgroupMinSize: gpu.subgroupMinSize ?? 4 }),
  })),
  {
    name: 'batch partials, subgroup sums of 32 or more',
    build: (c: Omit<KernelConstants, 'workgroupSize'>) => batchPartialsSource({ ...c, workgroupSize: 256 },
      { perThreadPartials: false, subgroupSums: true, subgroupMinSize: 32, quadRows: false }),
  },
  {
    name: 'small-batch epochs, subgroup sums of 32 or more',
    build: (c: Omit<KernelConstants, 'workgroupSize'>) => smallBatchEpochsSource({ ...c, workgroupSize: 256 }, 1, 1000,
      { perThreadPartials: false, subgroupSums: true, subgroupMinSize: 32 }),
  },
];

/** Why the subgroup form cannot run here, or null where it can. */
function noSubgroups(): string | null {
  return gpu.device.features.has('subgroups') ? null : `the adapter (${gpu.adapterName}) has no 'subgroups' feature`;
}

function variants(forms: Form[] = FORMS): Variant[] {
  const list: Variant[] = [];
  let turn = 0;
  for (const form of forms) {
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

/** The variants of `all` that do not build, with why. */
async function failuresOf(all: Variant[]): Promise<string[]> {
  const failures: string[] = [];
  // Two at a time: the compiler runs on other threads, and a few in flight keep it busy.
  for (let i = 0; i < all.length; i += 2) {
    const batch = all.slice(i, i + 2);
    const found = await Promise.all(batch.map((v) => problems(gpu.device, v.kernel)));
    found.forEach((messages, j) => { if (messages.length > 0) failures.push(`${batch[j].name}: ${messages.join('; ')}`); });
  }
  return failures;
}

test('every kernel variant compiles and makes a pipeline', async () => {
  const all = variants();
  // Covers each value of every axis.
  expect(new Set(all.map((v) => v.name.split(', d = ')[0])).size).toBe(FORMS.length);
  for (const { activation, loss } of PAIRS) expect(all.some((v) => v.name.endsWith(`${activation} + ${loss}`))).toBe(true);
  // Only a module with subgroup builtins enables the extension, so these build without the feature.
  expect(all.every((v) => !v.kernel.code.includes('enable subgroups'))).toBe(true);
  expect(await failuresOf(all)).toEqual([]);
}, 300_000);

test('the subgroup form of every kernel that sums a workgroup compiles and makes a pipeline', async (context) => {
  const reason = noSubgroups();
  if (reason) context.skip(reason);
  const all = variants(SUBGROUP_FORMS);
  expect(all.every((v) => v.kernel.code.startsWith('enable subgroups;'))).toBe(true);
  expect(await failuresOf(all)).toEqual([]);
}, 300_000);

test('a kernel that does not build is reported, so the test above can fail', async () => {
  const good = batchPartialsSource({ features: 3, workgroupSize: 64, activation: 'identity', loss: 'mse' }, { perThreadPartials: true, subgroupSums: false, subgroupMinSize: 4, quadRows: true });
  expect(await problems(gpu.device, { ...good, code: `${good.code}\nfn broken() -> f32 { return 1u; }` })).not.toEqual([]);
  // An override left unset is refused when the pipeline is made.
  expect(await problems(gpu.device, { ...good, constants: { QUAD_ROWS: 1 } })).not.toEqual([]);
});

test('the probe of the subgroup form\'s assumption: subgroups filled in order of local index', async (context) => {
  const reason = noSubgroups();
  if (reason) context.skip(reason);
  const sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256];
  const inOrder = await Promise.all(sizes.map((wg) => subgroupsFillInOrder(gpu.device, wg, gpu.subgroupMinSize ?? 4)));
  console.log(`${gpu.adapterName}: subgroups ${gpu.subgroupMinSize}+ in order for workgroups of ${sizes.filter((_, i) => inOrder[i]).join(', ')}`);
  // SwiftShader (Chromium's and Dawn's in Node) runs subgroups of 4 in order; elsewhere the
  // probe only decides, and the trainer keeps tree sums where it says no.
  if (/swiftshader/.test(gpu.adapterName)) {
    expect(inOrder).toEqual(sizes.map(() => true));
    // Its subgroups of 4 are smaller than 8, so slots sized for 8 would not hold them.
    expect(await subgroupsFillInOrder(gpu.device, 256, 8)).toBe(false);
  }
});

test('where the probe says no, the trainer keeps tree sums and still gives the CPU\'s answers', async (context) => {
  const reason = noSubgroups();
  if (reason) context.skip(reason);
  // Subgroups of at least 128 claimed: no adapter here runs those, so the probe says no.
  const shape = { ...launchShapeFor(false, 2, 128), subgroupMinSize: 128 };
  expect(shape.subgroupSums).toBe(true);
  expect(await subgroupsFillInOrder(gpu.device, 256, 128)).toBe(false);
  const config: TrainConfig = {
    backend: 'gpu', dataset: { kind: 'linear', n: 3000, features: 8, seed: 8 }, activation: 'tanh', loss: 'mse',
    learningRate: 0.01, epochs: 2, batchSize: 200, init: { seed: 4 }, seed: 6,
  };
  const checked = checkTrainConfig(config);
  const trainer = await GpuTrainer.create(checked, undefined, { gpu, shape });
  try {
    const result = await trainer.run(checked.epochs, () => undefined);
    setCpuSimd(false);
    const cpu = await train({ ...config, backend: 'cpu' }).finally(() => setCpuSimd(true));
    for (let j = 0; j < 8; j++) expect(Math.abs(result.weights[j] - cpu.weights[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.weights[j])));
    expect(Math.abs(result.bias - cpu.bias)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.bias)));
  } finally {
    trainer.dispose();
  }
});

describe('the subgroup form gives the float64 CPU reference\'s answers on this adapter', () => {
  beforeAll(() => setCpuSimd(false));
  afterAll(() => setCpuSimd(true));
  // The hardware shape, forced here with subgroup sums: batches of up to 1024 go to the
  // small-batch kernel, larger ones to the batch kernel's tree-sum shape (no per-thread partials).
  // Each d with the pairs in turn, then d = 3 with any pair not met yet.
  const cases: [number, Activation, LossKind][] = [1, 3, 8, 64, 65].map((d, i) => [d, PAIRS[i % PAIRS.length].activation, PAIRS[i % PAIRS.length].loss]);
  for (const { activation, loss } of PAIRS) {
    if (!cases.some(([, a, l]) => a === activation && l === loss)) cases.push([3, activation, loss]);
  }
  for (const [d, activation, loss] of cases) {
    for (const batchSize of [3000, 200, 1]) {
      test(`d = ${d}, ${activation} + ${loss}, batch ${batchSize}`, async (context) => {
        const reason = noSubgroups() ?? (await subgroupsFillInOrder(gpu.device, 256, gpu.subgroupMinSize ?? 4) ? null : 'the adapter does not fill subgroups in order: the trainer keeps tree sums');
        if (reason) context.skip(reason);
        const shape = launchShapeFor(false, 2, gpu.subgroupMinSize);
        expect(shape.subgroupSums).toBe(true);
        const config: TrainConfig = {
          backend: 'gpu', dataset: { kind: lossFunction(loss).binaryTargets ? 'blobs' : 'linear', n: 3000, features: d, seed: d },
          activation, loss, learningRate: (batchSize === 1 ? 0.01 : 0.1) / d, epochs: 2, batchSize, init: { seed: 4 }, seed: 6,
        };
        const checked = checkTrainConfig(config);
        const trainer = await GpuTrainer.create(checked, undefined, { gpu, shape });
        try {
          expect(trainer.strategy).toBe(batchSize <= shape.smallBatchLimit ? 'small-batch' : 'parallel');
          await expectTrainerMatchesCpu(trainer, config, 1e-7);
        } finally {
          trainer.dispose();
        }
      }, 60_000);
    }
  }
});
