import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { describeBackendReason, type Backend, type BackendChoice, type BackendReason, type CpuKernel } from '../../index';
import type { RunPhase } from '../controllers/training-controller';
import type { WebGpuProbe } from '../model/webgpu-probe';
import { baseStyles, palette } from './theme';

/** The CPU's inner loops in words. */
const CPU_KERNEL_WORDS: Record<CpuKernel, string> = {
  'wasm-simd': 'WebAssembly SIMD in the workers (float32 lanes, float64 sums per block of rows)',
  typescript: 'the float64 TypeScript kernel',
};

/**
 * One line saying which backend trains and on what adapter (on the CPU: which inner
 * loop), and in plain words why the
 * page uses the CPU when it falls back; below it, what the GPU reported on its own (an
 * uncaught error, a lost device) and where training went on after a loss.
 */
@customElement('status-line')
export class StatusLine extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    p { margin: 0; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
    .badge {
      font-size: 12px;
      font-weight: 700;
      padding: 1px 8px;
      border-radius: 10px;
      color: ${palette.onAccent};
      background: ${palette.muted};
    }
    .badge.gpu { background: ${palette.accent}; }
    .badge.cpu { background: ${palette.caution}; }
    .event { display: block; margin-top: 2px; color: ${palette.error}; font-size: 12px; overflow-wrap: anywhere; }
    .event.moved { color: ${palette.caution}; }
    .why { display: block; margin-top: 2px; color: ${palette.muted}; font-size: 12px; }
  `];

  /** The backend the settings ask for. */
  @property() requested: BackendChoice = 'auto';
  /** The backend the latest training call used, if any. */
  @property() used: Backend | undefined;
  /** The adapter the engine named, if known. */
  @property() adapter: string | undefined;
  /** On the CPU: the inner loop the engine reported. */
  @property() cpuKernel: CpuKernel | undefined;
  /** Why the engine used its backend: for 'auto', what it measured on both. */
  @property({ attribute: false }) reason: BackendReason | undefined;
  /** What the page found out about WebGPU; undefined while it is asking. */
  @property({ attribute: false }) probe: WebGpuProbe | undefined;
  @property() phase: RunPhase = 'ready';
  /** The latest event the GPU reported on its own (uncaptured error, lost device), in words. */
  @property() gpuEvent: string | undefined;
  /** The engine's latest notice of the current run (e.g. the GPU was lost and training moved). */
  @property() notice: string | undefined;

  override render() {
    const backend = this.used ?? this.#expected();
    return html`<div role="status" data-testid="status">
      <p>
        <span class="badge ${backend ?? ''}">${backend ? backend.toUpperCase() : '…'}</span>
        <span>${this.#sentence()}</span>
      </p>
      ${this.used === 'cpu' && this.cpuKernel ? html`<span class="why" data-testid="cpu-kernel" data-kernel=${this.cpuKernel}>Summed by ${CPU_KERNEL_WORDS[this.cpuKernel]}.</span>` : nothing}
      ${this.requested === 'auto' && this.reason?.kind === 'auto' ? html`<span class="why" data-testid="backend-reason">${describeBackendReason(this.reason)}</span>` : nothing}
      ${this.gpuEvent ? html`<span class="event" data-testid="gpu-event">${this.gpuEvent}</span>` : nothing}
      ${this.notice ? html`<span class="event moved" data-testid="run-notice">${this.notice}</span>` : nothing}
    </div>`;
  }

  /** The backend training will use, before any call has said so. */
  #expected(): Backend | undefined {
    if (this.requested !== 'auto') return this.requested;
    if (!this.probe) return undefined;
    return this.probe.available ? 'gpu' : 'cpu';
  }

  #sentence(): string {
    const probe = this.probe;
    const trained = this.used !== undefined;
    const adapter = this.adapter ?? (probe?.available ? probe.adapter : undefined);
    const backend = this.used ?? this.#expected();
    if (backend === undefined) return 'Checking for WebGPU…';
    if (backend === 'gpu') {
      if (this.requested === 'gpu' && probe && !probe.available) {
        return `GPU requested, but ${probe.reason}. Choose CPU or Auto.`;
      }
      return `${trained ? 'Training on the' : 'Will train on the'} GPU: ${adapter ?? 'WebGPU adapter'}`;
    }
    const verb = trained ? 'Training on the CPU' : 'Will train on the CPU';
    if (this.requested === 'cpu') return `${verb} (chosen in the settings).`;
    // 'auto' with a GPU present picked the CPU because it measured faster here.
    if (trained && probe?.available && this.reason?.kind === 'auto') return `${verb}: it is faster than the GPU for this workload.`;
    const reason = probe && !probe.available ? probe.reason : 'the engine found no usable GPU';
    return `${verb}: fell back from the GPU because ${reason}.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'status-line': StatusLine;
  }
}
