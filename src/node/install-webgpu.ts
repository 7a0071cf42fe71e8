/**
 * WebGPU in Node: Dawn (the `webgpu` npm package, dawn.node) installed as `navigator.gpu`
 * and the GPU* globals, so the engine, the tests (test/node-webgpu/setup.ts) and the
 * benchmark (bench/node-main.ts) run in Node as they do in a browser. Node-only: the page
 * never imports this.
 *
 * Without VK_ICD_FILENAMES (or VK_DRIVER_FILES) from the caller, Dawn drives SwiftShader's
 * Vulkan driver (shipped with Debian's Chromium), the same software adapter the browser
 * tests get; Dawn refuses Debian's lavapipe (it lacks shaderUniform*ArrayDynamicIndexing).
 * The Vulkan loader reads these variables when Dawn creates its instance, and a worker
 * thread's process.env is its own copy, so call this in the main thread of a process (the
 * tests use forked processes for that).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Installs Dawn as navigator.gpu (once per process) and returns which Vulkan driver file it was pointed at, if any. */
export async function installWebGPU(): Promise<string | undefined> {
  if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  // Imported only now, after the environment above is set.
  const { create, globals } = await import('webgpu');
  // GPUBufferUsage, GPUMapMode, GPUDevice, ... as a browser has them.
  Object.assign(globalThis, globals);
  // Node 20 has no navigator; Node 21+ has one behind a getter on globalThis, so the
  // property goes onto the object either way instead of replacing it.
  if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  const nav = globalThis.navigator as unknown as Record<string, unknown>;
  if (!('gpu' in nav)) Object.defineProperty(nav, 'gpu', { value: create(['backend=vulkan']), configurable: true, writable: true });
  // The GPU trainer sizes software launches by cores (Node 21+ and browsers report them).
  if (typeof nav.hardwareConcurrency !== 'number') Object.defineProperty(nav, 'hardwareConcurrency', { value: availableParallelism(), configurable: true });
  if (typeof nav.userAgent !== 'string') Object.defineProperty(nav, 'userAgent', { value: `Node.js/${process.version}`, configurable: true });
  // dawn.node keeps a process alive while its GPU object is referenced (the package's
  // README, 'Lifetime'): a script that is done calls process.exit.
  return process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES;
}
