import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Activation } from '../../index';
import { drawAxes } from '../charts/axes';
import { COLORS, plotRect, prepareCanvas } from '../charts/canvas';
import { linearScale, type Scale } from '../charts/scales';
import { CanvasRedrawController } from '../controllers/canvas-redraw-controller';
import { formatCount } from '../model/format';
import { activate } from '../model/neuron';
import type { PlotSample } from '../model/plot-sample';
import type { NeuronParameters } from '../../index';
import { baseStyles } from './theme';

/** Points along each drawn curve. */
const CURVE_POINTS = 200;

/**
 * One-feature regression: the samples, the true relation, and the neuron's prediction
 * before training and now, as in the Celsius-to-Fahrenheit tutorial.
 */
@customElement('regression-plot')
export class RegressionPlot extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; }
    .plot { position: relative; flex: 1; min-height: 200px; }
    canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
    ul { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; }
    li::before { content: ''; display: inline-block; width: 14px; height: 3px; margin-right: 5px; vertical-align: middle; background: var(--swatch); }
    .swatch-points { --swatch: ${unsafeCSS(COLORS.points)}; }
    .swatch-truth { --swatch: ${unsafeCSS(COLORS.truth)}; }
    .swatch-before { --swatch: ${unsafeCSS(COLORS.before)}; }
    .swatch-now { --swatch: ${unsafeCSS(COLORS.now)}; }
    li.dots::before { height: 6px; width: 6px; border-radius: 3px; }
  `];

  @property({ attribute: false }) sample: PlotSample | undefined;
  @property({ attribute: false }) initial: NeuronParameters | undefined;
  @property({ attribute: false }) current: NeuronParameters | undefined;
  @property() activation: Activation = 'identity';
  /** Frame counter of the run; a new value redraws. */
  @property({ type: Number }) frame = 0;

  @query('canvas') private canvas!: HTMLCanvasElement;
  #size = new CanvasRedrawController(this, () => this.renderRoot.querySelector('.plot'));

  override render() {
    const s = this.sample;
    const shown = s ? s.data.n : 0;
    return html`
      <div class="plot"><canvas role="img" aria-label="Samples, true relation and predictions"></canvas></div>
      <ul>
        <li class="dots swatch-points">samples${s && s.totalRows > shown ? (s.truth ? ` (first ${formatCount(shown)} of ${formatCount(s.totalRows)})` : ` (${formatCount(shown)} of ${formatCount(s.totalRows)}, evenly spaced)`) : ''}</li>
        ${s?.truth ? html`<li class="swatch-truth">true relation</li>` : nothing}
        <li class="swatch-before">before training</li>
        <li class="swatch-now">prediction now</li>
      </ul>`;
  }

  override updated(): void {
    this.#draw();
  }

  #draw(): void {
    const { width, height } = this.#size;
    const s = this.sample;
    if (!width || !height || !this.canvas || !s) return;
    const ctx = prepareCanvas(this.canvas, width, height);
    if (!ctx) return;
    const { x: xs, y: ys, n } = s.data;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, xs[i]);
      x1 = Math.max(x1, xs[i]);
      y0 = Math.min(y0, ys[i]);
      y1 = Math.max(y1, ys[i]);
    }
    // The true line spans the same x range; include it so a noiseless plot is framed too.
    const truth = s.truth;
    for (const x of truth ? [x0, x1] : []) {
      const t = truth!.weights[0] * x + truth!.bias;
      y0 = Math.min(y0, t);
      y1 = Math.max(y1, t);
    }
    const padX = (x1 - x0) * 0.04 || 1;
    const padY = (y1 - y0) * 0.08 || 1;
    const r = plotRect(width, height);
    const x = linearScale(x0 - padX, x1 + padX, r.left, r.right);
    const y = linearScale(y0 - padY, y1 + padY, r.bottom, r.top);
    drawAxes(ctx, r, x, y, { x: 'x', y: 'y' });
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
    ctx.clip();
    ctx.fillStyle = COLORS.points;
    for (let i = 0; i < n; i++) ctx.fillRect(x.at(xs[i]) - 1.5, y.at(ys[i]) - 1.5, 3, 3);
    if (truth) {
      ctx.setLineDash([6, 4]);
      this.#curve(ctx, x, y, x0, x1, truth, 'identity', COLORS.truth);
      ctx.setLineDash([]);
    }
    if (this.initial) this.#curve(ctx, x, y, x0, x1, this.initial, this.activation, COLORS.before);
    if (this.current) this.#curve(ctx, x, y, x0, x1, this.current, this.activation, COLORS.now);
    ctx.restore();
  }

  /** f(w x + b) over [x0, x1]; values far off the plot are clamped so the stroke stays sane. */
  #curve(ctx: CanvasRenderingContext2D, x: Scale, y: Scale, x0: number, x1: number, p: NeuronParameters, f: Activation, color: string): void {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let k = 0; k <= CURVE_POINTS; k++) {
      const xv = x0 + ((x1 - x0) * k) / CURVE_POINTS;
      const py = Math.max(-1e4, Math.min(1e4, y.at(activate(f, p.weights[0] * xv + p.bias))));
      if (k === 0) ctx.moveTo(x.at(xv), py);
      else ctx.lineTo(x.at(xv), py);
    }
    ctx.stroke();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'regression-plot': RegressionPlot;
  }
}
