/**
 * The GPU buffers one trainer creates, and the validation error scopes around its bind
 * groups: everything is destroyed by dispose(), and what an implementation refused is
 * reported once, as a GpuRefusedError, before anything runs.
 */
import { GpuRefusedError } from '../engine/errors';
import { createBuffer, destroyBuffer } from './buffer-registry';

export class BufferOwner {
  readonly device: GPUDevice;
  /** Every buffer created and not released yet. */
  #owned: GPUBuffer[] = [];
  /** Validation error scopes around bind group creation not yet checked. */
  #refusals: Promise<GPUError | null>[] = [];

  constructor(device: GPUDevice) {
    this.device = device;
  }

  /** A buffer of at least `size` bytes, padded to whole 16-byte units. */
  buffer(label: string, size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const buffer = createBuffer(this.device, { label, size: Math.max(16, Math.ceil(size / 16) * 16), usage });
    this.#owned.push(buffer);
    return buffer;
  }

  /** A uniform buffer holding `data`. */
  uniform(label: string, data: ArrayBuffer): GPUBuffer {
    const buffer = this.buffer(label, data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  /**
   * A bind group of `buffers` at bindings 0, 1, ... (a whole buffer, or a range of one),
   * made inside a validation error scope (see throwIfRefused).
   */
  bindGroup(layout: GPUBindGroupLayout, buffers: (GPUBuffer | GPUBufferBinding)[]): GPUBindGroup {
    this.device.pushErrorScope('validation');
    const entries = buffers.map((b, binding) => ({ binding, resource: 'buffer' in b ? b : { buffer: b } }));
    const group = this.device.createBindGroup({ layout, entries });
    this.#refusals.push(this.device.popErrorScope().catch(() => null));
    return group;
  }

  /** Throws a GpuRefusedError naming `what` if a bind group made since the last check was refused. */
  async throwIfRefused(what: string): Promise<void> {
    const error = (await Promise.all(this.#refusals.splice(0))).find((e) => e !== null);
    if (error) throw new GpuRefusedError(what, error.message);
  }

  /** Destroys `buffers` before dispose(). */
  release(...buffers: GPUBuffer[]): void {
    for (const buffer of buffers) destroyBuffer(buffer);
    this.#owned = this.#owned.filter((b) => !buffers.includes(b));
  }

  dispose(): void {
    for (const buffer of this.#owned) destroyBuffer(buffer);
    this.#owned = [];
  }
}
