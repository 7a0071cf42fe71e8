import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Table } from '../../index';
import { emit } from '../components/events';
import { baseStyles } from '../components/theme';
import '../components/run-progress';
import { formatCount } from '../model/format';
import { columnStats } from './column-stats';

/** Rows of the table shown in the preview. */
const PREVIEW_ROWS = 5;

/** A value for the preview: float32 numbers in at most 6 significant digits. */
function cell(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/**
 * Loading one's own table: a file picker (a file dropped anywhere on the page comes
 * here too, through the page), a box to paste text into, the read's progress, the
 * refusal of a bad source, and, once a table is loaded, the choice of its target and
 * feature columns and of standardization, with a preview of its first rows and each
 * column's range. It draws what the page's TableController holds.
 *
 * @fires table-source - a file or pasted text to read
 * @fires table-choice - other columns or standardization for the loaded table
 * @fires table-cancel - stop the read in flight
 */
@customElement('table-panel')
export class TablePanel extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; border-top: 1px solid #e0e6ea; margin-top: 6px; padding-top: 10px; }
    h2 { margin: 0 0 6px; font-size: 14px; }
    p { margin: 0 0 8px; }
    textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; font-size: 12px; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
    .error { color: #b3261e; }
    fieldset { border: none; margin: 6px 0; padding: 0; }
    legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
    .preview { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; }
    th, td { padding: 2px 6px; text-align: right; border-bottom: 1px solid #e0e6ea; white-space: nowrap; }
    ul.notes { margin: 4px 0; padding-left: 1.2em; }
  `];

  /** The table in use, if any. */
  @property({ attribute: false }) table: Table | undefined;
  /** Name of the file or text it was read from. */
  @property() sourceName = '';
  /** The numeric columns of its source: the choices for target and features. */
  @property({ attribute: false }) numericColumns: string[] = [];
  /** The latest read's refusal (with its line and column). */
  @property() error: string | undefined;
  /** The read in flight. */
  @property({ attribute: false }) reading: { name: string; fraction: number } | undefined;

  /** The choice being edited, before Apply. */
  @state() private target = '';
  @state() private features: string[] = [];
  @state() private standardize = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('table') && this.table) {
      this.target = this.table.target;
      this.features = [...this.table.columns];
      this.standardize = this.table.scaling !== undefined;
    }
  }

  override render() {
    return html`
      <h2 id="table-heading">Your data</h2>
      <p class="muted">A CSV table (comma, semicolon or tab separated), one sample per row. A link cannot hold a table:
        the address keeps every other setting, and whoever opens it loads the table again.</p>
      <div class="row">
        <label for="table-file">Table file</label>
        <input id="table-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          @change=${this.#onFile} ?disabled=${this.reading !== undefined}>
      </div>
      <p class="muted">…or drop a file anywhere on the page, or paste the text:</p>
      <textarea id="table-text" rows="4" aria-label="Table text" placeholder="x,y&#10;1,2.5&#10;2,4.4"></textarea>
      <div class="row"><button @click=${this.#onPaste} ?disabled=${this.reading !== undefined}>Read pasted text</button></div>
      ${this.reading ? html`<run-progress cancellable @run-command=${this.#onCancel} .work=${{
        label: `Reading ${this.reading.name}: ${Math.round(this.reading.fraction * 100)}%`,
        announcement: `Reading ${this.reading.name}…`, value: this.reading.fraction, max: 1,
      }}></run-progress>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="table-error">${this.error}${this.table ? ' The table loaded before is still in use.' : ''}</p>` : nothing}
      ${this.table ? this.#loaded(this.table) : nothing}`;
  }

  #loaded(t: Table) {
    const others = this.numericColumns.filter((c) => c !== this.target);
    return html`
      <p data-testid="table-summary">${this.sourceName}: ${formatCount(t.n)} rows; target <b>${t.target}</b>;
        feature${t.d === 1 ? '' : 's'} ${t.columns.join(', ')}${t.scaling ? ' (standardized)' : ''}.</p>
      ${t.notes.length ? html`<ul class="notes muted">${t.notes.map((n) => html`<li>${n}</li>`)}</ul>` : nothing}
      <div class="row">
        <label for="table-target">Target</label>
        <select id="table-target" .value=${this.target} @change=${(e: Event) => this.#chooseTarget((e.target as HTMLSelectElement).value)}>
          ${this.numericColumns.map((c) => html`<option value=${c} ?selected=${c === this.target}>${c}</option>`)}
        </select>
      </div>
      <fieldset>
        <legend>Features</legend>
        ${others.map((c) => html`<label><input type="checkbox" .checked=${this.features.includes(c)}
          @change=${(e: Event) => this.#toggle(c, (e.target as HTMLInputElement).checked)}> ${c}</label> `)}
      </fieldset>
      <div class="row">
        <label><input type="checkbox" .checked=${this.standardize}
          @change=${(e: Event) => { this.standardize = (e.target as HTMLInputElement).checked; }}> Standardize features (z-score)</label>
      </div>
      <div class="row">
        <button @click=${this.#apply} ?disabled=${this.features.length === 0 || this.reading !== undefined}>Use these columns</button>
        ${this.features.length === 0 ? html`<span class="muted">Choose at least one feature.</span>` : nothing}
      </div>
      ${this.#preview(t)}`;
  }

  /** The first rows and each column's range, of the numbers as trained (standardized if chosen). */
  #preview(t: Table) {
    const stats = columnStats(t);
    const rows = Math.min(t.n, PREVIEW_ROWS);
    return html`<div class="preview" tabindex="0" role="region" aria-label="Preview of the table">
      <table>
        <caption class="sr-only">First rows of the loaded table and each column's range</caption>
        <thead><tr><th scope="col">row</th>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}<th scope="col">${t.target} (target)</th></tr></thead>
        <tbody>
          ${Array.from({ length: rows }, (_, i) => html`<tr><th scope="row">${i + 1}</th>
            ${t.columns.map((_, j) => html`<td>${cell(t.x[i * t.d + j])}</td>`)}<td>${cell(t.y[i])}</td></tr>`)}
          <tr><th scope="row">range</th>${stats.features.map((s) => html`<td>${cell(s.min)} … ${cell(s.max)}</td>`)}
            <td>${cell(stats.target.min)} … ${cell(stats.target.max)}</td></tr>
        </tbody>
      </table></div>`;
  }

  #chooseTarget(target: string): void {
    this.target = target;
    // Every other numeric column, as readTable chooses by default.
    this.features = this.numericColumns.filter((c) => c !== target);
  }

  #toggle(column: string, on: boolean): void {
    const chosen = new Set(this.features);
    if (on) chosen.add(column);
    else chosen.delete(column);
    // In the columns' order, as the weights will be.
    this.features = this.numericColumns.filter((c) => chosen.has(c));
  }

  #apply(): void {
    emit(this, 'table-choice', { target: this.target, features: this.features, standardize: this.standardize });
  }

  #onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) emit(this, 'table-source', { name: file.name, data: file });
    // The same file picked again (after editing it) is read again.
    input.value = '';
  }

  #onPaste(): void {
    const text = this.renderRoot.querySelector<HTMLTextAreaElement>('#table-text')?.value ?? '';
    emit(this, 'table-source', { name: 'pasted text', data: text });
  }

  #onCancel(e: Event): void {
    e.stopPropagation();
    emit(this, 'table-cancel', undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'table-panel': TablePanel;
  }
}
