import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatMs } from '../../engine/format-ms';
import { formatCompact, formatCount } from '../model/format';
import { CONTENDER_NAMES, scalingSizes, SURFACE_RESOLUTION, type ScalingRow } from '../model/scaling-run';
import { ceilingFor, type HardwareCeilings } from '../model/hardware-ceilings';
import { gbPerSecond, speedupAt, speedupOverTfjs } from '../model/scaling-table';
import { LIMITS } from '../state/settings';
import { emit } from './events';
import './scaling-chart';
import { baseStyles, cardStyles, palette } from './theme';

/**
 * The scaling benchmark: choose the largest size (and whether TF.js runs too), run, watch
 * the progress, cancel, read the chart and the table, download the table.
 *
 * @fires scaling-start - run the benchmark
 * @fires scaling-cancel - stop it
 * @fires scaling-download - save the table as CSV
 * @fires scaling-ceilings - measure the hardware's read ceilings
 * @fires setting-edit - { key: 'scalingMaxExp', raw } from the size choice, { key: 'scalingTfjs', raw: 'on' | 'off' } from the TF.js box,
 *   { key: 'scalingSurface', raw: 'on' | 'off' } from the loss surface box
 */
@customElement('scaling-panel')
export class ScalingPanel extends LitElement {
  static override styles = [baseStyles, cardStyles, css`
    :host { display: grid; gap: 12px; }
    .bar { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
    progress { flex: 1; min-width: 10em; height: 10px; accent-color: ${palette.accent}; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { text-align: right; padding: 4px 10px; border-bottom: 1px solid ${palette.rule}; }
    th:nth-child(2), td:nth-child(2) { text-align: left; }
    th { font-size: 12px; color: ${palette.muted}; font-weight: 600; }
    .run { background: ${palette.accent}; border-color: ${palette.accent}; color: ${palette.onAccent}; font-weight: 600; }
    .run:hover:not(:disabled) { background: ${palette.accentHover}; }
    .check { display: inline-flex; gap: 6px; align-items: center; }
    .grow { flex: 1; }
  `];

  @property({ attribute: false }) rows: ScalingRow[] = [];
  @property({ type: Boolean }) running = false;
  /** Share done, 0..1. */
  @property({ type: Number }) fraction = 0;
  /** What is measured now. */
  @property() label = '';
  /** Milliseconds the sweep has left, once they can be estimated. */
  @property({ type: Number }) msLeft: number | undefined;
  /** A sentence about the last run. */
  @property() note = '';
  /** Largest size as a power of ten. */
  @property({ type: Number }) maxExp = 5;
  /** A one-line description of the model measured. */
  @property() model = '';
  /** Whether TensorFlow.js (webgpu backend) is timed as well. */
  @property({ type: Boolean }) tfjs = false;
  /** Whether a small loss surface is timed too at each size, on each of our backends. */
  @property({ type: Boolean }) surface = false;
  /** Rows of the loaded table the benchmark runs on (its first rows); undefined for a generated set. */
  @property({ type: Number }) tableRows: number | undefined;
  /** The CPU's and GPU's read ceilings, once measured. */
  @property({ attribute: false }) ceilings: HardwareCeilings | null = null;
  @property({ type: Boolean }) measuringCeilings = false;

