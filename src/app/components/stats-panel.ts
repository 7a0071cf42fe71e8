import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCompact, formatValue } from '../model/format';
import { baseStyles, palette } from './theme';

/** Weights shown one by one; beyond this, the rest is summarised. */
const SHOWN_WEIGHTS = 8;

/**
 * The numbers of the run: weights, bias, loss, accuracy, throughput. Each value carries
 * its full precision in `data-value` for tests and copy-paste; the text is rounded.
 */
@customElement('stats-panel')
export class StatsPanel extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    dl {
      margin: 0;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(8.5em, 1fr));
      gap: 8px;
    }
    div { background: ${palette.surface}; border-radius: 8px; padding: 6px 10px; min-width: 0; }
    dt { font-size: 12px; color: ${palette.muted}; }
    dd {
      margin: 0;
      font-size: 17px;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .weights dd { font-size: 15px; white-space: normal; }
    /* Classes, not a style attribute: the page's Content-Security-Policy refuses inline styles. */
    .span-2 { grid-column: span 2; }
    .span-3 { grid-column: span 3; }
  `];

  @property({ attribute: false }) weights: number[] = [];
  @property({ type: Number }) bias = 0;
  /** Loss of the latest epoch (NaN before the first). */
  @property({ type: Number }) loss = NaN;
  /** Accuracy on the plot sample; NaN hides it (regression). */
  @property({ type: Number }) accuracy = NaN;
  /** Rows of the sample the accuracy is measured on. */
  @property({ type: Number }) accuracyRows = 0;
  @property({ type: Number }) samplesPerSecond = NaN;
  /** Frame counter of the run; a new value redraws. */
  @property({ type: Number }) frame = 0;

  override render() {
    const shown = this.weights.slice(0, SHOWN_WEIGHTS);
    return html`<dl>
      <div class="weights span-${Math.min(3, Math.max(1, Math.ceil(shown.length / 2)))}">
        <dt>Weights (${this.weights.length})</dt>
        <dd>${shown.map((w, i) => html`<span data-testid="weight-${i}" data-value=${String(w)}>${formatValue(w)}</span>${i < shown.length - 1 ? ', ' : ''}`)}
          ${this.weights.length > SHOWN_WEIGHTS ? html` … and ${this.weights.length - SHOWN_WEIGHTS} more` : nothing}</dd>
      </div>
      <div><dt>Bias</dt><dd data-testid="bias" data-value=${String(this.bias)}>${formatValue(this.bias)}</dd></div>
      <div><dt>Loss (last epoch)</dt><dd data-testid="loss" data-value=${String(this.loss)}>${Number.isNaN(this.loss) ? '–' : Number(this.loss.toPrecision(4)).toString()}</dd></div>
      ${Number.isNaN(this.accuracy) ? nothing : html`<div>
        <dt>Accuracy (${this.accuracyRows.toLocaleString('en-US')} rows)</dt>
        <dd data-testid="accuracy" data-value=${String(this.accuracy)}>${(this.accuracy * 100).toFixed(1)} %</dd></div>`}
      <div><dt>Samples / second</dt><dd data-testid="throughput">${formatCompact(this.samplesPerSecond)}</dd></div>
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stats-panel': StatsPanel;
  }
}
