/**
 * `<explainer-editor>`: the form that edits the neuron being explained — each input and
 * its weight, the bias, the activation, the loss and its target — and adds or removes inputs.
 * It keeps no numbers of its own: every committed field becomes a `neuron-edit` event, and
 * the fields are drawn afresh from `neuron` whenever `generation` changes.
 *
 * @fires neuron-edit - a `NeuronEdit`: which field changed and its new value (NaN when emptied)
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ExplainActivation, NeuronToExplain } from '../../autograd/explain';
import { ACTIVATIONS, activationFunction } from '../../engine/functions/activations';
import { baseStyles, palette } from '../components/theme';
import { tell, type LossChoice, type NeuronEdit } from './events';
import { MAX_INPUTS } from './explainer-controller';
import { RELU_NEURON } from './presets';

/** The activations offered, in the engine's order (the explainer computes every one of them). */
const ACTIVATION_CHOICES: readonly ExplainActivation[] = ACTIVATIONS;

/** A number field's text: empty for NaN, the state of a field the person emptied. */
const shown = (v: number) => (Number.isFinite(v) ? String(v) : '');
const numberIn = (e: Event) => (e.target as HTMLInputElement).valueAsNumber;
const choiceIn = (e: Event) => (e.target as HTMLSelectElement).value;

@customElement('explainer-editor')
export class ExplainerEditor extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    fieldset { border: 1px solid ${palette.rule}; border-radius: 6px; margin: 8px 0; }
    .pairs, .rest { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 4px 0; }
    .pair { display: flex; gap: 8px; }
    label { display: inline-flex; gap: 5px; align-items: center; }
    input[type='number'] { width: 7.5rem; }
  `];

  /** The neuron as edited (numbers may be NaN while a field is empty). */
  @property({ attribute: false }) neuron: NeuronToExplain = RELU_NEURON;
  /** The target y, remembered while no loss is chosen. */
  @property({ type: Number }) target = 1;
  /** Bumped by the owner when the fields must show new numbers (a preset loaded, an input added). */
  @property({ type: Number }) generation = 0;

  /** Whether the focus is in the form: redrawing it then would lose a number being typed. */
  get hasFocus(): boolean {
    return this.shadowRoot?.activeElement != null;
  }

  override render() {
    const n = this.neuron;
    const loss: LossChoice = n.loss?.kind ?? 'none';
    return keyed(this.generation, html`<fieldset>
      <legend>Neuron (edit any number; the walk starts over)</legend>
      <div class="pairs">
        ${n.inputs.map((x, i) => html`<span class="pair">
          <label>x${i + 1} <input type="number" step="any" name=${`x${i + 1}`} .value=${shown(x)}
            @change=${(e: Event) => this.#edit({ kind: 'input', field: 'inputs', index: i, value: numberIn(e) })} /></label>
          <label>w${i + 1} <input type="number" step="any" name=${`w${i + 1}`} .value=${shown(n.weights[i])}
            @change=${(e: Event) => this.#edit({ kind: 'input', field: 'weights', index: i, value: numberIn(e) })} /></label>
        </span>`)}
      </div>
      <div class="rest">
        <button type="button" ?disabled=${n.inputs.length >= MAX_INPUTS} @click=${() => this.#edit({ kind: 'resize', delta: 1 })}>add input</button>
        <button type="button" ?disabled=${n.inputs.length <= 1} @click=${() => this.#edit({ kind: 'resize', delta: -1 })}>remove input</button>
        <label>b <input type="number" step="any" name="b" .value=${shown(n.bias)}
          @change=${(e: Event) => this.#edit({ kind: 'bias', value: numberIn(e) })} /></label>
        <label>activation
          <select name="activation" @change=${(e: Event) => this.#edit({ kind: 'activation', activation: choiceIn(e) as ExplainActivation })}>
            ${ACTIVATION_CHOICES.map((a) => html`<option value=${a} ?selected=${a === n.activation}>${activationFunction(a).label}</option>`)}
          </select>
        </label>
        <label>loss
          <select name="loss" @change=${(e: Event) => this.#edit({ kind: 'loss', loss: choiceIn(e) as LossChoice })}>
            <option value="none" ?selected=${loss === 'none'}>none (gradient 1 at a)</option>
            <option value="mse" ?selected=${loss === 'mse'}>mse: (a − y)²</option>
            <option value="bce" ?selected=${loss === 'bce'}>bce (sigmoid only)</option>
          </select>
        </label>
        <label>target y <input type="number" step="any" name="target" .value=${shown(this.target)}
          ?disabled=${!n.loss} @change=${(e: Event) => this.#edit({ kind: 'target', value: numberIn(e) })} /></label>
      </div>
    </fieldset>`);
  }

  #edit(edit: NeuronEdit): void {
    tell(this, 'neuron-edit', edit);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-editor': ExplainerEditor;
  }
}
