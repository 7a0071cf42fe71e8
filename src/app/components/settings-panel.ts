import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { GpuMemoryRecord } from '../../index';
import { formatCount } from '../model/format';
import { gpuCapacityHint } from '../model/gpu-capacity-hint';
import { allowedLosses } from '../state/reconcile';
import {
  ACTIVATION_CHOICES, BACKEND_CHOICES, BATCH_MODES, DATASETS, LIMITS, REDUCTION_CHOICES, maxSamples,
  type Settings,
} from '../state/settings';
import { ACTIVATIONS, activationFunction } from '../../engine/functions/activations';
import { lossAccepts, lossFunction, type LossKind } from '../../engine/functions/losses';
import { emit } from './events';
import { baseStyles, palette } from './theme';

const LABELS: Record<string, string> = {
  celsius: 'Celsius → °F',
  linear: 'Random line',
  blobs: 'Two blobs',
  table: 'Your data…',
  mse: 'Squared error',
  bce: 'Cross-entropy',
  full: 'Full batch',
  mini: 'Mini-batch',
  sgd: 'Stochastic',
  mean: 'Mean',
  sum: 'Sum',
  auto: 'Auto',
  gpu: 'GPU (WebGPU)',
  cpu: 'CPU',
  ...Object.fromEntries(ACTIVATIONS.map((a) => [a, activationFunction(a).label])),
};

/** The labels of the activations a loss accepts: "Sigmoid". */
function activationLabels(loss: LossKind): string {
  return (lossFunction(loss).onlyWith ?? ACTIVATIONS).map((a) => activationFunction(a).label).join(' or ');
}

/** Sample counts the slider stops at: 1, 2, 5, 10, 20, 50, ... up to `max`. */
function ladder(max: number): number[] {
  const stops: number[] = [];
  for (let p = 1; p <= max; p *= 10) for (const m of [1, 2, 5]) if (m * p <= max) stops.push(m * p);
  return stops;
}

/** Index of the stop nearest to n on a log scale. */
function nearestStop(stops: number[], n: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++) {
    if (Math.abs(Math.log(stops[i] / n)) < Math.abs(Math.log(stops[best] / n))) best = i;
  }
  return best;
}

/**
 * Every setting of the run, as labelled form controls. It draws `settings` and reports
 * each edit as the text the control holds; the page parses it.
 *
 * @fires setting-edit - { key, raw } when a control is committed.
 */
