/**
 * Asks the browser whether WebGPU can be used, to say *why* the page runs on the CPU.
 * The engine decides the backend by itself; this only finds the words for the status line.
 */
import { describeAdapter } from '../../gpu/adapter-name';

export type WebGpuProbe =
  | { available: true; adapter: string }
  | { available: false; reason: string };


export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) {
    return { available: false, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  }
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      return {
        available: false,
        reason: 'WebGPU is present but requestAdapter() returned no adapter (WebGPU disabled, GPU blocklisted, or no GPU)',
      };
    }
    return { available: true, adapter: describeAdapter(adapter) };
  } catch (e) {
    return { available: false, reason: `requesting a WebGPU adapter failed: ${(e as Error).message}` };
  }
}
