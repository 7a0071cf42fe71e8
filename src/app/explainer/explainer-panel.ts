/**
 * `<explainer-panel>`: backpropagation through one neuron, shown as its computation graph
 * and walked one node at a time — the forward pass computes each value, the backward pass
 * each gradient, every backward step written as the chain rule in numbers. Below it, the
 * same pass for a small batch in vector form.
 *
 * The state and its transitions live in `ExplainerController`; this element passes the
 * page's sample and batch to it, draws it through small views (presets, editor, step
 * controls, graph, gradients, batch) and hands their events back to it.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NeuronToExplain } from '../../autograd/explain';
import type { VectorBatch } from '../../autograd/vector-backprop';
import { baseStyles, palette } from '../components/theme';
import { ExplainerController } from './explainer-controller';
import './batch-section';
import './gradients-list';
import './graph-view';
import './neuron-editor';
import './presets-bar';
import './step-controls';

/** One sample with the current parameters, as the page passes it in `.sample`. */
export type ExplainerSample = NeuronToExplain;
/** A few samples with the current parameters, as the page passes them in `.batch`. */
export type ExplainerBatch = VectorBatch;

@customElement('explainer-panel')
export class ExplainerPanel extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    p { margin: 8px 0; }
    .error { color: ${palette.error}; }
    .graph { overflow-x: auto; border: 1px solid ${palette.rule}; border-radius: 6px; margin: 8px 0; }
  `];

  /**
   * One sample of the page's dataset with the page's current weights and bias: the
   * "This sample, these parameters" preset, which stays disabled while this is unset.
   */
  @property({ attribute: false }) sample?: ExplainerSample;

  /**
   * A few samples of the page's dataset with the page's current parameters, for the vector
   * view (up to `MAX_BATCH` are drawn). Without it the vector view uses a small batch made
   * up around the graph's neuron.
   */
  @property({ attribute: false }) batch?: ExplainerBatch;

  /** The neuron, the walk and every choice made in the panel. */
  #state = new ExplainerController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('sample')) return;
    const typing = this.renderRoot.querySelector('explainer-editor')?.hasFocus ?? false;
    this.#state.setPageSample(this.sample, typing);
  }

  override render() {
    const c = this.#state;
    const e = c.explanation;
    const vector = c.vectorBatch(this.batch);
    return html`
      <p class="muted">
        One neuron, one sample: a = f(x1·w1 + … + xn·wn + b). The forward pass computes each node's value from its
        operands; the backward pass computes each node's gradient dL/d(node) from the nodes that use it, by the chain
        rule: ∂(consumer)/∂(node), the local derivative, × dL/d(consumer), the gradient that arrived.
      </p>
      <explainer-presets .selected=${c.preset} ?sampleAvailable=${c.hasPageSample} ?sampleChanged=${c.sampleChanged}
        @preset-choose=${(ev: HTMLElementEventMap['preset-choose']) => c.choose(ev.detail)}></explainer-presets>
      <explainer-editor .neuron=${c.draft} .target=${c.target} .generation=${c.generation}
        @neuron-edit=${(ev: HTMLElementEventMap['neuron-edit']) => c.edit(ev.detail)}></explainer-editor>
      ${c.error ? html`<p class="error" role="alert">${c.error}</p>` : nothing}
      <explainer-step-controls .walk=${c.walk()} .announcement=${c.announcement()}
        @step-command=${(ev: HTMLElementEventMap['step-command']) => c.step(ev.detail)}></explainer-step-controls>
      ${e
        ? html`<div class="graph" tabindex="0" role="region" aria-label="Computation graph (scrolls sideways)">
            <explainer-graph .nodes=${e.nodes} .layout=${c.layout} .view=${c.graphView()}></explainer-graph>
          </div>`
        : nothing}
      <explainer-gradients .gradients=${c.gradientsSoFar()}
        .log=${c.stepper.taken.map((t) => ({ phase: t.phase, text: t.step.text }))}></explainer-gradients>
      <explainer-batch .batch=${vector.batch} .origin=${vector.origin} ?pageAvailable=${this.batch !== undefined}
        ?neuronHasLoss=${c.draft.loss !== undefined}
        @batch-origin-change=${(ev: HTMLElementEventMap['batch-origin-change']) => c.setBatchOrigin(ev.detail)}></explainer-batch>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-panel': ExplainerPanel;
  }
}
