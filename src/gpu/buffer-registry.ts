/**
 * Every GPU buffer the engine creates goes through here, so the number alive can be
 * counted: a hundred training runs must leave it where it started.
 */
const live = new Set<GPUBuffer>();

export function createBuffer(device: GPUDevice, descriptor: GPUBufferDescriptor): GPUBuffer {
  const buffer = device.createBuffer(descriptor);
  live.add(buffer);
  return buffer;
}

export function destroyBuffer(buffer: GPUBuffer): void {
  live.delete(buffer);
  buffer.destroy();
}

/** GPU buffers created by the engine and not destroyed yet. */
export function liveGpuBuffers(): number {
  return live.size;
}
