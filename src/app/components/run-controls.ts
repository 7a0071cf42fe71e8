import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RunPhase } from '../controllers/training-controller';
import { formatCount } from '../model/format';
import { emit, type RunCommand } from './events';
import { baseStyles, palette } from './theme';

/**
 * Play or pause, step one epoch, reset, new seed, and the epoch counter.
 *
 * @fires run-command - 'play' | 'pause' | 'step' | 'reset' | 'new-seed'
 */
@customElement('run-controls')
export class RunControls extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .play {
      min-width: 6.5em;
      background: ${palette.accent};
      border-color: ${palette.accent};
      color: ${palette.onAccent};
      font-weight: 600;
    }
    .play:hover:not(:disabled) { background: ${palette.accentHover}; }
    .epochs { margin-left: auto; font-variant-numeric: tabular-nums; color: ${palette.label}; }
    .epochs strong { font-size: 18px; color: ${palette.text}; }
  `];

  /** Where the run stands. */
  @property() phase: RunPhase = 'ready';
  /** Epochs trained so far and the epochs setting. */
  @property({ type: Number }) epochsDone = 0;
  @property({ type: Number }) epochsTarget = 0;
  /** Disables the controls (while the scaling benchmark owns the machine). */
  @property({ type: Boolean }) disabled = false;

  override render() {
    const busy = this.phase === 'running' || this.phase === 'starting';
    return html`
      <button class="play" aria-label=${busy ? 'Pause' : 'Play'} ?disabled=${this.disabled}
        @click=${() => this.#send(busy ? 'pause' : 'play')}>${busy ? '❚❚ Pause' : '▶ Play'}</button>
      <button ?disabled=${busy || this.disabled} @click=${() => this.#send('step')}>Step one epoch</button>
      <button ?disabled=${this.disabled} @click=${() => this.#send('reset')}>Reset</button>
      <button ?disabled=${this.disabled} @click=${() => this.#send('new-seed')}>New seed</button>
      <span class="epochs" aria-live="off">Epoch <strong data-testid="epochs-done">${formatCount(this.epochsDone)}</strong>
        of ${formatCount(this.epochsTarget)}</span>
    `;
  }

  #send(command: RunCommand): void {
    emit(this, 'run-command', command);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-controls': RunControls;
  }
}
