/** The contract both backends implement, so one driver and one test suite serve both. */
import type { Backend } from './types';

export interface Parameters {
  weights: number[];
  bias: number;
}

/** Reported after a group of epochs: their losses and the parameters after the last. */
export interface EpochReport extends Parameters {
  /** Epochs finished in this run so far. */
  epoch: number;
  /** Mean loss of each epoch in the group. */
  losses: number[];
}

export interface Trainer {
  readonly backend: Backend;
  /** Adapter description for the GPU ("swiftshader", "nvidia hopper ..."). */
  readonly adapter?: string;
  /** Trains `epochs` epochs from the current parameters, reporting groups of epochs. */
  run(epochs: number, report: (r: EpochReport) => void, signal?: AbortSignal): Promise<Parameters & { losses: number[] }>;
  /** Gradient (with the configured reduction) and mean loss over the whole dataset at the current parameters. */
  gradients(): Promise<{ dw: number[]; db: number; loss: number }>;
  /** Frees what the trainer holds (GPU buffers, workers). */
  dispose(): void;
}
