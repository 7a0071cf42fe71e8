/**
 * `<explainer-vector-view>`: the same backward pass for a small batch, written the
 * vectorised way — one column per sample for z, a, dJ/da, f′(z) and dJ/dz, then
 * dJ/dw = dJ/dz Xᵀ and dJ/db = Σ dJ/dz with every term in numbers. The numbers come from
 * `vectorBackprop`, which the unit tests hold equal to the engine's `gradients()`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { vectorBackprop, type VectorBackprop, type VectorBatch } from '../../autograd/vector-backprop';
import { activationFunction } from '../../engine/functions/activations';
import { fmt, operand } from './format';
import { palette } from '../components/theme';

/** The most samples the tables show; more would not fit beside each other. */
export const MAX_BATCH = 8;

/** The f′(z) row's label, from the activation table. */
function fPrimeLabel(activation: VectorBatch['activation']): string {
  return `f′(z) = ${activationFunction(activation).notation.slope}`;
}

/** How the row labels write the reduction factor. */
function factor(r: VectorBackprop): string {
  return r.reduction === 'mean' ? '(1/m)·' : '';
}

@customElement('explainer-vector-view')
export class ExplainerVectorView extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      margin: 0.5rem 0 1rem;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: 0.25rem;
    }
    th,
    td {
      border: 1px solid ${palette.rule};
      padding: 0.2rem 0.5rem;
      text-align: right;
      white-space: nowrap;
    }
    th[scope='row'] {
      text-align: left;
      font-weight: normal;
      background: ${palette.surface};
    }
    tr.grad td {
      color: ${palette.gradient};
    }
    td.expansion {
      text-align: left;
      white-space: normal;
    }
    .note {
      color: ${palette.muted};
      font-size: 0.9em;
    }
    .error {
      color: ${palette.error};
    }
  `;

  /** The batch to show (at most MAX_BATCH samples are shown; the rest are left out). */
  @property({ attribute: false }) batch?: VectorBatch;

  /** One sentence saying where the batch comes from. */
  @property() source = '';

  override render() {
    if (!this.batch) return nothing;
    const shown = this.batch.x.length > MAX_BATCH
      ? { ...this.batch, x: this.batch.x.slice(0, MAX_BATCH), y: this.batch.y.slice(0, MAX_BATCH) }
      : this.batch;
    let r: VectorBackprop;
    try {
      r = vectorBackprop(shown);
    } catch (err) {
      return html`<p class="error" role="alert">${(err as Error).message}</p>`;
    }
    const cut = this.batch.x.length - shown.x.length;
    const samples = Array.from({ length: r.m }, (_, i) => i);
    const features = Array.from({ length: r.d }, (_, j) => j);
    const row = (head: string, values: number[], cls = '') =>
      html`<tr class=${cls}><th scope="row">${head}</th>${values.map((v) => html`<td>${fmt(v)}</td>`)}</tr>`;
    const bce = shown.loss === 'bce';
    const lossText = bce ? 'loss = −(y log a + (1 − y) log(1 − a))' : 'loss = (a − y)²';
    const reductionText = r.reduction === 'mean'
      ? `Reduction: mean. J = (1/m) Σ lossᵢ with m = ${r.m}, so every dJ/da carries the factor 1/${r.m}; this is what the engine trains with by default.`
      : `Reduction: sum. J = Σ lossᵢ over the m = ${r.m} samples.`;
    return html`
      <p class="note">${this.source}${cut > 0 ? ` Showing the first ${MAX_BATCH} samples; ${cut} more left out.` : ''}</p>
      <p>
        Z = wX + b, A = f(Z), ${lossText} per sample. ${reductionText}
        Then dJ/dz = dJ/da ⊙ f′(z) elementwise, dJ/dw = dJ/dz Xᵀ and dJ/db = Σᵢ dJ/dzᵢ.
      </p>
      <div class="scroll">
        <table class="samples">
          <caption>One column per sample (w = [${shown.weights.map(fmt).join(', ')}], b = ${fmt(shown.bias)}, ${shown.activation})</caption>
          <thead>
            <tr><th scope="col">row</th>${samples.map((i) => html`<th scope="col">sample ${i + 1}</th>`)}</tr>
          </thead>
          <tbody>
            ${features.map((j) => row(`x${j + 1}`, shown.x.map((xi) => xi[j])))}
            ${row('y (target)', shown.y)}
            ${row('z = w·x + b', r.z)}
            ${row('a = f(z)', r.a)}
            ${row('loss', r.losses)}
            ${row(bce ? `dJ/da = ${factor(r)}(a − y)/(a(1 − a))` : `dJ/da = ${factor(r)}2(a − y)`, r.dJda, 'grad')}
            ${row(fPrimeLabel(shown.activation), r.fPrime)}
            ${row(bce ? `dJ/dz = dJ/da · f′(z) = ${factor(r)}(a − y)` : 'dJ/dz = dJ/da · f′(z)', r.dJdz, 'grad')}
          </tbody>
        </table>
      </div>
      ${bce
        ? html`<p class="note">With cross-entropy on a sigmoid, dJ/da · f′(z) simplifies to ${factor(r)}(a − y); that form is used, so
            dJ/dz stays finite even where a rounds to 0 or 1 and dJ/da does not.</p>`
        : nothing}
      <table class="params">
        <caption>Gradients of J: dJ/dw = dJ/dz Xᵀ, dJ/db = Σ dJ/dz</caption>
        <tbody>
          ${features.map((j) => html`
            <tr class="grad" data-name=${`dw${j + 1}`}>
              <th scope="row">dJ/dw${j + 1}</th>
              <td class="expansion">${`Σᵢ dJ/dzᵢ · xᵢ${j + 1} = ${samples.map((i) => `${operand(r.dJdz[i])} × ${operand(shown.x[i][j])}`).join(' + ')}`}</td>
              <td class="value">${fmt(r.dJdw[j])}</td>
            </tr>`)}
          <tr class="grad" data-name="db">
            <th scope="row">dJ/db</th>
            <td class="expansion">${`Σᵢ dJ/dzᵢ = ${samples.map((i) => operand(r.dJdz[i])).join(' + ')}`}</td>
            <td class="value">${fmt(r.dJdb)}</td>
          </tr>
          <tr data-name="J">
            <th scope="row">J</th>
            <td class="expansion">${`${r.reduction === 'mean' ? `(1/${r.m})·` : ''}Σᵢ lossᵢ`}</td>
            <td class="value">${fmt(r.cost)}</td>
          </tr>
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-vector-view': ExplainerVectorView;
  }
}
