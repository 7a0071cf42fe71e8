/**
 * The structs that TypeScript writes and the kernels read (or the kernels write and
 * TypeScript reads back), each declared once here: the WGSL struct text, the byte size,
 * the packing and the readback offsets all come from one field list.
 *
 * A table rather than parsing the WGSL (webgpu-utils' makeShaderDataDefinitions): every
 * field is a 4-byte u32 or f32, so offsets are 4 * index and there is no alignment to
 * compute; the table is a few lines, needs no dependency, and puts the names in the types.
 */

type Scalar = 'u32' | 'f32';

export interface StructLayout<Field extends string> {
  readonly name: string;
  /** Bytes of the struct, padded to a multiple of 16 (uniform and vec4-friendly). */
  readonly bytes: number;
  /** The WGSL declaration, prepended to the kernels. */
  readonly wgsl: string;
  /** Byte offset of `field`. */
  offsetOf(field: Field): number;
  /** The struct's bytes for `values` (padding zeroed). */
  pack(values: Record<Field, number>): ArrayBuffer;
  /** The fields of a struct at `byteOffset` in `bytes`. */
  read(bytes: ArrayBuffer, byteOffset?: number): Record<Field, number>;
}

function structLayout<const Field extends string>(name: string, fields: readonly (readonly [Field, Scalar])[]): StructLayout<Field> {
  const slots = Math.ceil(fields.length / 4) * 4;
  const padding = Array.from({ length: slots - fields.length }, (_, i) => `_pad${i}: u32`);
  const members = [...fields.map(([field, type]) => `${field}: ${type}`), ...padding];
  const index = new Map<Field, number>(fields.map(([field], i) => [field, i]));
  return {
    name,
    bytes: slots * 4,
    wgsl: `struct ${name} {\n${members.map((m) => `  ${m},`).join('\n')}\n}`,
    offsetOf: (field) => 4 * index.get(field)!,
    pack(values) {
      const data = new ArrayBuffer(slots * 4);
      const u = new Uint32Array(data);
      const f = new Float32Array(data);
      fields.forEach(([field, type], i) => { if (type === 'f32') f[i] = values[field]; else u[i] = values[field]; });
      return data;
    },
    read(bytes, byteOffset = 0) {
      const u = new Uint32Array(bytes, byteOffset, fields.length);
      const f = new Float32Array(bytes, byteOffset, fields.length);
      return Object.fromEntries(fields.map(([field, type], i) => [field, type === 'f32' ? f[i] : u[i]])) as Record<Field, number>;
    },
  };
}

/**
 * Fixed for a training run; written once per kernel strategy. batchesPerDispatch is read
 * by the small-batch kernel only; zero is always 0 (see opaqueZero in neuron.wgsl).
 */
export const SETTINGS = structLayout('Settings', [
  ['n', 'u32'], ['batchSize', 'u32'], ['batchesPerEpoch', 'u32'], ['shuffled', 'u32'],
  ['permutationBits', 'u32'], ['shuffleBase', 'u32'], ['learningRate', 'f32'], ['meanReduction', 'u32'],
  ['partialCount', 'u32'], ['ringSize', 'u32'], ['batchesPerDispatch', 'u32'], ['zero', 'u32'],
]);

/**
 * The cursor: epoch and batch to run next, the running sum of this epoch's batch losses
 * (with its Kahan compensation), and how many batches the small-batch kernel may still run.
 */
export const STATE = structLayout('State', [
  ['epoch', 'u32'], ['batch', 'u32'], ['epochLoss', 'f32'], ['remaining', 'u32'], ['epochLossCompensation', 'f32'],
]);

/** One storage binding's share of the dataset, for the batch kernel. */
export const CHUNK = structLayout('Chunk', [
  ['firstRow', 'u32'], ['rowCount', 'u32'], ['partialBase', 'u32'],
]);

/**
 * The loss surface's grid (shaders/loss-surface.wgsl): which parameters the axes vary
 * (index D: the bias), where the axes start and their step, and the opaque zero.
 */
export const SURFACE_GRID = structLayout('SurfaceGrid', [
  ['resolution', 'u32'], ['points', 'u32'], ['xIndex', 'u32'], ['yIndex', 'u32'],
  ['xFrom', 'f32'], ['xStep', 'f32'], ['yFrom', 'f32'], ['yStep', 'f32'], ['zero', 'u32'],
]);

/** The rows of one chunk that one dispatch of the loss surface kernel adds. */
export const SURFACE_RANGE = structLayout('SurfaceRange', [
  ['firstRow', 'u32'], ['rowCount', 'u32'],
]);
