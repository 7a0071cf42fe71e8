/** Runs the scaling benchmark for the page: progress, cancel, and the rows so far. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConfigError, type Backend } from '../../index';
import { runScaling, type ScalingRow } from '../model/scaling-run';
import type { WebGpuProbe } from '../model/webgpu-probe';
import type { Settings } from '../state/settings';
import { FrameThrottle } from './frame-throttle';

export class ScalingController implements ReactiveController {
  running = false;
  /** Share done, 0..1. */
  fraction = 0;
  /** What is being measured now. */
  label = '';
  rows: ScalingRow[] = [];
  /** A sentence about the last run: cancelled, GPU missing, or the engine's error. */
  note = '';
  /** Bumped when rows change, so the chart knows to redraw. */
  frame = 0;

  #host: ReactiveControllerHost;
  #abort: AbortController | null = null;
  #throttle = new FrameThrottle(() => {
    this.frame++;
    this.#host.requestUpdate();
  });

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
    this.#throttle.cancel();
  }

  /** Measures the current model up to 10^maxExp rows on the CPU, and on the GPU when there is one. */
  async start(settings: Settings, maxExp: number, probe: WebGpuProbe | undefined): Promise<void> {
    if (this.running) return;
    const backends: Backend[] = probe?.available ? ['cpu', 'gpu'] : ['cpu'];
    const abort = new AbortController();
    this.#abort = abort;
    this.running = true;
    this.rows = [];
    this.fraction = 0;
    this.note = probe && !probe.available ? `CPU only: ${probe.reason}.` : '';
    this.#throttle.request();
    try {
      await runScaling(settings, maxExp, backends, {
        signal: abort.signal,
        onRow: (row) => {
          this.rows = [...this.rows, row];
          this.#throttle.request();
        },
        onProgress: (fraction, label) => {
          this.fraction = fraction;
          this.label = label;
          this.#throttle.request();
        },
      });
    } catch (e) {
      if (abort.signal.aborted) this.note = `Cancelled after ${this.rows.length} measurement(s).`;
      else this.note = e instanceof ConfigError ? e.message : `Scaling run failed: ${(e as Error).message ?? String(e)}`;
    } finally {
      this.running = false;
      this.#abort = null;
      this.#throttle.request();
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }
}
