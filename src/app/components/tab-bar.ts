import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TabName } from '../state/settings';
import { emit } from './events';
import { baseStyles, palette } from './theme';

const TITLES: Record<TabName, string> = { train: 'Training', backprop: 'Backpropagation', landscape: 'Landscape', scaling: 'Scaling' };
const ORDER: TabName[] = ['train', 'backprop', 'landscape', 'scaling'];

/**
 * The page's views as tabs; arrow keys move between them.
 *
 * @fires setting-edit - { key: 'tab', raw } when another tab is chosen
 */
@customElement('tab-bar')
export class TabBar extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; border-bottom: 1px solid ${palette.rule}; }
    div { display: flex; gap: 4px; }
    button {
      border: none;
      border-bottom: 3px solid transparent;
      border-radius: 6px 6px 0 0;
      padding: 8px 14px;
      color: ${palette.muted};
      font-weight: 600;
    }
    button[aria-selected='true'] { color: ${palette.accent}; border-bottom-color: ${palette.accent}; }
  `];

  /** The tab shown. */
  @property() selected: TabName = 'train';

  override render() {
    return html`<div role="tablist" aria-label="Views" @keydown=${this.#onKey}>
      ${ORDER.map((tab) => html`<button role="tab" id="tab-${tab}" aria-selected=${tab === this.selected ? 'true' : 'false'}
        tabindex=${tab === this.selected ? 0 : -1} @click=${() => this.#choose(tab)}>${TITLES[tab]}</button>`)}
    </div>`;
  }

  #onKey(e: KeyboardEvent): void {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = ORDER[(ORDER.indexOf(this.selected) + step + ORDER.length) % ORDER.length];
    this.#choose(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`#tab-${next}`)?.focus());
  }

  #choose(tab: TabName): void {
    if (tab !== this.selected) emit(this, 'setting-edit', { key: 'tab', raw: tab });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tab-bar': TabBar;
  }
}
