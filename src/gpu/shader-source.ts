/**
 * How the kernels' WGSL is put together: one mechanism, no editing of WGSL text.
 *
 * 1. The kernel files (shaders/*.wgsl) are plain WGSL, read as they are. What varies
 *    is either prepended or given as pipeline constants; nothing inside a file is replaced.
 * 2. Prepended, in order: a header with the `const`s D and WG and the chosen activation
 *    and loss as WGSL functions (activationAndSlope, gradientAndLoss), generated from the
 *    table in src/engine/functions/ by neuron-functions-wgsl.ts; the structs declared once
 *    in layouts.ts; the neuron library (neuron.wgsl); then code that
 *    TypeScript functions emit from typed inputs: the per-feature library (feature-code.ts:
 *    Weights, Sums, addRow, ..., unrolled up to 64 features, where SwiftShader measured it
 *    four times faster), for the small-batch kernel one binding per dataset chunk, and
 *    for the loss surface kernel heldZ (z at the held parameters, unrolled the same way).
 *    The kernel calls those functions and provides the few the library calls back
 *    (weight, rowValue, storeThreadSum, ...; listed in feature-code.ts).
 *    The workgroup sum's two forms (tree or subgroup, see feature-code.ts) differ in that
 *    generated code, not in the kernel files: the entry point takes the builtins as a struct
 *    the library declares. Only the subgroup form puts `enable subgroups;` first in the
 *    module (it must precede every declaration), so no other module needs the feature.
 * 3. Switches that only choose a branch or a value (PER_THREAD_PARTIALS, QUAD_ROWS, APPLY,
 *    CHUNK_ROWS) are WGSL `override` constants, declared in the kernel file that reads
 *    them and set when the pipeline is made (KernelSource.constants). D and WG stay
 *    `const`: D sizes per-thread arrays (WGSL wants those const-sized) and shapes the
 *    generated code; WG sizes workgroup arrays and is chosen together with D.
 *
 * test/gpu/kernel-variants.test.ts builds every variant on the adapter it runs on
 * (Chromium and Node on Dawn, Firefox on wgpu and Naga).
 */
import neuronLibrary from '../../shaders/neuron.wgsl?raw';
import batchPartials from '../../shaders/batch-partials.wgsl?raw';
import applyUpdate from '../../shaders/apply-update.wgsl?raw';
import smallBatchEpochs from '../../shaders/small-batch-epochs.wgsl?raw';
import lossSurface from '../../shaders/loss-surface.wgsl?raw';
import type { Activation, LossKind } from '../engine/types';
import { featureLibrary, unrolls, type WorkgroupSum } from './feature-code';
import { CHUNK, SETTINGS, STATE, SURFACE_GRID, SURFACE_RANGE } from './layouts';
import { neuronFunctionsWgsl } from './neuron-functions-wgsl';

export interface KernelConstants {
  features: number;
  workgroupSize: number;
  activation: Activation;
  loss: LossKind;
}

/** A kernel: its WGSL and the values of its `override` constants. */
export interface KernelSource {
  label: string;
  code: string;
  constants: Record<string, number>;
}

function header(c: KernelConstants, sum: WorkgroupSum = 'tree'): string {
  return [
    // A directive: first in the module, and only where subgroup builtins are used.
    ...(sum !== 'tree' ? ['enable subgroups;'] : []),
    `const D: u32 = ${c.features}u;`,
    `const WG: u32 = ${c.workgroupSize}u;`,
    // The activation and loss as WGSL functions (module scope: order does not matter).
    neuronFunctionsWgsl(c.activation, c.loss),
  ].join('\n');
}

function prelude(c: KernelConstants, sum: WorkgroupSum = 'tree'): string {
  return [header(c, sum), SETTINGS.wgsl, STATE.wgsl, neuronLibrary].join('\n');
}

/** How the kernels sum across a workgroup (see LaunchShape). */
export interface SumsForm {
  /** Each thread writes its own sums instead of a workgroup sum. */
  perThreadPartials: boolean;
  /** The workgroup sum adds within subgroups first (needs the device's 'subgroups' feature); else a tree sum. */
  subgroupSums: boolean;
  /** The device's smallest subgroup (with subgroupSums): sizes the subgroup totals' slots. */
  subgroupMinSize: number;
}

function workgroupSumOf(form: SumsForm): WorkgroupSum {
  return form.subgroupSums ? { subgroupMinSize: form.subgroupMinSize } : 'tree';
}

/** How the batch kernel reads and sums (see LaunchShape). */
export interface BatchKernelForm extends SumsForm {
  /** Full batches read four rows at a time as vec4s (only where the per-feature code is unrolled). */
  quadRows: boolean;
}

/** Whether the batch kernel reads rows as vec4s: asked for, and the per-feature code unrolled. */
export function readsQuadRows(c: KernelConstants, form: BatchKernelForm): boolean {
  return form.quadRows && unrolls(c.features);
}

