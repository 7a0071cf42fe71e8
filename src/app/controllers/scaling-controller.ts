/** Runs the scaling benchmark for the page: progress, cancel, and the rows so far. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConfigError } from '../../index';
import { measureHardwareCeilings, type HardwareCeilings } from '../model/hardware-ceilings';
import { CONTENDER_NAMES, runScaling, type ScalingContender, type ScalingRow } from '../model/scaling-run';
import type { TableNumbers } from '../state/train-config';
import type { WebGpuProbe } from '../model/webgpu-probe';
import type { Settings } from '../state/settings';
import { FrameThrottle } from './frame-throttle';

export class ScalingController implements ReactiveController {
  running = false;
  /** Share done, 0..1. */
  fraction = 0;
  /** What is being measured now. */
  label = '';
  /** Milliseconds the sweep has left, once they can be estimated. */
  msLeft: number | undefined;
  rows: ScalingRow[] = [];
  /** A sentence about the last run: cancelled, GPU missing, or the engine's error. */
  note = '';
  /** The hardware's read ceilings, once measured (on demand, once per session). */
  ceilings: HardwareCeilings | null = null;
  measuringCeilings = false;
  #host: ReactiveControllerHost;
  #abort: AbortController | null = null;
  #throttle = new FrameThrottle(() => this.#host.requestUpdate());

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
    this.#throttle.cancel();
  }

  /**
   * Measures the current model up to 10^maxExp rows on the CPU, and on the GPU when there
   * is one; with `settings.scalingTfjs`, also on TensorFlow.js's webgpu backend; with
   * `settings.scalingSurface`, a small loss surface too at each size on each of ours.
   */
  async start(settings: Settings, maxExp: number, probe: WebGpuProbe | undefined, table?: TableNumbers): Promise<void> {
    // Not beside a ceiling measurement: each would slow the other.
    if (this.running || this.measuringCeilings) return;
    const gpu = probe?.available ?? false;
    const contenders: ScalingContender[] = gpu ? ['cpu', 'gpu'] : ['cpu'];
    if (gpu && settings.scalingTfjs) contenders.push('tfjs');
    const abort = new AbortController();
    this.#abort = abort;
    this.running = true;
    this.rows = [];
    this.fraction = 0;
    this.msLeft = undefined;
    const notes: string[] = [];
    if (probe && !probe.available) notes.push(`CPU only: ${probe.reason}.`);
    if (probe && !probe.available && settings.scalingTfjs) notes.push('TF.js is left out: its webgpu backend needs WebGPU too.');
    this.note = notes.join(' ');
    this.#throttle.request();
    try {
      await runScaling(settings, maxExp, contenders, {
        signal: abort.signal,
        onDropped: (contender, n, reason) => {
          notes.push(`${CONTENDER_NAMES[contender]} failed at n = ${n.toLocaleString('en-US')} and sat out the larger sizes: ${reason}`);
          this.note = notes.join(' ');
          this.#throttle.request();
        },
        onRow: (row) => {
          this.rows = [...this.rows, row];
          this.#throttle.request();
        },
        onProgress: (fraction, label, msLeft) => {
          this.fraction = fraction;
          this.label = label;
          this.msLeft = msLeft;
          this.#throttle.request();
        },
      }, table, settings.scalingSurface);
    } catch (e) {
      if (abort.signal.aborted) this.note = `Cancelled after ${this.rows.length} measurement(s).`;
      else this.note = e instanceof ConfigError ? e.message : `Scaling run failed: ${(e as Error).message ?? String(e)}`;
    } finally {
      this.running = false;
      this.#abort = null;
      this.#throttle.request();
    }
  }

  /** Measures the CPU's and the GPU's read ceilings, unless measured already or a run is on. */
  async measureCeilings(): Promise<void> {
    if (this.measuringCeilings || this.running || this.ceilings) return;
    this.measuringCeilings = true;
    this.#throttle.request();
    try {
      this.ceilings = await measureHardwareCeilings();
    } finally {
      this.measuringCeilings = false;
      this.#throttle.request();
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }
}