@customElement('settings-panel')
export class SettingsPanel extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    fieldset {
      border: none;
      margin: 0 0 10px;
      padding: 0;
      display: grid;
      grid-template-columns: 7.5em minmax(0, 1fr);
      gap: 6px 8px;
      align-items: center;
    }
    legend {
      font-size: 12px;
      font-weight: 600;
      letter-spacing: 0.05em;
      text-transform: uppercase;
      color: ${palette.heading};
      padding: 0 0 6px;
    }
    label { color: ${palette.label}; }
    select, input[type='number'] { width: 100%; }
    .wide { grid-column: 1 / -1; }
    input[type='range'] { margin: 0; accent-color: ${palette.accent}; }
    .hint { grid-column: 1 / -1; margin: -2px 0 2px; }
    .warn { color: ${palette.caution}; }
  `];

  /** The settings to show. */
  @property({ attribute: false }) settings!: Settings;
  /** Most bytes of dataset the GPU's limits allow (the engine's gpuStatus), when known. */
  @property({ type: Number }) gpuCapacityBytes: number | undefined;
  /** What the GPU held and refused in this session (the engine's gpuMemoryRecord). */
  @property({ attribute: false }) gpuMemory: GpuMemoryRecord = {};

  /** Sample count under the slider while it is dragged, before it is committed. */
  @state() private draggedN: number | null = null;

  override render() {
    const s = this.settings;
    const maxN = maxSamples(s.features);
    const stops = ladder(maxN);
    const shownN = this.draggedN ?? s.n;
    // A loaded table fixes its rows and features (chosen in the table panel) and has no noise.
    const tableShape = s.dataset === 'table';
    return html`
      <fieldset>
        <legend>Data</legend>
        ${this.#select('dataset', 'Dataset', DATASETS)}
        <label for="n">Samples</label>
        <input id="n" type="number" min="1" max=${maxN} step="1" .value=${live(String(shownN))} ?disabled=${tableShape}
          @change=${(e: Event) => this.#edit('n', e)}>
        <input class="wide" type="range" aria-label="Samples (logarithmic slider)" min="0" max=${stops.length - 1} step="1"
          .value=${live(String(nearestStop(stops, shownN)))}
          aria-valuetext=${`${formatCount(shownN)} samples`} ?disabled=${tableShape}
          @input=${(e: Event) => { this.draggedN = stops[Number((e.target as HTMLInputElement).value)]; }}
          @change=${(e: Event) => this.#commitSlider(stops, e)}>
        ${tableShape ? html`<p class="hint muted">Rows and features are the table's: choose its columns below.</p>` : nothing}
        <p class="hint muted">
          1 to ${formatCount(maxN)} rows: the engine holds at most 2<sup>29</sup> values, n·(d+1).
          ${s.backend === 'cpu' ? nothing : this.#gpuHint(s)}
        </p>
        ${this.#number('features', 'Features', { min: 1, max: LIMITS.maxFeatures, disabled: s.dataset === 'celsius' || tableShape })}
        ${this.#number('noise', 'Noise', { min: 0, step: 'any', disabled: tableShape })}
        ${this.#number('seed', 'Seed', { min: 0, max: LIMITS.maxSeed })}
      </fieldset>
      <fieldset>
        <legend>Neuron</legend>
        ${this.#select('activation', 'Activation', ACTIVATION_CHOICES)}
        ${this.#select('loss', 'Loss', allowedLosses(s))}
        ${s.dataset === 'blobs' && !lossAccepts('bce', s.activation)
          ? html`<p class="hint muted">Binary cross-entropy needs the ${activationLabels('bce')} activation.</p>`
          : nothing}
      </fieldset>
      <fieldset>
        <legend>Training</legend>
        ${this.#number('learningRate', 'Learning rate', { min: 0, step: 'any' })}
        ${this.#select('batchMode', 'Batch', BATCH_MODES)}
        ${s.batchMode === 'mini' ? this.#number('batchSize', 'Batch size', { min: 1, max: s.n }) : nothing}
        ${this.#select('reduction', 'Reduction', REDUCTION_CHOICES)}
        ${this.#number('epochs', 'Epochs', { min: 1, max: LIMITS.maxEpochs })}
      </fieldset>
      <fieldset>
        <legend>Hardware</legend>
        ${this.#select('backend', 'Backend', BACKEND_CHOICES)}
      </fieldset>
    `;
  }

  /** What the GPU can take, next to the sample count (see gpuCapacityHint). */
  #gpuHint(s: Settings): TemplateResult {
    const capacity = this.gpuCapacityBytes;
    if (capacity === undefined) {
      return s.n > LIMITS.gpuComfortRows
        ? html`<span class="warn">Above about ${formatCount(LIMITS.gpuComfortRows)} rows (2<sup>25</sup>) a GPU may not hold the data; the engine will say so.</span>`
        : html`GPUs hold about ${formatCount(LIMITS.gpuComfortRows)} rows (2<sup>25</sup>) with ease.`;
    }
    const hint = gpuCapacityHint(s.n, s.features, capacity, this.gpuMemory);
    return html`<span class=${hint.warn ? 'warn' : ''} data-testid="gpu-capacity">${hint.text}</span>`;
  }

  #select<K extends keyof Settings>(key: K, label: string, options: readonly string[]): TemplateResult {
    const value = String(this.settings[key]);
    // ?selected picks the option when the options are new (first render, another
    // list); .value does when they are not and the person has touched the select.
    return html`
      <label for=${key}>${label}</label>
      <select id=${key} .value=${live(value)} @change=${(e: Event) => this.#edit(key, e)}>
        ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${LABELS[o] ?? o}</option>`)}
      </select>`;
  }

  #number(key: keyof Settings, label: string, o: { min?: number; max?: number; step?: string; disabled?: boolean }): TemplateResult {
    return html`
      <label for=${key}>${label}</label>
      <input id=${key} type="number" min=${o.min ?? nothing} max=${o.max ?? nothing} step=${o.step ?? '1'}
        ?disabled=${o.disabled ?? false} .value=${live(String(this.settings[key]))}
        @change=${(e: Event) => this.#edit(key, e)}>`;
  }

  #commitSlider(stops: number[], e: Event): void {
    this.draggedN = null;
    emit(this, 'setting-edit', { key: 'n', raw: String(stops[Number((e.target as HTMLInputElement).value)]) });
    this.requestUpdate();
  }

  #edit(key: keyof Settings, e: Event): void {
    emit(this, 'setting-edit', { key, raw: (e.target as HTMLInputElement | HTMLSelectElement).value });
    // A rejected value leaves `settings` as it was, so nothing would re-render; this
    // render puts the kept value back in the control (the live() bindings compare).
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-panel': SettingsPanel;
  }
}
