/**
 * `<explainer-panel>`: backpropagation through one neuron, shown as its computation graph
 * and walked one node at a time — the forward pass computes each value, the backward pass
 * each gradient, every backward step written as the chain rule in numbers. Below it, the
 * same pass for a small batch in vector form.
 *
 * The walk lives in `StepperController`, the steps' text in `planSteps`, the drawing in
 * `<explainer-graph>` and `<explainer-vector-view>`; this element holds the editable neuron
 * and wires them together.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { explain, type ExplainActivation, type Explanation, type NeuronToExplain } from '../../autograd/explain';
import type { VectorBatch } from '../../autograd/vector-backprop';
import { fmt } from './format';
import { layoutGraph, type GraphLayout } from './graph-layout';
import type { GraphView } from './graph-view';
import { PRESETS, RELU_NEURON, TANH_NEURON, copyNeuron, madeUpBatch, type PresetId } from './presets';
import { StepperController } from './stepper-controller';
import { planSteps, type BackwardStep } from './steps';
import { MAX_BATCH } from './vector-view';
import './graph-view';
import './vector-view';

/** One sample with the current parameters, as the page passes it in `.sample`. */
export type ExplainerSample = NeuronToExplain;
/** A few samples with the current parameters, as the page passes them in `.batch`. */
export type ExplainerBatch = VectorBatch;

const ACTIVATIONS: readonly ExplainActivation[] = ['identity', 'relu', 'tanh', 'sigmoid'];
/** The graph stays readable up to this many inputs. */
const MAX_INPUTS = 8;

type LossChoice = 'none' | 'mse' | 'bce';

