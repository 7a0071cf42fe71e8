/**
 * Workgroup sizes and counts per kind of adapter, chosen from measurements (see
 * BENCHMARKS.md). A software adapter runs each workgroup as a task on a CPU core, so a few
 * large tasks beat many small ones; a discrete GPU needs thousands of threads in flight.
 * How a workgroup sums its threads follows: per-thread partials on software adapters (a
 * barrier costs tens of microseconds there), a tree or subgroup sum on hardware. Subgroup
 * against tree sums is not yet measured on hardware: the benchmark's 'ours, GPU, tree sums'
 * contender is there to measure it.
 */

export interface LaunchShape {
  /** Threads per workgroup of the batch kernel. */
  workgroupSize: number;
  /** Most workgroups one batch dispatch uses (per data chunk). */
  maxWorkgroups: number;
  /** Threads of the single-workgroup kernel that runs many small batches per dispatch. */
  smallWorkgroupSize: number;
  /** Largest batch handled by the single-workgroup kernel. */
  smallBatchLimit: number;
  /** Each thread writes its own partial sums instead of a workgroup tree sum (both kernels): no barrier chain. */
  perThreadPartials: boolean;
  /**
   * The workgroup sum (where perThreadPartials is off) adds within subgroups first, then one
   * barrier, instead of a tree with a barrier per level: hardware adapters whose device has
   * the 'subgroups' feature, unless setGpuSubgroups(false).
   */
  subgroupSums: boolean;
  /** The smallest subgroup the device may run (with subgroupSums): bounds the loops of the sum. */
  subgroupMinSize: number;
  /** Full batches read four consecutive rows per thread as vec4 loads (unrolled kernels, d <= 64). */
  quadRows: boolean;
  /** Where these numbers come from. */
  reason: string;
}

let subgroupsAllowed = true;

/** Whether hardware adapters may sum with subgroups where the device has them (tests and the benchmark turn it off). */
export function setGpuSubgroups(allowed: boolean): void {
  subgroupsAllowed = allowed;
}

/**
 * `subgroupMinSize`: the device's smallest subgroup where it has the 'subgroups' feature,
 * else null.
 */
export function launchShapeFor(software: boolean, cores: number, subgroupMinSize: number | null = null): LaunchShape {
  if (software) {
    return {
      // SwiftShader runs each workgroup on one core, one group of lanes at a time, so every
      // thread's grid-strided reads are one more pass over the whole buffer: the fewer
      // threads, the better the caches do. 2 cores, n = 2^22, d = 8, full batch, GB/s
      // with 2 / 4 / 8 workgroups of 64: 3.52 / 1.93 / 2.19 (bce), 4.29 / 2.33 / 2.64
      // (mse); at n = 2^16 to 2^20 two were 3-17% faster than eight, and never slower.
      workgroupSize: 64,
      maxWorkgroups: Math.max(2, cores),
      smallWorkgroupSize: 64,
      smallBatchLimit: 4096,
      // A workgroup barrier measured ~50 us on SwiftShader; with 64 threads per core,
      // per-thread partials cost the apply kernel a few hundred additions instead.
      perThreadPartials: true,
      subgroupSums: false,
      subgroupMinSize: 4,
      quadRows: true,
      reason: 'software adapter: one workgroup of 64 per core',
    };
  }
  return {
    workgroupSize: 256,
    maxWorkgroups: 1024,
    smallWorkgroupSize: 256,
    smallBatchLimit: 1024,
    perThreadPartials: false,
    subgroupSums: subgroupsAllowed && subgroupMinSize !== null,
    // 4: the least WebGPU allows.
    subgroupMinSize: subgroupMinSize ?? 4,
    quadRows: false,
    reason: 'hardware adapter: up to 1024 workgroups of 256 so every multiprocessor stays busy'
      + (subgroupsAllowed && subgroupMinSize !== null ? ', subgroup sums' : ''),
  };
}
