/**
 * WebGPU in Node for the 'gpu-node' Vitest project: Dawn (the `webgpu` npm package,
 * dawn.node) outside any browser, the way people use WebGPU in Node. A third path
 * through a WebGPU implementation, beside Chromium's (the 'gpu' project) and Firefox's:
 * the same GPU-against-CPU tests, with Dawn's own validation and no browser in between.
 *
 * Dawn here drives SwiftShader's Vulkan driver (shipped with Debian's Chromium), the same
 * software adapter the browser tests get; Dawn refuses Debian's lavapipe (it lacks
 * shaderUniform*ArrayDynamicIndexing). VK_ICD_FILENAMES set by the caller wins, e.g. to
 * run on a real GPU.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
// The Vulkan loader reads this when Dawn creates its instance, so it is set before the
// module is even loaded (a static import would be hoisted above this line).
if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
const { create, globals } = await import('webgpu');

// GPUBufferUsage, GPUMapMode, GPUDevice, ... as a browser has them.
Object.assign(globalThis, globals);
const gpu = create(['backend=vulkan']);
// Node 20 has no navigator; Node 21+ has one behind a getter on globalThis, so the
// property goes onto the object either way instead of replacing it.
if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
const nav = globalThis.navigator as unknown as Record<string, unknown>;
Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, writable: true });
// The GPU trainer sizes software launches by cores (Node 21+ and browsers report them).
if (typeof nav.hardwareConcurrency !== 'number') Object.defineProperty(nav, 'hardwareConcurrency', { value: availableParallelism(), configurable: true });

// dawn.node keeps a process alive while its GPU object is referenced (the package's README,
// 'Lifetime'); Vitest ends each forked test process itself, and checked here it exits
// cleanly (status 0, no hang) without destroying the device first.
