/**
 * `<explainer-presets>`: the buttons that load a neuron to explain (two worked examples and
 * the page's own sample), the chosen one's description, and a note when the page's numbers
 * moved on while its sample was being walked through.
 *
 * @fires preset-choose - the `PresetId` of the button pressed
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles, palette } from '../components/theme';
import { tell } from './events';
import { PRESETS, type PresetId } from './presets';

@customElement('explainer-presets')
export class ExplainerPresets extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
    button[aria-pressed='true'] {
      background: ${palette.accent};
      border-color: ${palette.accent};
      color: ${palette.onAccent};
    }
    p { margin: 6px 0 10px; }
  `];

  /** The preset last loaded, drawn pressed. */
  @property() selected: PresetId = 'relu';
  /** Whether the page passed a sample; the 'sample' preset stays disabled until it does. */
  @property({ type: Boolean }) sampleAvailable = false;
  /** Shows the note that the page's parameters changed since its sample was loaded. */
  @property({ type: Boolean }) sampleChanged = false;

  override render() {
    const current = PRESETS.find((p) => p.id === this.selected)!;
    return html`
      <div class="buttons" role="group" aria-label="Presets">
        ${PRESETS.map((p) => {
          const unavailable = p.id === 'sample' && !this.sampleAvailable;
          return html`<button type="button" aria-pressed=${String(p.id === this.selected)} ?disabled=${unavailable}
            title=${unavailable ? 'Available once the page has a dataset and parameters' : p.description}
            @click=${() => tell(this, 'preset-choose', p.id)}>${p.title}</button>`;
        })}
      </div>
      <p class="muted">${current.description}</p>
      ${this.sampleChanged
        ? html`<p class="muted" role="status">
            The page's parameters have changed since this sample was loaded; press “${current.title}” to load them.
          </p>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-presets': ExplainerPresets;
  }
}
