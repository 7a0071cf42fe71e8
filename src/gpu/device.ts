/**
 * One WebGPU device for the page, with the adapter's higher limits, created on first use
 * and recreated after a loss.
 */
import { ConfigError } from '../engine/errors';
import { describeAdapter, isSoftwareAdapter } from './adapter-name';
import { datasetCapacityBytes } from './dataset-upload';

export interface GpuContext {
  device: GPUDevice;
  /** Human-readable adapter name, e.g. "google swiftshader". */
  adapterName: string;
  /** A CPU implementation of WebGPU (SwiftShader, lavapipe, WARP): wants few, small workgroups. */
  software: boolean;
  /** The smallest subgroup where the device has the 'subgroups' feature (requested wherever the adapter offers it), else null. */
  subgroupMinSize: number | null;
}

/** Why there is no GPU, in words for the status line; null while one is available. */
export type GpuUnavailableReason = string;

/** Limits raised to what the adapter offers: larger datasets per binding, more bindings. */
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
] as const;

let current: Promise<GpuContext | GpuUnavailableReason> | null = null;

/** Something the GPU reported on its own: an error no code caught, or the device's loss. */
export interface GpuEvent {
  kind: 'error' | 'lost';
  message: string;
}

const listeners = new Set<(event: GpuEvent) => void>();

/** Calls `listener` for every uncaptured GPU error and every lost device; returns an unsubscribe function. */
export function onGpuEvent(listener: (event: GpuEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: GpuEvent): void {
  console.error(`WebGPU ${event.kind === 'lost' ? 'device lost' : 'error'}: ${event.message}`);
  for (const listener of listeners) listener(event);
}

/** Whether WebGPU can be used here: the adapter's name, or why not. */
export async function gpuStatus(): Promise<
  { available: true; adapter: string; software: boolean; capacityBytes: number } | { available: false; reason: string }
> {
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') return { available: false, reason: gpu };
  return { available: true, adapter: gpu.adapterName, software: gpu.software, capacityBytes: datasetCapacityBytes(gpu.device) };
}

/** The shared device, or a sentence saying why WebGPU cannot be used here. */
export function acquireGpu(): Promise<GpuContext | GpuUnavailableReason> {
  current ??= requestGpu();
  return current;
}

/** The shared device; rejects with a ConfigError naming `backend` where there is none. */
export async function requireGpu(): Promise<GpuContext> {
  const gpu = await acquireGpu();
  if (typeof gpu === 'string') throw new ConfigError('backend', `backend 'gpu' is not available here: ${gpu}; use 'cpu' or 'auto'`);
  return gpu;
}

/** Forgets the current device (after it was lost) so the next call asks for a new one. */
export function forgetGpu(): void {
  current = null;
}

/** Why each lost device was lost; kept here so trainers need not hold on to the device's promise. */
const lostReasons = new WeakMap<GPUDevice, string>();

/** Why `device` was lost, or null while it works. */
export function lostReason(device: GPUDevice): string | null {
  return lostReasons.get(device) ?? null;
}

/**
 * Whether `device` is gone, for a caller that just saw an operation fail: `lost` resolves
 * promptly once it is. (Waiting on the promise here, not when a trainer is made, keeps a
 * finished trainer collectable.)
 */
export async function isDeviceLost(device: GPUDevice): Promise<boolean> {
  if (lostReason(device) !== null) return true;
  return Promise.race([device.lost.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50))]);
}

async function requestGpu(): Promise<GpuContext | GpuUnavailableReason> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return `requesting a WebGPU adapter failed: ${(e as Error).message}`;
  }
  if (!adapter) return 'WebGPU is present but offers no adapter (disabled, blocklisted or no GPU)';
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  // Subgroups for the workgroup sums of hardware adapters (see launch-shape.ts); never required where absent.
  const subgroups = adapter.features.has('subgroups');
  let device: GPUDevice;
  try {
    // Cast: tfjs-core's older copy of @webgpu/types, whose GPUFeatureName lacks it, may be the one tsc sees.
    device = await adapter.requestDevice({ requiredLimits, requiredFeatures: subgroups ? ['subgroups' as string as GPUFeatureName] : [] });
  } catch (e) {
    return `creating a WebGPU device failed: ${(e as Error).message}`;
  }
  const context: GpuContext = {
    device,
    adapterName: describeAdapter(adapter),
    software: isSoftwareAdapter(adapter),
    subgroupMinSize: device.features.has('subgroups') ? adapter.info.subgroupMinSize ?? 4 : null,
  };
  // Errors no error scope caught are never silent: they reach the console and listeners.
  device.addEventListener('uncapturederror', (event) => emit({ kind: 'error', message: event.error.message }));
  void device.lost.then((info) => {
    lostReasons.set(device, info.message || info.reason);
    if (current) void current.then((c) => { if (c === context) current = null; });
    if (info.reason !== 'destroyed') emit({ kind: 'lost', message: `${info.reason}${info.message ? `: ${info.message}` : ''}` });
  });
  return context;
}