@customElement('explainer-panel')
export class ExplainerPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-family: system-ui, sans-serif;
      color: #1f2933;
      line-height: 1.4;
    }
    .presets,
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0.5rem 0;
    }
    button {
      font: inherit;
      padding: 0.3rem 0.7rem;
      border: 1px solid #5b6573;
      border-radius: 4px;
      background: #ffffff;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: #1d5fbf;
      border-color: #1d5fbf;
      color: #ffffff;
    }
    button:disabled {
      opacity: 0.5;
      cursor: not-allowed;
    }
    button:focus-visible,
    input:focus-visible,
    select:focus-visible,
    .graph:focus-visible {
      outline: 3px solid #f59e0b;
      outline-offset: 2px;
    }
    fieldset {
      border: 1px solid #d0d5dc;
      border-radius: 6px;
      margin: 0.5rem 0;
    }
    .pairs,
    .rest {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1rem;
      align-items: center;
      margin: 0.25rem 0;
    }
    .pair {
      display: flex;
      gap: 0.5rem;
    }
    label {
      display: inline-flex;
      gap: 0.3rem;
      align-items: center;
    }
    input[type='number'] {
      width: 6.5rem;
      font: inherit;
    }
    select {
      font: inherit;
    }
    .note,
    .progress {
      color: #4a5563;
      font-size: 0.9em;
    }
    .error {
      color: #b3261e;
    }
    .step {
      min-height: 2.8em;
      padding: 0.4rem 0.6rem;
      border-left: 4px solid #b8bfc8;
      background: #f6f7f9;
      font-family: ui-monospace, monospace;
      font-size: 0.9em;
      white-space: pre-wrap;
    }
    .step.forward {
      border-left-color: #1d5fbf;
    }
    .step.backward {
      border-left-color: #c2410c;
    }
    .graph {
      overflow-x: auto;
      border: 1px solid #e3e6ea;
      border-radius: 6px;
      margin: 0.5rem 0;
    }
    dl.grads {
      display: grid;
      grid-template-columns: max-content auto;
      gap: 0.1rem 0.8rem;
      font-family: ui-monospace, monospace;
    }
    dl.grads dt {
      font-weight: 600;
    }
    dl.grads dd {
      margin: 0;
      color: #b3261e;
    }
    ol.log {
      font-family: ui-monospace, monospace;
      font-size: 0.85em;
      max-height: 16rem;
      overflow-y: auto;
    }
    h3 {
      font-size: 1.05rem;
      margin: 1.2rem 0 0.3rem;
    }
  `;

  /**
   * One sample of the page's dataset with the page's current weights and bias: the
   * "This sample, these parameters" preset, which stays disabled while this is unset.
   */
  @property({ attribute: false }) sample?: ExplainerSample;

  /**
   * Up to 8 samples with the page's current parameters, for the vector view. Without it
   * the vector view uses a small batch made up around the graph's neuron.
   */
  @property({ attribute: false }) batch?: ExplainerBatch;

  /** The preset last loaded (the neuron may have been edited since). */
  @state() private preset: PresetId = 'relu';
  /** The neuron being explained, as edited (a number left empty is NaN until fixed). */
  @state() private draft: NeuronToExplain = copyNeuron(RELU_NEURON);
  /** The target used when a loss is switched on, remembered while it is off. */
  @state() private target = 1;
  /** True when `.sample` changed while its walk was under way, so it was not reloaded. */
  @state() private sampleChanged = false;
  /** Which batch the vector view shows when the page passed one. */
  @state() private batchSource: 'page' | 'made-up' = 'page';

  /** The walk through the current neuron. */
  #stepper = new StepperController(this);
  /** The current neuron's graph, or the reason it cannot be computed. */
  #explanation?: Explanation;
  #layout?: GraphLayout;
  #error = '';
  /** Bumped whenever the inputs must show new numbers (a preset loaded, an input added). */
  #generation = 0;
  /** Whether the person has picked a preset; until then the page's sample is opened when it arrives. */
  #chosen = false;
  /** Whether the neuron was edited since its preset was loaded; edits are never overwritten. */
  #edited = false;

  constructor() {
    super();
    this.#rebuild();
  }

  /**
   * Recomputes the graph of `draft` and starts its walk from the beginning, or with
   * `keepPosition` where the walk was (same graph, new numbers).
   */
  #rebuild(keepPosition = false): void {
    try {
      this.#explanation = explain(this.draft);
      this.#layout = layoutGraph(this.#explanation.nodes);
      this.#error = '';
      this.#stepper.load(planSteps(this.#explanation), keepPosition);
    } catch (err) {
      this.#explanation = undefined;
      this.#layout = undefined;
      this.#error = (err as Error).message;
      this.#stepper.load(undefined);
    }
  }

  /** An edit by the person: the walk starts over. */
  #setDraft(next: NeuronToExplain, freshInputs = false): void {
    this.#edited = true;
    this.draft = next;
    if (freshInputs) this.#generation++;
    this.#rebuild();
  }

  #load(id: PresetId, keepPosition = false): void {
    const source = id === 'relu' ? RELU_NEURON : id === 'tanh' ? TANH_NEURON : this.sample;
    if (!source) return;
    this.preset = id;
    this.sampleChanged = false;
    this.#edited = false;
    this.draft = copyNeuron({ ...source, inputs: Array.from(source.inputs), weights: Array.from(source.weights) });
    this.target = this.draft.loss?.target ?? 1;
    this.#generation++;
    this.#rebuild(keepPosition);
  }

  #choose(id: PresetId): void {
    this.#chosen = true;
    this.#load(id);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('sample') || !this.sample) return;
    const s = this.#stepper;
    // Reloading re-creates the number inputs, which would lose a number being typed.
    const typing = this.shadowRoot?.activeElement?.closest('fieldset') != null;
    const untouched = (s.forwardTaken === 0 || s.finished) && !typing;
    if (!this.#chosen && !this.#edited && this.preset !== 'sample' && s.forwardTaken === 0 && !typing) {
      // Opened inside the page: start on the page's own sample.
      this.#load('sample');
    } else if (this.preset === 'sample') {
      // Follow the page's parameters as they train, but never pull the numbers away from
      // under a walk in progress or overwrite an edit: say so instead.
      if (untouched && !this.#edited) this.#load('sample', true);
      else this.sampleChanged = true;
    }
  }

  #number(e: Event): number {
    return (e.target as HTMLInputElement).valueAsNumber;
  }

  #setInput(field: 'inputs' | 'weights', i: number, e: Event): void {
    const values = [...this.draft[field]];
    values[i] = this.#number(e);
    this.#setDraft({ ...this.draft, [field]: values });
  }

  #resize(delta: 1 | -1): void {
    const n = this.draft.inputs.length + delta;
    if (n < 1 || n > MAX_INPUTS) return;
    const grow = (v: number[]) => (delta > 0 ? [...v, 1] : v.slice(0, n));
    this.#setDraft({ ...this.draft, inputs: grow(this.draft.inputs), weights: grow(this.draft.weights) }, true);
  }

  #setActivation(e: Event): void {
    this.#setDraft({ ...this.draft, activation: (e.target as HTMLSelectElement).value as ExplainActivation });
  }

  #setLoss(e: Event): void {
    const kind = (e.target as HTMLSelectElement).value as LossChoice;
    const { loss: _old, ...rest } = this.draft;
    this.#setDraft(kind === 'none' ? rest : { ...rest, loss: { kind, target: this.target } });
  }

  #setTarget(e: Event): void {
    this.target = this.#number(e);
    if (this.draft.loss) this.#setDraft({ ...this.draft, loss: { ...this.draft.loss, target: this.target } });
  }

  /** What the graph shows at the current point of the walk. */
  #graphView(): GraphView {
    const s = this.#stepper;
    const current = s.current;
    const activeEdges = new Set<string>();
    const nodes = this.#explanation?.nodes ?? [];
    if (current?.phase === 'forward') {
      const node = nodes.find((n) => n.id === current.step.nodeId);
      for (const p of node?.parents ?? []) activeEdges.add(`${p}>${current.step.nodeId}`);
    } else if (current?.phase === 'backward') {
      for (const t of (current.step as BackwardStep).terms) activeEdges.add(`${current.step.nodeId}>${t.consumerId}`);
    }
    return {
      valueKnown: (id) => s.valueKnown(id),
      gradKnown: (id) => s.gradKnown(id),
      current: current && { id: current.step.nodeId, phase: current.phase },
      activeEdges,
      lossId: s.plan?.hasLoss ? s.plan.rootId : undefined,
    };
  }

  #renderPresets() {
    const current = PRESETS.find((p) => p.id === this.preset)!;
    return html`
      <div class="presets" role="group" aria-label="Presets">
        ${PRESETS.map(
          (p) => html`<button
            type="button"
            aria-pressed=${String(p.id === this.preset)}
            ?disabled=${p.id === 'sample' && !this.sample}
            title=${p.id === 'sample' && !this.sample ? 'Available once the page has a dataset and parameters' : p.description}
            @click=${() => this.#choose(p.id)}
          >${p.title}</button>`,
        )}
      </div>
      <p class="note">${current.description}</p>
      ${this.sampleChanged
        ? html`<p class="note" role="status">
            The page's parameters have changed since this sample was loaded; press “${current.title}” to load them.
          </p>`
        : nothing}
    `;
  }

  #renderEditor() {
    const n = this.draft;
    const shown = (v: number) => (Number.isFinite(v) ? String(v) : '');
    const lossChoice: LossChoice = n.loss?.kind ?? 'none';
    return keyed(
      this.#generation,
      html`<fieldset class="editor">
        <legend>Neuron (edit any number; the walk starts over)</legend>
        <div class="pairs">
          ${n.inputs.map(
            (x, i) => html`<span class="pair">
              <label>x${i + 1} <input type="number" step="any" name=${`x${i + 1}`} .value=${shown(x)}
                @change=${(e: Event) => this.#setInput('inputs', i, e)} /></label>
              <label>w${i + 1} <input type="number" step="any" name=${`w${i + 1}`} .value=${shown(n.weights[i])}
                @change=${(e: Event) => this.#setInput('weights', i, e)} /></label>
            </span>`,
          )}
        </div>
        <div class="rest">
          <button type="button" ?disabled=${n.inputs.length >= MAX_INPUTS} @click=${() => this.#resize(1)}>add input</button>
          <button type="button" ?disabled=${n.inputs.length <= 1} @click=${() => this.#resize(-1)}>remove input</button>
          <label>b <input type="number" step="any" name="b" .value=${shown(n.bias)}
            @change=${(e: Event) => this.#setDraft({ ...this.draft, bias: this.#number(e) })} /></label>
          <label>activation
            <select name="activation" @change=${this.#setActivation}>
              ${ACTIVATIONS.map((a) => html`<option value=${a} ?selected=${a === n.activation}>${a}</option>`)}
            </select>
          </label>
          <label>loss
            <select name="loss" @change=${this.#setLoss}>
              <option value="none" ?selected=${lossChoice === 'none'}>none (gradient 1 at a)</option>
              <option value="mse" ?selected=${lossChoice === 'mse'}>mse: (a − y)²</option>
              <option value="bce" ?selected=${lossChoice === 'bce'}>bce (sigmoid only)</option>
            </select>
          </label>
          <label>target y <input type="number" step="any" name="target" .value=${shown(this.target)}
            ?disabled=${!n.loss} @change=${this.#setTarget} /></label>
        </div>
      </fieldset>`,
    );
  }

  #renderControls() {
    const s = this.#stepper;
    const plan = s.plan;
    const wholeLabel = s.canStepForward ? 'Finish the forward pass' : 'Finish the backward pass';
    return html`
      <div class="controls" role="group" aria-label="Step through the passes">
        <button type="button" ?disabled=${!s.canStepForward} @click=${() => s.stepForward()}
          title="Compute the value of the next node">step forward</button>
        <button type="button" ?disabled=${!s.canStepBackward} @click=${() => s.stepBackward()}
          title=${s.canStepForward ? 'Available once the forward pass is complete' : 'Compute the gradient of the next node, from the output back'}
          >step backward</button>
        <button type="button" ?disabled=${!plan || s.finished} @click=${() => s.wholePass()}
          title=${wholeLabel} aria-description=${wholeLabel}>whole pass</button>
        <button type="button" ?disabled=${!plan || (s.forwardTaken === 0 && s.backwardTaken === 0)} @click=${() => s.reset()}
          title="Forget every computed value and gradient">reset</button>
        ${plan
          ? html`<span class="progress">forward ${s.forwardTaken}/${plan.forward.length}, backward ${s.backwardTaken}/${plan.backward.length}</span>`
          : nothing}
      </div>
    `;
  }

  #stepText(): { text: string; phase: string } {
    const s = this.#stepper;
    const current = s.current;
    if (!s.plan) return { text: '', phase: '' };
    if (!current) {
      return { text: 'Nothing computed yet: only the inputs, weights and bias (and a target) are known. Press “step forward”.', phase: '' };
    }
    const head = `${current.phase === 'forward' ? 'Forward' : 'Backward'} step ${current.index + 1} of ${current.count}: `;
    const tail = current.phase === 'forward' && !s.canStepForward ? '\nForward pass done. Press “step backward” to start the backward pass.' : '';
    const done = s.finished ? '\nBackward pass done: every gradient is known.' : '';
    return { text: head + current.step.text + tail + done, phase: current.phase };
  }

  #renderGradients() {
    const e = this.#explanation;
    if (!e) return nothing;
    const s = this.#stepper;
    const leaf = (label: string) => e.nodes.find((n) => n.label === label)!;
    const show = (label: string) => {
      const n = leaf(label);
      return s.gradKnown(n.id) ? fmt(n.grad) : '?';
    };
    const d = e.grads.inputs.length;
    const list = (prefix: string) => `[${Array.from({ length: d }, (_, i) => show(`${prefix}${i + 1}`)).join(', ')}]`;
    return html`
      <dl class="grads" aria-label="Gradients so far (? = not computed yet)">
        <dt>dL/dx</dt><dd data-name="dx">${list('x')}</dd>
        <dt>dL/dw</dt><dd data-name="dw">${list('w')}</dd>
        <dt>dL/db</dt><dd data-name="db">${show('b')}</dd>
        <dt>a</dt><dd data-name="output">${s.valueKnown(leaf('a').id) ? fmt(e.output) : '?'}</dd>
      </dl>
    `;
  }

  #renderVector() {
    const valid = this.#explanation !== undefined;
    const usePage = this.batch !== undefined && (this.batchSource === 'page' || !valid);
    const batch = usePage ? this.batch : valid ? madeUpBatch(this.draft) : undefined;
    const source = usePage
      ? `The first samples of the page's dataset (at most ${MAX_BATCH}) with the page's current parameters.`
      : `A made-up batch of four samples around the neuron above: sample 1 is the graph's sample, the others are shifted copies${
          this.draft.loss ? '' : '; with no loss chosen above, mse is used, as the engine trains with one'
        }.`;
    return html`
      <h3>The same pass for a batch, in vector form</h3>
      ${this.batch
        ? html`<label>batch
            <select name="batch-source" @change=${(e: Event) => (this.batchSource = (e.target as HTMLSelectElement).value as 'page' | 'made-up')}>
              <option value="page" ?selected=${this.batchSource === 'page'}>the page's dataset</option>
              <option value="made-up" ?selected=${this.batchSource === 'made-up'}>made up around the neuron above</option>
            </select>
          </label>`
        : nothing}
      ${batch ? html`<explainer-vector-view .batch=${batch} source=${source}></explainer-vector-view>` : nothing}
    `;
  }

  override render() {
    const step = this.#stepText();
    const taken = this.#stepper.taken;
    return html`
      <p class="note">
        One neuron, one sample: a = f(x1·w1 + … + xn·wn + b). The forward pass computes each node's value from its
        operands; the backward pass computes each node's gradient dL/d(node) from the nodes that use it, by the chain
        rule: ∂(consumer)/∂(node), the local derivative, × dL/d(consumer), the gradient that arrived.
      </p>
      ${this.#renderPresets()} ${this.#renderEditor()}
      ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : nothing}
      ${this.#renderControls()}
      <p class=${`step ${step.phase}`} role="status" aria-live="polite">${step.text}</p>
      ${this.#explanation
        ? html`<div class="graph" tabindex="0" role="region" aria-label="Computation graph (scrolls sideways)">
            <explainer-graph .nodes=${this.#explanation.nodes} .layout=${this.#layout} .view=${this.#graphView()}></explainer-graph>
          </div>`
        : nothing}
      ${this.#renderGradients()}
      ${taken.length > 0
        ? html`<details>
            <summary>All steps so far (${taken.length})</summary>
            <ol class="log">${taken.map((t) => html`<li>${t.phase}: ${t.step.text}</li>`)}</ol>
          </details>`
        : nothing}
      ${this.#renderVector()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-panel': ExplainerPanel;
  }
}
