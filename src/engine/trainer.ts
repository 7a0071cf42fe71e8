/** The contract both backends implement, so one driver and one test suite serve both. */
import type { Backend, CpuKernel, NeuronParameters, PhaseProgress } from './types';
import type { CheckedConfig } from './validate';

/** The parameters' shape, named here too so a backend finds the whole contract in one import. */
export type { NeuronParameters };

/** Parameters after a number of epochs (counted from the start of the whole run). */
export interface Checkpoint extends NeuronParameters {
  epoch: number;
}

/** Reported after a group of epochs: their losses and the parameters after the last. */
export interface EpochReport extends Checkpoint {
  /** Mean loss of each epoch in the group. */
  losses: number[];
}

export interface Trainer {
  readonly backend: Backend;
  /** Adapter description for the GPU ("google swiftshader", "nvidia hopper"). */
  readonly adapter?: string;
  /** On the CPU: which inner loop sums the batches. */
  readonly cpuKernel?: CpuKernel;
  /**
   * The latest parameters known to be finite, and the epoch they belong to: always the
   * parameters after exactly that many whole epochs, never a position inside an epoch.
   */
  readonly checkpoint: Checkpoint;
  /**
   * Trains `epochs` epochs from the current parameters, reporting groups of whole epochs.
   * Throws DivergenceError when the loss or a parameter overflows, and DeviceLostError
   * when the device goes away; the checkpoint then says where to go on from. After a
   * cancelled run only dispose() is meant: work already submitted may have gone past the
   * checkpoint.
   */
  run(epochs: number, report: (r: EpochReport) => void, signal?: AbortSignal): Promise<NeuronParameters & { losses: number[] }>;
  /** Gradient (with the configured reduction) and mean loss over the whole dataset at the current parameters. */
  gradients(): Promise<{ dw: number[]; db: number; loss: number }>;
  /** Frees what the trainer holds (GPU buffers, workers). */
  dispose(): void;
}

/** What every backend's `create` takes beside the configuration and the signal. */
export interface TrainerOptions {
  /** Use a private copy of the dataset instead of sharing the cached one (calibration runs). */
  uncached?: boolean;
  /**
   * Told of the work before training: rows of the dataset made (done of total, counting
   * up; once with done = total when the rows were cached) and, on the GPU, compiling.
   */
  onPhase?: (report: Exclude<PhaseProgress, { phase: 'calibrating' }>) => void;
}

/** How each backend builds its trainer: one signature for both. */
export type CreateTrainer = (config: CheckedConfig, signal?: AbortSignal, options?: TrainerOptions) => Promise<Trainer>;

/** Loss or parameter values beyond this are treated as overflow (float32 tops out at 3.4e38). */
const DIVERGENCE_LIMIT = 1e30;

/** True when a loss or parameter value shows that training has blown up. */
export function isDiverged(value: number): boolean {
  return !(Math.abs(value) <= DIVERGENCE_LIMIT);
}

/**
 * The dataset's row counts for `onPhase`, from a backend's generator or upload: only counts
 * that move forward are passed on, never past `total`, so a cached dataset's final
 * `rows(total)` is its one report and a repeated count is dropped.
 */
export function datasetRowsReporter(options: TrainerOptions, backend: Backend, total: number): (done: number) => void {
  let reported = 0;
  return (done) => {
    const rows = Math.min(done, total);
    if (!options.onPhase || rows <= reported) return;
    reported = rows;
    options.onPhase({ phase: 'dataset', backend, done: rows, total });
  };
}
