import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from './events';
import { baseStyles } from './theme';

/**
 * Export and import: the trained model as JSON (and a model file read back as the
 * starting point), the dataset as CSV.
 *
 * @fires model-export - save the model as JSON
 * @fires model-import - a model file chosen
 * @fires data-export - save the dataset as CSV
 */
@customElement('export-bar')
export class ExportBar extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin-top: 10px; }
    input[type='file'] { max-width: 16em; }
  `];

  /** Disabled while a run trains (the parameters are moving). */
  @property({ type: Boolean }) disabled = false;

  override render() {
    return html`
      <button ?disabled=${this.disabled} @click=${() => emit(this, 'model-export', undefined)}>Export model (JSON)</button>
      <label for="model-file">Import model</label>
      <input id="model-file" type="file" accept=".json,application/json" ?disabled=${this.disabled} @change=${this.#onFile}>
      <button @click=${() => emit(this, 'data-export', undefined)}>Export data (CSV)</button>`;
  }

  #onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) emit(this, 'model-import', file);
    input.value = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'export-bar': ExportBar;
  }
}
