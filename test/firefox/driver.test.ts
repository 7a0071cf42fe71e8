/**
 * Runs only in the Firefox runs (vitest.firefox.config.ts), which put test/gpu on a second
 * WebGPU implementation (wgpu, Naga) over two independent Vulkan drivers, SwiftShader and
 * lavapipe, through puppeteer-core because Playwright's Firefox fails on ESR 153. Here: the
 * adapter really is the Vulkan driver the run is named after. Firefox's adapter.info is
 * empty, so the drivers are told apart by what each offers (measured in Firefox ESR 153):
 * SwiftShader has ETC2 textures and 256 invocations per workgroup, lavapipe shader-f16 and
 * 1024. Without this, a VK_ICD_FILENAMES that did not take would test one driver twice.
 */
import { expect, inject, test } from 'vitest';
import { acquireGpu } from '../../src/gpu/device';
import { loopLimitOf } from '../../src/gpu/loop-budget';

declare module 'vitest' {
  export interface ProvidedContext { vkDriver: string }
}

test('the WebGPU adapter is the Vulkan driver this run names', async () => {
  const adapter = await navigator.gpu.requestAdapter();
  expect(adapter).not.toBeNull();
  const driver = inject('vkDriver');
  const offers = {
    etc2: adapter!.features.has('texture-compression-etc2'),
    f16: adapter!.features.has('shader-f16'),
    invocations: adapter!.limits.maxComputeInvocationsPerWorkgroup,
  };
  const expected = { swiftshader: { etc2: true, f16: false, invocations: 256 }, lavapipe: { etc2: false, f16: true, invocations: 1024 } }[driver];
  expect(expected, `unknown driver ${driver}`).toBeDefined();
  expect(offers).toEqual(expected);
});

test("the engine's loop probe finds lavapipe's cap on shader loops, and none on SwiftShader", async () => {
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') throw new Error(`this test needs WebGPU: ${gpu}`);
  // Mesa's LP_MAX_TGSI_LOOP_ITERATIONS; SwiftShader ran all of the probe's 200,000.
  expect(await loopLimitOf(gpu.device)).toBe({ swiftshader: null, lavapipe: 65_535 }[inject('vkDriver')]);
});
