/**
 * Builds WGSL from the shader files: the shared neuron library plus a kernel, with its
 * compile-time constants (feature count, workgroup size, activation, loss) written in so
 * that per-thread arrays have fixed sizes and unused branches compile away.
 */
import neuronLibrary from '../../shaders/neuron.wgsl?raw';
import batchPartials from '../../shaders/batch-partials.wgsl?raw';
import applyUpdate from '../../shaders/apply-update.wgsl?raw';
import smallBatchEpochs from '../../shaders/small-batch-epochs.wgsl?raw';
import trainingState from '../../shaders/training-state.wgsl?raw';
import type { Activation, LossKind } from '../engine/types';
import { fillFeatureBlocks, UNROLL_LIMIT } from './feature-code';
import { neuronFunctionsWgsl } from './neuron-functions-wgsl';

export interface KernelConstants {
  features: number;
  workgroupSize: number;
  activation: Activation;
  loss: LossKind;
}

function header(c: KernelConstants): string {
  return [
    `const D: u32 = ${c.features}u;`,
    `const WG: u32 = ${c.workgroupSize}u;`,
    // The activation and loss as WGSL functions (module scope: order does not matter).
    neuronFunctionsWgsl(c.activation, c.loss),
  ].join('\n');
}

/** How the batch kernel reads and sums (see LaunchShape). */
export interface BatchKernelForm {
  /** Each thread writes its own sums instead of a workgroup tree sum. */
  perThreadPartials: boolean;
  /** Full batches read four rows at a time as vec4s (only where the per-feature code is unrolled). */
  quadRows: boolean;
}

/** Whether the batch kernel reads rows as vec4s too (and so binds the rows a second time). */
export function readsQuadRows(c: KernelConstants, form: BatchKernelForm): boolean {
  return form.quadRows && c.features <= UNROLL_LIMIT;
}

export function batchPartialsSource(c: KernelConstants, form: BatchKernelForm): string {
  const quads = readsQuadRows(c, form);
  return [
    header(c),
    `const PER_THREAD_PARTIALS: bool = ${form.perThreadPartials};`,
    `const QUAD_ROWS: bool = ${quads};`,
    // Without quads, their code goes too: a binding the kernel merely mentions stays in its layout.
    neuronLibrary, trainingState, fillFeatureBlocks(quads ? batchPartials : batchPartials.replace(/\{\{ADD_QUAD [^}]*\}\}/, ''), c.features),
  ].join('\n');
}

export function applyUpdateSource(c: KernelConstants, apply: boolean): string {
  return `${header(c)}\nconst APPLY: bool = ${apply};\n${neuronLibrary}\n${trainingState}\n${applyUpdate}`;
}

/** `chunks` storage bindings of `chunkRows` rows each hold the dataset; `perThreadPartials` as in BatchKernelForm. */
export function smallBatchEpochsSource(c: KernelConstants, chunks: number, chunkRows: number, perThreadPartials: boolean): string {
  const bindings = Array.from({ length: chunks }, (_, i) =>
    `@group(1) @binding(${i}) var<storage, read> rows${i}: array<f32>;`).join('\n');
  const cases = Array.from({ length: chunks - 1 }, (_, i) => `    case ${i}u: { return rows${i}[i]; }`);
  const lookup = chunks === 1
    ? 'return rows0[i];'
    : `switch c {\n${cases.join('\n')}\n    default: { return rows${chunks - 1}[i]; }\n  }`;
  const kernel = fillFeatureBlocks(smallBatchEpochs, c.features)
    .replace('{{ROW_BINDINGS}}', bindings)
    .replace('{{ROW_LOOKUP}}', lookup);
  return `${header(c)}\nconst CHUNK_ROWS: u32 = ${chunkRows}u;\nconst PER_THREAD_PARTIALS: bool = ${perThreadPartials};\n${neuronLibrary}\n${trainingState}\n${kernel}`;
}
