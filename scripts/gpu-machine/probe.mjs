// Run by run.sh before the benchmark: does Dawn find a Vulkan adapter? Prints what it
// found (adapter.info, features, the limits the engine sizes by) and exits 1 without one.
//   node probe.mjs <app dir>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { create, globals } = await import(pathToFileURL(join(process.argv[2], 'node_modules/webgpu/index.js')).href);
Object.assign(globalThis, globals);
const gpu = create(['backend=vulkan']);
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) {
  console.log('probe: Dawn found no Vulkan adapter');
  process.exit(1);
}
const { vendor, architecture, device, description } = adapter.info;
console.log(`probe: adapter vendor "${vendor}", architecture "${architecture}", device "${device}", description "${description}"`);
console.log(`probe: features ${[...adapter.features].sort().join(', ')}`);
const limits = ['maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupsPerDimension', 'maxComputeInvocationsPerWorkgroup', 'maxStorageBuffersPerShaderStage'];
console.log(`probe: limits ${limits.map((k) => `${k} ${adapter.limits[k]}`).join(', ')}`);
process.exit(0);
