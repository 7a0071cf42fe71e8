/**
 * The descent paths drawn on the landscape: the parameters of the current run at each
 * progress report (every step of a full-batch run is an epoch; a mini-batch or
 * stochastic run is seen once per report), and the last few runs, each labelled with the
 * settings it ran with, so the smooth path and the noisy ones can be seen side by side.
 */
import type { NeuronParameters } from '../../index';
import { effectiveBatchSize, type Settings } from '../state/settings';

/** Earlier runs kept besides the current one. */
export const KEPT_RUNS = 4;

export interface DescentPath {
  /** The settings it ran with: "full batch, lr 0.001". */
  label: string;
  /** Parameters [w_0 .. w_{d-1}, b] at its start and at each report. */
  points: number[][];
}

/** "full batch, lr 0.1", "batch 32, lr 0.1", "batch 1, lr 0.01". */
export function runLabel(s: Settings): string {
  const batch = s.batchMode === 'full' ? 'full batch' : `batch ${effectiveBatchSize(s)}`;
  return `${batch}, lr ${s.learningRate}`;
}

export class DescentPaths {
  /** Earlier runs, oldest first, at most KEPT_RUNS. */
  past: DescentPath[] = [];
  current: DescentPath = { label: '', points: [] };
  /** Bumped on every change, for redraws. */
  version = 0;

  /** Starts a new path at `from`; the current one, if it went anywhere, joins the past. */
  start(label: string, from: NeuronParameters): void {
    if (this.current.points.length > 1) this.past = [...this.past, this.current].slice(-KEPT_RUNS);
    this.current = { label, points: [[...from.weights, from.bias]] };
    this.version++;
  }

  add(p: NeuronParameters): void {
    this.current.points.push([...p.weights, p.bias]);
    this.version++;
  }

  /** Forgets every path (another dataset or model: the old paths lie on another surface). */
  clear(): void {
    this.past = [];
    this.current = { label: '', points: [] };
    this.version++;
  }
}
