import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from './events';
import { baseStyles, palette } from './theme';

/**
 * Messages about settings that were replaced and errors from the engine. Text only:
 * values from the URL are shown as text, never as markup.
 *
 * @fires notice-dismiss - index of the message to drop
 */
@customElement('notice-list')
export class NoticeList extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    li {
      display: flex;
      gap: 10px;
      align-items: flex-start;
      background: ${palette.cautionSurface};
      border: 1px solid ${palette.cautionBorder};
      border-radius: 8px;
      padding: 6px 10px;
    }
    li.error { background: ${palette.errorSurface}; border-color: ${palette.errorBorder}; }
    li span { flex: 1; overflow-wrap: anywhere; }
    button { padding: 0 8px; border: none; background: transparent; font-size: 16px; line-height: 1.4; }
  `];

  /** Messages to show, oldest first. */
  @property({ attribute: false }) messages: string[] = [];
  /** An error of the current run, shown apart and not dismissable (it goes when the run does). */
  @property() error: string | undefined;

  override render() {
    if (this.messages.length === 0 && !this.error) return nothing;
    return html`<ul role="alert" data-testid="notices">
      ${this.error ? html`<li class="error"><span>${this.error}</span></li>` : nothing}
      ${this.messages.map((m, i) => html`<li><span>${m}</span>
        <button aria-label="Dismiss" @click=${() => emit(this, 'notice-dismiss', i)}>×</button></li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'notice-list': NoticeList;
  }
}
