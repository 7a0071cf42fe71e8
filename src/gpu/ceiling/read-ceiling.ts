/**
 * What the adapter itself can do, measured in the benchmark's run (bench/suite.ts) and on
 * demand in the scaling panel: how fast
 * it copies a large buffer, how fast a plain kernel can read one, and what a submission,
 * a readback and a dispatch cost. Training one epoch reads the dataset once, so the copy
 * and the read-only sum are the ceilings an epoch's effective bandwidth is held against.
 */
import sumTemplate from './sum.wgsl?raw';
import touchSource from './touch.wgsl?raw';

export interface ShapeTiming {
  /** E.g. "8 x 64, strided". */
  shape: string;
  gbPerSecond: number;
}

export interface Ceiling {
  /** copyBufferToBuffer of `copyBytes` bytes: bytes read per second (the same number is written), GB/s. */
  copyGbPerSecond: number;
  copyBytes: number;
  /** read-only sum of `reduceBytes` bytes, best launch shape, GB/s. */
  reduceGbPerSecond: number;
  reduceBytes: number;
  reduceShape: string;
  /** Every shape tried. */
  reduceShapes: ShapeTiming[];
  /** How the GPU time was taken: timestamp queries or wall clock around onSubmittedWorkDone. */
  timing: 'timestamp-query' | 'wall-clock';
  /** Microseconds from submit to onSubmittedWorkDone for an empty submission (median). */
  emptySubmitMicros: number;
  /** Microseconds from submit to mapped data for a 16-byte readback (median). */
  readbackMicros: number;
  /** Microseconds per dispatch of an empty one-workgroup kernel, many in one pass. */
  dispatchMicros: number;
  /** Set when a part of the measurement failed. */
  error?: string;
}

export interface CeilingOptions {
  /** Bytes of the buffers copied and summed. */
  bytes: number;
  /** Timed repeats of each measurement; the fastest counts. */
  repeats: number;
  /** Launch shapes of the sum tried: workgroups, threads per workgroup, layout (see sum.wgsl). */
  shapes: { groups: number; size: number; layout: 0 | 1 | 2 | 3 | 4 }[];
}

/**
 * The sum's launch shapes to try: around the engine's own on a software adapter (a few
 * workgroups, one per core or so), wide ones on hardware; `quick` keeps a few.
 */
export function ceilingShapes(software: boolean, quick: boolean): CeilingOptions['shapes'] {
  const shapes = software
    ? [[2, 64], [4, 64], [8, 64], [16, 64], [8, 256], [64, 64]].flatMap(([groups, size]) =>
      ([0, 1, 3, 4] as const).map((layout) => ({ groups, size, layout })))
    : [[256, 256], [1024, 256], [4096, 256], [1024, 64]].flatMap(([groups, size]) =>
      ([0, 3, 4] as const).map((layout) => ({ groups, size, layout })));
  return quick ? shapes.filter((s) => s.groups === (software ? 2 : 1024) && (software || s.size === 256)) : shapes;
}

