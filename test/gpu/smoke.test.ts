import { test, expect } from 'vitest';
test('adapter', async () => {
  const adapter = await navigator.gpu.requestAdapter();
  expect(adapter).not.toBeNull();
  console.log(JSON.stringify(adapter!.info), [...adapter!.features].join(','), adapter!.limits.maxStorageBufferBindingSize, adapter!.limits.maxBufferSize, adapter!.limits.maxStorageBuffersPerShaderStage, adapter!.limits.maxComputeWorkgroupStorageSize, navigator.hardwareConcurrency);
});
