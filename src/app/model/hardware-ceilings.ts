/**
 * What this machine's hardware can read, for the scaling panel's "of ceiling" column: the
 * CPU's read ceiling (every core reading a shared memory with WebAssembly SIMD) and the
 * GPU's (the fastest read-only sum over a large buffer, and a buffer copy), the same code
 * `npm run bench` measures them with (src/cpu/ceiling/, src/gpu/ceiling/). Measured on
 * demand, once per session: a few seconds on a software adapter.
 */
import { measureCpuCeiling } from '../../cpu/ceiling/read-ceiling';
import { isSoftwareAdapter } from '../../gpu/adapter-name';
import { ceilingShapes, measureCeiling } from '../../gpu/ceiling/read-ceiling';

/** Bytes read: 64 MiB, past the caches, small enough for a quick measurement. */
const CEILING_BYTES = 64 * 2 ** 20;

/** GB/s (1e9 bytes per second) each side can read, or why it was not measured. */
export interface HardwareCeilings {
  cpu: { gbPerSecond: number; workers: number } | { error: string };
  gpu: { gbPerSecond: number; copyGbPerSecond: number } | { error: string };
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function measureHardwareCeilings(): Promise<HardwareCeilings> {
  let cpu: HardwareCeilings['cpu'];
  if (globalThis.crossOriginIsolated !== true) cpu = { error: 'needs a cross-origin isolated page (shared memory)' };
  else {
    try {
      const workers = Math.min(8, navigator.hardwareConcurrency || 1);
      cpu = { gbPerSecond: (await measureCpuCeiling(CEILING_BYTES, workers, 3)).gbPerSecond, workers };
    } catch (e) {
      cpu = { error: reason(e) };
    }
  }
  let gpu: HardwareCeilings['gpu'];
  try {
    const adapter = await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) gpu = { error: 'no WebGPU adapter' };
    else {
      const c = await measureCeiling(adapter, { bytes: CEILING_BYTES, repeats: 3, shapes: ceilingShapes(isSoftwareAdapter(adapter), true) });
      gpu = { gbPerSecond: c.reduceGbPerSecond, copyGbPerSecond: c.copyGbPerSecond };
    }
  } catch (e) {
    gpu = { error: reason(e) };
  }
  return { cpu, gpu };
}

/** The ceiling a contender's line is held against: the CPU's for the CPU, the GPU's read ceiling for the GPU and TF.js. */
export function ceilingFor(ceilings: HardwareCeilings | null, backend: 'cpu' | 'gpu' | 'tfjs'): number | undefined {
  const side = ceilings?.[backend === 'cpu' ? 'cpu' : 'gpu'];
  return side && 'gbPerSecond' in side ? side.gbPerSecond : undefined;
}
