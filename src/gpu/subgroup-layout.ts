/**
 * Whether a device fills subgroups in order of local_invocation_index, which the subgroup
 * form of the workgroup sum relies on (each subgroup's total goes to slot index /
 * subgroup_size; see feature-code.ts). WGSL promises no relation between the two, though
 * Vulkan, D3D12 and Metal drivers lay a one-dimensional workgroup out in order; so it is
 * probed once per device and workgroup size, and a device that fails keeps the tree sum.
 * The probe also checks that no subgroup is smaller than the adapter's stated minimum,
 * which sizes the slots.
 */

const PROBE = `
enable subgroups;
override WG: u32;
override MIN_SIZE: u32;
@group(0) @binding(0) var<storage, read_write> outOfOrder: atomic<u32>;
@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) index: u32,
        @builtin(subgroup_invocation_id) lane: u32,
        @builtin(subgroup_size) size: u32) {
  // In order: the subgroup is the block of invocations [index / size * size, + size)
  // (or the whole workgroup, where it is smaller than a subgroup).
  let block = index / size;
  let members = subgroupAdd(1u);
  if (subgroupBroadcastFirst(block) != block || lane != index % size || members != min(size, WG) || size < MIN_SIZE) {
    atomicAdd(&outOfOrder, 1u);
  }
}`;

/** Workgroups per probe: several, as the kernels run many. */
const PROBE_WORKGROUPS = 64;

const probes = new WeakMap<GPUDevice, Map<string, Promise<boolean>>>();

/**
 * Whether `device` (with the 'subgroups' feature) fills subgroups of at least `minSize`
 * in order in workgroups of `workgroupSize`.
 */
export function subgroupsFillInOrder(device: GPUDevice, workgroupSize: number, minSize: number): Promise<boolean> {
  let bySize = probes.get(device);
  if (!bySize) {
    bySize = new Map();
    probes.set(device, bySize);
  }
  const key = `${workgroupSize} ${minSize}`;
  let probe = bySize.get(key);
  if (!probe) {
    probe = measureOrder(device, workgroupSize, minSize).catch((e: Error) => {
      console.warn(`subgroup layout probe failed, using tree sums: ${e.message}`);
      return false;
    });
    bySize.set(key, probe);
  }
  return probe;
}

async function measureOrder(device: GPUDevice, workgroupSize: number, minSize: number): Promise<boolean> {
  const module = device.createShaderModule({ label: 'subgroup layout probe', code: PROBE });
  const pipeline = await device.createComputePipelineAsync({
    label: 'subgroup layout probe', layout: 'auto', compute: { module, entryPoint: 'main', constants: { WG: workgroupSize, MIN_SIZE: minSize } },
  });
  const counter = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: counter } }] }));
    pass.dispatchWorkgroups(PROBE_WORKGROUPS);
    pass.end();
    encoder.copyBufferToBuffer(counter, 0, readback, 0, 16);
    device.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const outOfOrder = new Uint32Array(readback.getMappedRange())[0];
    readback.unmap();
    return outOfOrder === 0;
  } finally {
    for (const b of [counter, readback]) b.destroy();
  }
}