/** The batch kernel; it binds the rows twice (binding 2 as vec4s), whether or not it reads quads. */
export function batchPartialsSource(c: KernelConstants, form: BatchKernelForm): KernelSource {
  return {
    label: 'batch partials',
    code: [prelude(c, workgroupSumOf(form)), CHUNK.wgsl, featureLibrary(c.features, true, workgroupSumOf(form)), batchPartials].join('\n'),
    constants: { PER_THREAD_PARTIALS: Number(form.perThreadPartials), QUAD_ROWS: Number(readsQuadRows(c, form)) },
  };
}

/** `apply`: step the parameters and the cursor; else store the summed gradient (gradients()). */
export function applyUpdateSource(c: KernelConstants, apply: boolean): KernelSource {
  return {
    label: apply ? 'apply update' : 'gradient total',
    code: [prelude(c), applyUpdate].join('\n'),
    constants: { APPLY: Number(apply) },
  };
}

/**
 * The small-batch kernel's rows over `chunks` storage bindings (group 1), one per chunk of
 * the dataset: RowAt, rowAt(chunk, offset) and rowValue. With several chunks and unrolled
 * features a row is read once, by one switch on its chunk, into RowAt: a switch in every
 * rowValue made SwiftShader's compiler run for over a minute (d = 16 with 4 chunks,
 * d = 64 with 2), after which the GPU process died.
 */
function chunkedRows(chunks: number, features: number): string {
  const bindings = Array.from({ length: chunks }, (_, i) => `@group(1) @binding(${i}) var<storage, read> rows${i}: array<f32>;`);
  const last = chunks - 1;
  if (chunks === 1) {
    return [...bindings,
      'struct RowAt { offset: u32 }',
      'fn rowAt(chunk: u32, offset: u32) -> RowAt { return RowAt(offset); }',
      'fn rowValue(row: RowAt, j: u32) -> f32 { return rows0[row.offset + j]; }'].join('\n');
  }
  if (unrolls(features)) {
    const values = (c: number) => `array<f32, D + 1u>(${Array.from({ length: features + 1 }, (_, j) => `rows${c}[offset + ${j}u]`).join(', ')})`;
    return [...bindings,
      'struct RowAt { values: array<f32, D + 1u> }',
      'fn rowAt(chunk: u32, offset: u32) -> RowAt {',
      '  switch chunk {',
      ...Array.from({ length: last }, (_, c) => `    case ${c}u: { return RowAt(${values(c)}); }`),
      `    default: { return RowAt(${values(last)}); }`,
      '  }',
      '}',
      'fn rowValue(row: RowAt, j: u32) -> f32 { return row.values[j]; }'].join('\n');
  }
  return [...bindings,
    'struct RowAt { chunk: u32, offset: u32 }',
    'fn rowAt(chunk: u32, offset: u32) -> RowAt { return RowAt(chunk, offset); }',
    'fn rowValue(row: RowAt, j: u32) -> f32 {',
    '  let i = row.offset + j;',
    '  switch row.chunk {',
    ...Array.from({ length: last }, (_, c) => `    case ${c}u: { return rows${c}[i]; }`),
    `    default: { return rows${last}[i]; }`,
    '  }',
    '}'].join('\n');
}

/** `chunks` storage bindings of `chunkRows` rows each hold the dataset; `form` as in BatchKernelForm. */
export function smallBatchEpochsSource(c: KernelConstants, chunks: number, chunkRows: number, form: SumsForm): KernelSource {
  const sum = workgroupSumOf(form);
  return {
    label: 'small-batch epochs',
    code: [prelude(c, sum), chunkedRows(chunks, c.features), featureLibrary(c.features, false, sum), smallBatchEpochs].join('\n'),
    constants: { PER_THREAD_PARTIALS: Number(form.perThreadPartials), CHUNK_ROWS: chunkRows },
  };
}

/**
 * heldZ(o): z at the held parameters of the row at offset o, unrolled up to UNROLL_LIMIT
 * features as the training kernels' per-feature code is.
 */
function heldZ(features: number): string {
  const body = unrolls(features)
    ? `return held[D]${Array.from({ length: features }, (_, j) => ` + held[${j}u] * rows[o + ${j}u]`).join('')};`
    : 'var z = held[D];\n  for (var j = 0u; j < D; j++) { z += held[j] * rows[o + j]; }\n  return z;';
  return `fn heldZ(o: u32) -> f32 {\n  ${body}\n}`;
}

/** The loss surface kernel (shaders/loss-surface.wgsl). */
export function lossSurfaceSource(c: KernelConstants): KernelSource {
  return {
    label: 'loss surface',
    code: [header(c), SURFACE_GRID.wgsl, SURFACE_RANGE.wgsl, neuronLibrary, heldZ(c.features), lossSurface].join('\n'),
    constants: {},
  };
}
