/**
 * `<explainer-gradients>`: what the walk has found so far — dL/dx, dL/dw, dL/db and a,
 * with "?" for what is not computed yet — and, folded away, every step taken in order.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles, palette } from '../components/theme';
import type { GradientsSoFar } from './walk-readout';
import { fmt } from './format';
import type { Phase } from './stepper-controller';

/** One step taken, as the log lists it. */
export interface LoggedStep {
  phase: Phase;
  text: string;
}

const known = (v: number | undefined) => (v === undefined ? '?' : fmt(v));
const list = (vs: (number | undefined)[]) => `[${vs.map(known).join(', ')}]`;

@customElement('explainer-gradients')
export class ExplainerGradients extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    dl {
      display: grid;
      grid-template-columns: max-content auto;
      gap: 2px 12px;
      font-family: ui-monospace, monospace;
    }
    dt { font-weight: 600; }
    dd { margin: 0; color: ${palette.gradient}; }
    ol { font-family: ui-monospace, monospace; font-size: 0.85em; max-height: 16rem; overflow-y: auto; }
  `];

  /** The gradients and the output so far; nothing is drawn without them. */
  @property({ attribute: false }) gradients?: GradientsSoFar;
  /** Every step taken so far, oldest first; the log is hidden while it is empty. */
  @property({ attribute: false }) log: readonly LoggedStep[] = [];

  override render() {
    const g = this.gradients;
    return html`
      ${g
        ? html`<dl class="grads" aria-label="Gradients so far (? = not computed yet)">
            <dt>dL/dx</dt><dd data-name="dx">${list(g.dx)}</dd>
            <dt>dL/dw</dt><dd data-name="dw">${list(g.dw)}</dd>
            <dt>dL/db</dt><dd data-name="db">${known(g.db)}</dd>
            <dt>a</dt><dd data-name="output">${known(g.output)}</dd>
          </dl>`
        : nothing}
      ${this.log.length > 0
        ? html`<details>
            <summary>All steps so far (${this.log.length})</summary>
            <ol class="log">${this.log.map((t) => html`<li>${t.phase}: ${t.text}</li>`)}</ol>
          </details>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-gradients': ExplainerGradients;
  }
}
