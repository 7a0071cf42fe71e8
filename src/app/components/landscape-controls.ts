import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SurfacePhase } from '../controllers/landscape-controller';
import { formatValue } from '../model/format';
import type { Ranges } from '../model/surface-view';
import type { Settings, SurfaceAxisName } from '../state/settings';
import { emit } from './events';
import { baseStyles, palette } from './theme';

/** Ranges the view draws, as the four numbers the surfaceRange setting takes. */
const RANGE_INPUTS = [['x', 0, 'from'], ['x', 1, 'to'], ['y', 0, 'from'], ['y', 1, 'to']] as const;

/**
 * The landscape's axes, ranges and colour scale, and where its computation stands. It
 * reports each edit as text; the page parses it as it parses the URL.
 *
 * @fires setting-edit - { key: 'surfaceX' | 'surfaceY' | 'surfaceRange' | 'surfaceLog', raw }
 */
@customElement('landscape-controls')
export class LandscapeControls extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; }
    label { display: grid; gap: 2px; font-size: 12px; color: ${palette.heading}; }
    input[type='number'] { width: 7em; }
    label.check { display: flex; gap: 6px; align-items: center; font-size: 14px; color: ${palette.text}; }
    p { margin: 6px 0 0; font-size: 12px; color: ${palette.muted}; }
    p.error { color: ${palette.error}; }
    progress { width: 10em; vertical-align: middle; }
  `];

  /** The settings to show (features, the surface's axes, ranges and scale). */
  @property({ attribute: false }) settings!: Settings;
  /** The ranges drawn now: the automatic ones while surfaceRange is 'auto'. */
  @property({ attribute: false }) ranges: Ranges = { x: [-2, 2], y: [-2, 2] };
  @property() phase: SurfacePhase = 'idle';
  @property({ type: Number }) fraction = 0;
  /** How the latest surface was made: "GPU, 96 × 96, 12.3 ms". */
  @property() made = '';
  @property() error: string | undefined;

  override render() {
    const s = this.settings;
    const names: SurfaceAxisName[] = [...Array.from({ length: s.features }, (_, j) => `w${j}` as SurfaceAxisName), 'b'];
    const busy = this.phase === 'coarse' || this.phase === 'refining';
    return html`
      <form @submit=${(e: Event) => e.preventDefault()}>
        ${this.#axis('surfaceX', 'Across (x axis)', names)}
        ${this.#axis('surfaceY', 'Up (y axis)', names)}
        ${RANGE_INPUTS.map(([axis, end, word]) => html`<label>${axis === 'x' ? s.surfaceX : s.surfaceY} ${word}
          <input type="number" step="any" data-range="${axis}${end}" .value=${live(formatValue(this.ranges[axis][end]))}
            @change=${(e: Event) => this.#editRange(axis, end, (e.target as HTMLInputElement).value)}></label>`)}
        <button type="button" ?disabled=${s.surfaceRange === 'auto'} @click=${() => emit(this, 'setting-edit', { key: 'surfaceRange', raw: 'auto' })}>Automatic ranges</button>
        <label class="check"><input type="checkbox" .checked=${live(s.surfaceLog)}
          @change=${(e: Event) => emit(this, 'setting-edit', { key: 'surfaceLog', raw: (e.target as HTMLInputElement).checked ? 'on' : 'off' })}>Log colour scale</label>
      </form>
      <p role="status">
        ${busy ? html`${this.phase === 'coarse' ? 'Computing a coarse surface' : 'Refining the surface'}
          <progress max="1" .value=${this.fraction} aria-label="Surface computed"></progress>` : nothing}
        ${this.made ? html` Last surface: ${this.made}.` : nothing}
        ${s.surfaceRange === 'auto' ? ' Ranges follow the descent paths.' : ''}
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

  /** The other axis's parameter is not offered: the two axes always differ. */
  #axis(key: 'surfaceX' | 'surfaceY', label: string, names: SurfaceAxisName[]) {
    const chosen = this.settings[key];
    const other = this.settings[key === 'surfaceX' ? 'surfaceY' : 'surfaceX'];
    return html`<label>${label}
      <select data-axis=${key} @change=${(e: Event) => emit(this, 'setting-edit', { key, raw: (e.target as HTMLSelectElement).value })}>
        ${names.map((n) => html`<option value=${n} ?selected=${n === chosen} ?disabled=${n === other}>${n === 'b' ? 'b (bias)' : n}</option>`)}
      </select></label>`;
  }

  /** One end of one range typed: the four numbers, the others as drawn now. */
  #editRange(axis: 'x' | 'y', end: 0 | 1, raw: string): void {
    const values = [...this.ranges.x, ...this.ranges.y].map(String);
    values[(axis === 'x' ? 0 : 2) + end] = raw.trim();
    emit(this, 'setting-edit', { key: 'surfaceRange', raw: values.join(',') });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'landscape-controls': LandscapeControls;
  }
}
