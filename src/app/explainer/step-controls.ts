/**
 * `<explainer-step-controls>`: the buttons that walk the passes (step forward, step backward,
 * whole pass, reset), how far each pass has gone, and the line that announces the last step.
 *
 * @fires step-command - 'forward' | 'backward' | 'whole' | 'reset'
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles, palette } from '../components/theme';
import { tell, type StepCommand } from './events';
import type { Announcement, WalkState } from './walk-readout';

const NO_WALK: WalkState = {
  hasPlan: false, canStepForward: false, canStepBackward: false, finished: false,
  forwardTaken: 0, backwardTaken: 0, forwardCount: 0, backwardCount: 0,
};

@customElement('explainer-step-controls')
export class ExplainerStepControls extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
    .step {
      min-height: 2.8em;
      margin: 8px 0;
      padding: 6px 10px;
      border-left: 4px solid ${palette.border};
      background: ${palette.surface};
      font-family: ui-monospace, monospace;
      font-size: 0.9em;
      white-space: pre-wrap;
    }
    .step.forward { border-left-color: ${palette.forward}; }
    .step.backward { border-left-color: ${palette.backward}; }
  `];

  /** Where the walk stands: what each button may do, and the progress to show. */
  @property({ attribute: false }) walk: WalkState = NO_WALK;
  /** The last step in words (a polite live region reads it out). */
  @property({ attribute: false }) announcement: Announcement = { text: '', phase: '' };

  override render() {
    const w = this.walk;
    const wholeLabel = w.canStepForward ? 'Finish the forward pass' : 'Finish the backward pass';
    return html`
      <div class="buttons" role="group" aria-label="Step through the passes">
        <button type="button" ?disabled=${!w.canStepForward} @click=${() => this.#send('forward')}
          title="Compute the value of the next node">step forward</button>
        <button type="button" ?disabled=${!w.canStepBackward} @click=${() => this.#send('backward')}
          title=${w.canStepForward ? 'Available once the forward pass is complete' : 'Compute the gradient of the next node, from the output back'}
          >step backward</button>
        <button type="button" ?disabled=${!w.hasPlan || w.finished} @click=${() => this.#send('whole')}
          title=${wholeLabel} aria-description=${wholeLabel}>whole pass</button>
        <button type="button" ?disabled=${!w.hasPlan || (w.forwardTaken === 0 && w.backwardTaken === 0)}
          @click=${() => this.#send('reset')} title="Forget every computed value and gradient">reset</button>
        ${w.hasPlan
          ? html`<span class="muted">forward ${w.forwardTaken}/${w.forwardCount}, backward ${w.backwardTaken}/${w.backwardCount}</span>`
          : nothing}
      </div>
      <p class=${`step ${this.announcement.phase}`} role="status" aria-live="polite">${this.announcement.text}</p>
    `;
  }

  #send(command: StepCommand): void {
    tell(this, 'step-command', command);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'explainer-step-controls': ExplainerStepControls;
  }
}
