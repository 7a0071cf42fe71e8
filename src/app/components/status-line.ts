import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Backend, BackendChoice } from '../../index';
import type { RunPhase } from '../controllers/training-controller';
import type { WebGpuProbe } from '../model/webgpu-probe';
import { baseStyles } from './theme';

/**
 * One line saying which backend trains and on what adapter, and in plain words why the
 * page uses the CPU when it falls back.
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
      color: #fff;
      background: #90a4ae;
    }
    .badge.gpu { background: #0877bd; }
    .badge.cpu { background: #e8710a; }
  `];

  /** The backend the settings ask for. */
  @property() requested: BackendChoice = 'auto';
  /** The backend the latest training call used, if any. */
  @property() used: Backend | undefined;
  /** The adapter the engine named, if known. */
  @property() adapter: string | undefined;
  /** What the page found out about WebGPU; undefined while it is asking. */
  @property({ attribute: false }) probe: WebGpuProbe | undefined;
  @property() phase: RunPhase = 'ready';

  override render() {
    const backend = this.used ?? this.#expected();
    return html`<p role="status" data-testid="status">
      <span class="badge ${backend ?? ''}">${backend ? backend.toUpperCase() : '…'}</span>
      <span>${this.#sentence()}</span>
    </p>`;
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
    const reason = probe && !probe.available ? probe.reason : 'the engine found no usable GPU';
    return `${verb}: fell back from the GPU because ${reason}.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'status-line': StatusLine;
  }
}