const LAYOUT_NAMES = ['strided', 'block per workgroup', 'block per thread', 'strided, 4 loads in flight', 'strided runs of 8 vec4s'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times command buffers on one device: by timestamp queries written by empty compute
 * passes right before and after the work when the adapter has them (and they agree with
 * the wall clock), else by the wall clock from submit to onSubmittedWorkDone.
 */
class GpuTimer {
  /** Device timed. */
  #device: GPUDevice;
  /** Two timestamps, or null without the feature. */
  #querySet: GPUQuerySet | null;
  /** Resolved timestamps. */
  #resolved: GPUBuffer | null;
  /** Where the timestamps are read. */
  #readback: GPUBuffer | null;
  /** Whether every timing so far came from timestamps. */
  usedTimestamps = true;

  constructor(device: GPUDevice) {
    this.#device = device;
    const timestamps = device.features.has('timestamp-query');
    this.#querySet = timestamps ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
    this.#resolved = timestamps ? device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC }) : null;
    this.#readback = timestamps ? device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }) : null;
  }

  /** Milliseconds of the work `encode` records. */
  async time(encode: (encoder: GPUCommandEncoder) => void): Promise<number> {
    const encoder = this.#device.createCommandEncoder();
    const querySet = this.#querySet;
    if (querySet) encoder.beginComputePass({ timestampWrites: { querySet, endOfPassWriteIndex: 0 } }).end();
    encode(encoder);
    if (querySet && this.#resolved && this.#readback) {
      encoder.beginComputePass({ timestampWrites: { querySet, beginningOfPassWriteIndex: 1 } }).end();
      encoder.resolveQuerySet(querySet, 0, 2, this.#resolved, 0);
      encoder.copyBufferToBuffer(this.#resolved, 0, this.#readback, 0, 16);
    }
    const start = performance.now();
    this.#device.queue.submit([encoder.finish()]);
    await this.#device.queue.onSubmittedWorkDone();
    const wall = performance.now() - start;
    if (!this.#readback) {
      this.usedTimestamps = false;
      return wall;
    }
    await this.#readback.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigUint64Array(this.#readback.getMappedRange());
    this.#readback.unmap();
    const gpu = Number(end - begin) / 1e6;
    // Timestamps that are zero, or longer than the whole round trip, are not believable.
    if (gpu > 0 && gpu <= wall * 1.05) return gpu;
    this.usedTimestamps = false;
    return wall;
  }

  destroy(): void {
    this.#querySet?.destroy();
    this.#resolved?.destroy();
    this.#readback?.destroy();
  }
}

/** A device of its own on the page's adapter, with large buffers and timestamps when offered. */
async function ceilingDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const features: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  return adapter.requestDevice({
    requiredFeatures: features,
    requiredLimits: {
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX,
    },
  });
}

/** Fills `buffer` with 1.0f in slices, so the sum's answer is known. */
function fillWithOnes(device: GPUDevice, buffer: GPUBuffer): void {
  const slice = new Float32Array(4 * 2 ** 20).fill(1);
  for (let offset = 0; offset < buffer.size; offset += slice.byteLength) {
    const bytes = Math.min(slice.byteLength, buffer.size - offset);
    device.queue.writeBuffer(buffer, offset, slice, 0, bytes / 4);
  }
}

async function measureCopy(device: GPUDevice, timer: GpuTimer, options: CeilingOptions): Promise<number> {
  const usage = GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const source = device.createBuffer({ size: options.bytes, usage });
  const target = device.createBuffer({ size: options.bytes, usage });
  try {
    fillWithOnes(device, source);
    const times: number[] = [];
    // The first copy also touches the target's pages for the first time: a warm-up.
    for (let r = 0; r <= options.repeats; r++) {
      const ms = await timer.time((encoder) => encoder.copyBufferToBuffer(source, 0, target, 0, options.bytes));
      if (r > 0) times.push(ms);
    }
    return options.bytes / (Math.min(...times) * 1e6);
  } finally {
    source.destroy();
    target.destroy();
  }
}

async function measureSum(device: GPUDevice, timer: GpuTimer, options: CeilingOptions): Promise<ShapeTiming[]> {
  const data = device.createBuffer({ size: options.bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  const maxGroups = Math.max(...options.shapes.map((s) => s.groups));
  const partials = device.createBuffer({ size: maxGroups * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: maxGroups * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const count = options.bytes / 16;
  const timings: ShapeTiming[] = [];
  try {
    fillWithOnes(device, data);
    for (const { groups, size, layout } of options.shapes) {
      device.queue.writeBuffer(params, 0, Uint32Array.of(count, layout, 0, 0));
      const module = device.createShaderModule({ code: sumTemplate.replaceAll('WORKGROUP_SIZE', String(size)) });
      const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [data, partials, params].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      const encodeSum = (encoder: GPUCommandEncoder) => {
        const pass = encoder.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(groups);
        pass.end();
      };
      const times: number[] = [];
      for (let r = 0; r <= options.repeats; r++) {
        const ms = await timer.time(encodeSum);
        if (r > 0) times.push(ms);
      }
      // The answer is known (every float is 1): a kernel that skipped reads would show here.
      const encoder = device.createCommandEncoder();
      encoder.copyBufferToBuffer(partials, 0, readback, 0, groups * 4);
      device.queue.submit([encoder.finish()]);
      await readback.mapAsync(GPUMapMode.READ);
      const total = new Float32Array(readback.getMappedRange(), 0, groups).reduce((a, b) => a + b, 0);
      readback.unmap();
      if (total !== count * 4) throw new Error(`the sum kernel (${groups} x ${size}) read ${total} ones, not ${count * 4}`);
      timings.push({ shape: `${groups} x ${size}, ${LAYOUT_NAMES[layout]}`, gbPerSecond: options.bytes / (Math.min(...times) * 1e6) });
    }
  } finally {
    for (const b of [data, partials, readback, params]) b.destroy();
  }
  return timings;
}

/** Round trips and per-dispatch cost, in microseconds (medians of 20). */
async function measureOverheads(device: GPUDevice): Promise<{ emptySubmitMicros: number; readbackMicros: number; dispatchMicros: number }> {
  const empty: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    device.queue.submit([device.createCommandEncoder().finish()]);
    await device.queue.onSubmittedWorkDone();
    empty.push((performance.now() - start) * 1000);
  }
  const counter = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const reads: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const encoder = device.createCommandEncoder();
      encoder.copyBufferToBuffer(counter, 0, readback, 0, 16);
      device.queue.submit([encoder.finish()]);
      await readback.mapAsync(GPUMapMode.READ);
      readback.unmap();
      reads.push((performance.now() - start) * 1000);
    }
    const module = device.createShaderModule({ code: touchSource });
    const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: counter } }] });
    const dispatches = 2000;
    const perDispatch: number[] = [];
    for (let r = 0; r < 4; r++) {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      for (let i = 0; i < dispatches; i++) pass.dispatchWorkgroups(1);
      pass.end();
      const start = performance.now();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      if (r > 0) perDispatch.push(((performance.now() - start) * 1000) / dispatches);
    }
    return { emptySubmitMicros: median(empty), readbackMicros: median(reads), dispatchMicros: median(perDispatch) };
  } finally {
    counter.destroy();
    readback.destroy();
  }
}

/** The adapter's copy and read ceilings and its overheads. */
export async function measureCeiling(adapter: GPUAdapter, options: CeilingOptions): Promise<Ceiling> {
  const device = await ceilingDevice(adapter);
  const bytes = Math.min(options.bytes, Math.floor(device.limits.maxStorageBufferBindingSize / 16) * 16, device.limits.maxBufferSize);
  const sized = { ...options, bytes };
  const timer = new GpuTimer(device);
  try {
    const copyGbPerSecond = await measureCopy(device, timer, sized);
    const reduceShapes = await measureSum(device, timer, sized);
    const best = reduceShapes.reduce((a, b) => (b.gbPerSecond > a.gbPerSecond ? b : a));
    const overheads = await measureOverheads(device);
    return {
      copyGbPerSecond, copyBytes: bytes,
      reduceGbPerSecond: best.gbPerSecond, reduceBytes: bytes, reduceShape: best.shape, reduceShapes,
      timing: timer.usedTimestamps ? 'timestamp-query' : 'wall-clock',
      ...overheads,
    };
  } finally {
    timer.destroy();
    device.destroy();
  }
}
