/** What the two plots of the samples (regression and decision boundary) share: layout, legend, redraws. */
import { LitElement, css, html, type CSSResultGroup, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { prepareCanvas } from '../charts/canvas';
import { CanvasRedrawController } from '../controllers/canvas-redraw-controller';
import type { PlotSample } from '../model/plot-sample';
import type { NeuronParameters } from '../../index';
import { baseStyles } from './theme';

/**
 * A canvas that fills the space above a one-line legend, redrawn on every update, on a
 * resize and on a restored canvas. Subclasses say what the canvas shows and draw it.
 */
export abstract class SamplePlot extends LitElement {
  static override styles: CSSResultGroup = [baseStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; }
    .plot { position: relative; flex: 1; min-height: 200px; }
    canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
    ul { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; }
    li::before { content: ''; display: inline-block; margin-right: 5px; vertical-align: middle; background: var(--swatch); }
  `];

  @property({ attribute: false }) sample: PlotSample | undefined;
  @property({ attribute: false }) current: NeuronParameters | undefined;
  /** Frame counter of the run; a new value redraws. */
  @property({ type: Number }) frame = 0;

  @query('canvas') private canvas!: HTMLCanvasElement;
  #size = new CanvasRedrawController(this, () => this.renderRoot.querySelector('.plot'));

  /** The canvas's accessible name. */
  protected abstract readonly canvasLabel: string;
  /** The legend's items; `shown` of the sample's rows are drawn. */
  protected abstract legend(s: PlotSample | undefined, shown: number): TemplateResult;
  /** Draws on a cleared canvas of `width` x `height` CSS pixels. */
  protected abstract drawPlot(ctx: CanvasRenderingContext2D, width: number, height: number, s: PlotSample): void;

  override render() {
    const s = this.sample;
    return html`
      <div class="plot"><canvas role="img" aria-label=${this.canvasLabel}></canvas></div>
      <ul>${this.legend(s, s ? s.data.n : 0)}</ul>`;
  }

  override updated(): void {
    const { width, height } = this.#size;
    const s = this.sample;
    if (!width || !height || !this.canvas || !s) return;
    const ctx = prepareCanvas(this.canvas, width, height);
    if (ctx) this.drawPlot(ctx, width, height, s);
  }
}
