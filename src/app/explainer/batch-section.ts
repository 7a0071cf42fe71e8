/**
 * `<explainer-batch>`: the same pass for a small batch, in vector form: a heading, the
 * choice between the page's batch and one made up around the neuron above (offered only
 * while the page passes a batch), and `<explainer-vector-view>` with the chosen batch.
 *
 * @fires batch-origin-change - 'page' | 'made-up' when the person picks the other batch
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { VectorBatch } from '../../autograd/vector-backprop';
import { baseStyles } from '../components/theme';
import { tell, type BatchOrigin } from './events';
import './vector-view';

@customElement('explainer-batch')
export class ExplainerBatch extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
    label { display: inline-flex; gap: 5px; align-items: center; }
  `];

  /** The batch to show; nothing is drawn under the heading without one. */
  @property({ attribute: false }) batch?: VectorBatch;
  /** Where `batch` comes from, for the sentence that says so. */
  @property() origin: BatchOrigin = 'made-up';
  /** Whether the page passes a batch, so that the person can choose between the two. */
  @property({ type: Boolean }) pageAvailable = false;
  /** Whether the neuron above has a loss; without one the made-up batch uses mse. */
  @property({ type: Boolean }) neuronHasLoss = false;

  override render() {
    const b = this.batch;
    const source = this.origin === 'page'
      ? `The first ${b?.x.length ?? 0} samples of the page's dataset with the page's current parameters, loss and reduction.`
      : `A made-up batch of four samples around the neuron above: sample 1 is the graph's sample, the others are shifted copies${
          this.neuronHasLoss ? '' : '; with no loss chosen above, mse is used, as the engine trains with one'
        }.`;
    return html`
      <h3>The same pass for a batch, in vector form</h3>
      ${this.pageAvailable
        ? html`<label>batch
            <select name="batch-source" @change=${(e: Event) => tell(this, 'batch-origin-change', (e.target as HTMLSelectElement).value as BatchOrigin)}>
              <option value="page" ?selected=${this.origin === 'page'}>the page's dataset</option>
              <option value="made-up" ?selected=${this.origin === 'made-up'}>made up around the neuron above</option>
            </select>
          </label>`
        : nothing}
      ${b ? html`<explainer-vector-view .batch=${b} source=${source}></explainer-vector-view>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-batch': ExplainerBatch;
  }
}