  #ceilingsLine() {
    const c = this.ceilings;
    const side = (name: string, v: HardwareCeilings['cpu'] | HardwareCeilings['gpu']) => ('error' in v ? `${name}: not measured (${v.error})`
      : `${name} ${v.gbPerSecond.toPrecision(3)} GB/s${'workers' in v ? ` (${v.workers} workers, WebAssembly SIMD)` : ` (read-only sum; copy ${v.copyGbPerSecond.toPrecision(3)} GB/s)`}`);
    return html`<div class="bar">
      <span class="grow" data-testid="scaling-ceilings">${c ? `Read ceilings: ${side('CPU', c.cpu)}; ${side('GPU', c.gpu)}.`
        : this.measuringCeilings ? 'Measuring the read ceilings…' : 'How close is each line to its hardware? Measure what the CPU and the GPU can read (64 MiB, a few seconds, once per session).'}</span>
      <button ?disabled=${this.running || this.measuringCeilings || c !== null} @click=${() => emit(this, 'scaling-ceilings', undefined)}>Measure read ceilings</button>
    </div>`;
  }

  override render() {
    const sizes = scalingSizes(this.maxExp, this.tableRows);
    // The surface column shows while its box is ticked or any row has a surface time.
    const surfaceColumn = this.surface || this.rows.some((r) => r.surfaceMs !== undefined);
    const exps: number[] = [];
    for (let e = LIMITS.minScalingExp; e <= LIMITS.maxScalingExp; e++) exps.push(e);
    return html`
      <section class="card">
        <h2>Milliseconds per epoch, CPU and GPU${this.tfjs ? ', and TF.js' : ''}</h2>
        <p class="muted">The current model (${this.model}), full batch, at ${sizes.map(formatCompact).join(', ')} samples.
          Each size trains one warm-up epoch before the clock starts, then a few epochs that are timed.
          TF.js trains the same data from the same weights with its own ops (tf.train.sgd, one minimize per epoch);
          it is loaded only when its box is ticked. "Time the loss surface too" adds, at each size, the time of a
          ${SURFACE_RESOLUTION} × ${SURFACE_RESOLUTION} loss surface over w0 and b on each of our backends.</p>
        <div class="bar">
          <label for="max">Up to</label>
          <select id="max" .value=${String(this.maxExp)} ?disabled=${this.running}
            @change=${(e: Event) => emit(this, 'setting-edit', { key: 'scalingMaxExp', raw: (e.target as HTMLSelectElement).value })}>
            ${exps.map((e) => html`<option value=${e} ?selected=${e === this.maxExp}>${formatCount(10 ** e)} samples</option>`)}
          </select>
          <label class="check"><input type="checkbox" .checked=${this.tfjs} ?disabled=${this.running}
            @change=${(e: Event) => emit(this, 'setting-edit', { key: 'scalingTfjs', raw: (e.target as HTMLInputElement).checked ? 'on' : 'off' })}>
            Add TF.js (WebGPU)</label>
          <label class="check"><input type="checkbox" .checked=${this.surface} ?disabled=${this.running}
            @change=${(e: Event) => emit(this, 'setting-edit', { key: 'scalingSurface', raw: (e.target as HTMLInputElement).checked ? 'on' : 'off' })}>
            Time the loss surface too</label>
          <button class="run" ?disabled=${this.running || this.measuringCeilings} @click=${() => emit(this, 'scaling-start', undefined)}>Run scaling</button>
          <button ?disabled=${!this.running} @click=${() => emit(this, 'scaling-cancel', undefined)}>Cancel</button>
          <progress max="1" .value=${this.fraction} aria-label="Scaling progress"></progress>
          <span class="muted" data-testid="scaling-label">${this.running ? this.label : this.rows.length ? 'finished' : ''}</span>
          ${this.running && this.msLeft !== undefined ? html`<span class="muted" data-testid="scaling-time-left">about ${formatMs(this.msLeft)} left</span>` : nothing}
          <span class="sr-only" role="status">${this.running ? `Measuring ${this.label.split(':')[0]}` : this.rows.length ? 'Scaling finished' : ''}</span>
        </div>
        ${this.note ? html`<p data-testid="scaling-note">${this.note}</p>` : nothing}
        <scaling-chart .rows=${this.rows} .sizes=${sizes}></scaling-chart>
      </section>
      <section class="card">
        <div class="bar">
          <h2 class="grow">Table</h2>
          <button ?disabled=${this.rows.length === 0} @click=${() => emit(this, 'scaling-download', undefined)}>Download CSV</button>
        </div>
        ${this.#ceilingsLine()}
        <table data-testid="scaling-table">
          <thead><tr><th>n</th><th>backend</th><th>epochs timed</th><th>ms / epoch</th><th>samples / s</th><th>GPU speedup</th>
            <th title="bytes of the dataset one epoch reads, per second">GB/s</th><th title="GB/s over the backend's measured read ceiling">of ceiling</th>
            ${surfaceColumn ? html`<th title="one ${SURFACE_RESOLUTION} × ${SURFACE_RESOLUTION} loss surface over w0 and b">surface ms</th>` : nothing}</tr></thead>
          <tbody>${this.rows.map((r) => {
            // GPU rows: how much faster than the CPU; TF.js rows: how much faster our GPU is than TF.js.
            const speedup = r.backend === 'gpu' ? speedupAt(this.rows, r.n) : r.backend === 'tfjs' ? speedupOverTfjs(this.rows, r.n) : NaN;
            const gb = gbPerSecond(r);
            const ceiling = ceilingFor(this.ceilings, r.backend);
            return html`<tr>
              <td>${formatCount(r.n)}</td><td>${CONTENDER_NAMES[r.backend]}</td><td>${r.epochs}</td>
              <td>${formatMs(r.msPerEpoch)}</td><td>${formatCompact((r.n * 1000) / r.msPerEpoch)}</td>
              <td title=${r.backend === 'tfjs' ? 'our GPU over TF.js' : 'our GPU over our CPU'}>${Number.isFinite(speedup) ? `${speedup.toPrecision(3)}×` : ''}</td>
              <td>${Number.isFinite(gb) ? gb.toPrecision(3) : ''}</td><td>${ceiling && Number.isFinite(gb) ? `${((100 * gb) / ceiling).toPrecision(2)} %` : ''}</td>
              ${surfaceColumn ? html`<td data-testid="scaling-surface-ms">${r.surfaceMs === undefined ? ''
                : `${formatMs(r.surfaceMs)}${r.surfaceMethod === 'closed-form' ? ' (closed form)' : ''}`}</td>` : nothing}</tr>`;
          })}</tbody>
        </table>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scaling-panel': ScalingPanel;
  }
}
