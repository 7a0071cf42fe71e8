import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WorkView } from '../model/run-work';
import { emit } from './events';
import { baseStyles, palette } from './theme';

/**
 * What the training call is doing and how far it is: a label, a real `<progress>`
 * (determinate where the amount is known: rows of the dataset, epochs), the time left once
 * it can be estimated, and Cancel before the first epoch (then the Pause button stops the
 * run). Below, the one-line summary of the last call. Screen readers hear each new phase
 * and the summary through a polite live region, not every count.
 *
 * @fires run-command - 'pause' from Cancel (the same stop as the Pause button)
 */
@customElement('run-progress')
export class RunProgress extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .work { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; margin-top: 8px; }
    .work span { font-variant-numeric: tabular-nums; }
    progress { flex: 1; min-width: 10em; height: 10px; accent-color: ${palette.accent}; }
    .summary { margin: 8px 0 0; color: ${palette.muted}; }
  `];

  /** The work in progress; undefined when no call runs. */
  @property({ attribute: false }) work: WorkView | undefined;
  /** How the last call ended, in one line. */
  @property() summary: string | undefined;
  /** Whether the work is before the first epoch (Cancel is shown). */
  @property({ type: Boolean }) cancellable = false;

  override render() {
    const w = this.work;
    return html`
      ${w ? html`<div class="work" data-testid="run-work">
        <span id="work-label" data-testid="work-label">${w.label}</span>
        ${w.value === undefined
          ? html`<progress aria-labelledby="work-label" data-testid="work-bar"></progress>`
          : html`<progress aria-labelledby="work-label" data-testid="work-bar" max=${w.max ?? 1} value=${w.value}></progress>`}
        ${w.timeLeft ? html`<span class="muted" data-testid="time-left">${w.timeLeft}</span>` : nothing}
        ${this.cancellable ? html`<button @click=${() => emit(this, 'run-command', 'pause')}>Cancel</button>` : nothing}
      </div>` : nothing}
      ${this.summary && !w ? html`<p class="summary" data-testid="run-summary">${this.summary}</p>` : nothing}
      <p class="sr-only" role="status" data-testid="run-announcement">${w ? w.announcement : this.summary ?? ''}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-progress': RunProgress;
  }
}
