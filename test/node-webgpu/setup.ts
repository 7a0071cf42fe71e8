/**
 * WebGPU in Node for the 'gpu-node' Vitest project: Dawn (the `webgpu` npm package,
 * dawn.node) outside any browser, the way people use WebGPU in Node. A third path
 * through a WebGPU implementation, beside Chromium's (the 'gpu' project) and Firefox's:
 * the same GPU-against-CPU tests, with Dawn's own validation and no browser in between.
 * How and on which Vulkan driver: src/node/install-webgpu.ts (VK_ICD_FILENAMES set by the
 * caller wins, e.g. to run on a real GPU).
 */
import { installWebGPU } from '../../src/node/install-webgpu';

await installWebGPU();

// Vitest ends each forked test process itself, and checked here it exits cleanly
// (status 0, no hang) without destroying the device first.
