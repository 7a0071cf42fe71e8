/**
 * Compiled kernels, kept per device and keyed by their source and constants: compiling a
 * kernel costs about 150 ms on SwiftShader, and the page starts a new trainer on every play.
 */
import type { KernelSource } from './shader-source';

const cache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

async function compile(device: GPUDevice, kernel: KernelSource): Promise<GPUComputePipeline> {
  const { label, code, constants } = kernel;
  const module = device.createShaderModule({ label, code });
  try {
    return await device.createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint: 'main', constants } });
  } catch (e) {
    const info = await module.getCompilationInfo();
    const messages = info.messages.map((m) => `${m.type} at ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
    throw new Error(`GPU kernel '${label}' failed to build: ${(e as Error).message}\n${messages}`);
  }
}

/** The pipeline for `kernel`, compiled once per device; a failed build rejects with the compiler's messages. */
export function computePipeline(device: GPUDevice, kernel: KernelSource): Promise<GPUComputePipeline> {
  let pipelines = cache.get(device);
  if (!pipelines) {
    pipelines = new Map();
    cache.set(device, pipelines);
  }
  const key = `${JSON.stringify(kernel.constants)}\n${kernel.code}`;
  let pipeline = pipelines.get(key);
  if (!pipeline) {
    pipeline = compile(device, kernel);
    pipelines.set(key, pipeline);
    pipeline.catch(() => pipelines.delete(key));
  }
  return pipeline;
}
