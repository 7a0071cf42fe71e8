/**
 * Compiled kernels, kept per device and keyed by their source: compiling a kernel costs
 * about 150 ms on SwiftShader, and the page starts a new trainer on every play.
 */
const cache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

async function compile(device: GPUDevice, label: string, code: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ label, code });
  try {
    return await device.createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint: 'main' } });
  } catch (e) {
    const info = await module.getCompilationInfo();
    const messages = info.messages.map((m) => `${m.type} at ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
    throw new Error(`GPU kernel '${label}' failed to build: ${(e as Error).message}\n${messages}`);
  }
}

/** The pipeline for `code`, compiled once per device; a failed build rejects with the compiler's messages. */
export function computePipeline(device: GPUDevice, label: string, code: string): Promise<GPUComputePipeline> {
  let pipelines = cache.get(device);
  if (!pipelines) {
    pipelines = new Map();
    cache.set(device, pipelines);
  }
  let pipeline = pipelines.get(code);
  if (!pipeline) {
    pipeline = compile(device, label, code);
    pipelines.set(code, pipeline);
    pipeline.catch(() => pipelines.delete(code));
  }
  return pipeline;
}
