import { css, html, nothing, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Activation } from '../../index';
import { drawAxes } from '../charts/axes';
import { COLORS, clipToPlot, plotRect } from '../charts/canvas';
import { linearScale, type Scale } from '../charts/scales';
import { formatCount } from '../model/format';
import { activate } from '../model/neuron';
import type { PlotSample } from '../model/plot-sample';
import type { NeuronParameters } from '../../index';
import { SamplePlot } from './sample-plot';

/** Points along each drawn curve. */
const CURVE_POINTS = 200;

/**
 * One-feature regression: the samples, the true relation, and the neuron's prediction
 * before training and now, as in the Celsius-to-Fahrenheit tutorial.
 */
@customElement('regression-plot')
export class RegressionPlot extends SamplePlot {
  static override styles = [SamplePlot.styles, css`
    li::before { width: 14px; height: 3px; }
    .swatch-points { --swatch: ${unsafeCSS(COLORS.points)}; }
    .swatch-truth { --swatch: ${unsafeCSS(COLORS.truth)}; }
    .swatch-before { --swatch: ${unsafeCSS(COLORS.before)}; }
    .swatch-now { --swatch: ${unsafeCSS(COLORS.now)}; }
    li.dots::before { height: 6px; width: 6px; border-radius: 3px; }
  `];

  @property({ attribute: false }) initial: NeuronParameters | undefined;
  @property() activation: Activation = 'identity';

  protected readonly canvasLabel = 'Samples, true relation and predictions';

  protected legend(s: PlotSample | undefined, shown: number) {
    return html`
      <li class="dots swatch-points">samples${s && s.totalRows > shown ? (s.truth ? ` (first ${formatCount(shown)} of ${formatCount(s.totalRows)})` : ` (${formatCount(shown)} of ${formatCount(s.totalRows)}, evenly spaced)`) : ''}</li>
      ${s?.truth ? html`<li class="swatch-truth">true relation</li>` : nothing}
      <li class="swatch-before">before training</li>
      <li class="swatch-now">prediction now</li>`;
  }

  protected drawPlot(ctx: CanvasRenderingContext2D, width: number, height: number, s: PlotSample): void {
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
    clipToPlot(ctx, r);
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
