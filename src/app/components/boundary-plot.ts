import { css, html, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Activation } from '../../index';
import { activationFunction } from '../../engine/functions/activations';
import { drawAxes } from '../charts/axes';
import { COLORS, clipToPlot, plotRect, rgbOf } from '../charts/canvas';
import { linearScale } from '../charts/scales';
import { formatCount } from '../model/format';
import { activate } from '../model/neuron';
import type { PlotSample } from '../model/plot-sample';
import type { NeuronParameters } from '../../index';
import { SamplePlot } from './sample-plot';
import { palette } from './theme';

/** Cells per side of the heat map; the browser smooths them up to the plot size. */
const GRID = 96;
/** Heat-map ends, orange (output 0) to blue (output 1), through white at 0.5. */
const LOW = rgbOf(COLORS.class0);
const HIGH = rgbOf(COLORS.class1);

/** z where f(z) = 0.5 (from the activation table): the boundary line w·x + b = z*. */
function halfwayZ(f: Activation): number {
  return activationFunction(f).halfway;
}

/**
 * Two-feature classification: the neuron's output over the plane as a heat map, the
 * line where it crosses 0.5, and the samples coloured by class.
 */
@customElement('boundary-plot')
export class BoundaryPlot extends SamplePlot {
  static override styles = [SamplePlot.styles, css`
    li::before { width: 8px; height: 8px; border-radius: 4px; }
    .swatch-class0 { --swatch: ${unsafeCSS(COLORS.class0)}; }
    .swatch-class1 { --swatch: ${unsafeCSS(COLORS.class1)}; }
    li.note { color: ${palette.muted}; }
    li.note::before { display: none; }
  `];

  @property() activation: Activation = 'sigmoid';
  /** Offscreen canvas holding the heat map at GRID x GRID. */
  #heat: HTMLCanvasElement | null = null;

  protected readonly canvasLabel = 'Decision boundary and samples';

  protected legend(s: PlotSample | undefined, shown: number) {
    return html`
      <li class="swatch-class0">class 0</li>
      <li class="swatch-class1">class 1</li>
      <li class="note">shading: the neuron's output, orange 0 to blue 1; line: output 0.5</li>
      ${s && s.totalRows > shown ? html`<li class="note">first ${formatCount(shown)} of ${formatCount(s.totalRows)} samples</li>` : ''}`;
  }

  protected drawPlot(ctx: CanvasRenderingContext2D, width: number, height: number, s: PlotSample): void {
    if (s.data.d !== 2) return;
    const { x: xs, y: labels, n } = s.data;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < 2 * n; i++) {
      lo = Math.min(lo, xs[i]);
      hi = Math.max(hi, xs[i]);
    }
    // One range for both axes: the plane keeps its proportions and the boundary its angle.
    const pad = (hi - lo) * 0.08 || 1;
    lo -= pad;
    hi += pad;
    const r = plotRect(width, height);
    const x = linearScale(lo, hi, r.left, r.right);
    const y = linearScale(lo, hi, r.bottom, r.top);
    const p = this.current;
    if (p) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.#heatMap(p, lo, hi), r.left, r.top, r.right - r.left, r.bottom - r.top);
    }
    drawAxes(ctx, r, x, y, { x: 'x₁', y: 'x₂' });
    clipToPlot(ctx, r);
    if (p && (p.weights[0] !== 0 || p.weights[1] !== 0)) {
      // w1 x1 + w2 x2 + b = z*, drawn across the plane from two far points.
      const z = halfwayZ(this.activation) - p.bias;
      const [w1, w2] = p.weights;
      const ends = Math.abs(w2) > Math.abs(w1)
        ? [[lo, (z - w1 * lo) / w2], [hi, (z - w1 * hi) / w2]]
        : [[(z - w2 * lo) / w1, lo], [(z - w2 * hi) / w1, hi]];
      ctx.strokeStyle = COLORS.boundary;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x.at(ends[0][0]), y.at(ends[0][1]));
      ctx.lineTo(x.at(ends[1][0]), y.at(ends[1][1]));
      ctx.stroke();
    }
    // Each sample ringed in the background colour, apart from its neighbours.
    ctx.strokeStyle = COLORS.background;
    ctx.lineWidth = 0.75;
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = labels[i] ? COLORS.class1 : COLORS.class0;
      ctx.beginPath();
      ctx.arc(x.at(xs[2 * i]), y.at(xs[2 * i + 1]), 2.6, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  /** The output over [lo, hi]^2 at GRID x GRID, row 0 at the top (largest x2). */
  #heatMap(p: NeuronParameters, lo: number, hi: number): HTMLCanvasElement {
    this.#heat ??= Object.assign(document.createElement('canvas'), { width: GRID, height: GRID });
    const ctx = this.#heat.getContext('2d')!;
    const image = ctx.createImageData(GRID, GRID);
    const step = (hi - lo) / GRID;
    for (let row = 0; row < GRID; row++) {
      const x2 = hi - (row + 0.5) * step;
      for (let col = 0; col < GRID; col++) {
        const x1 = lo + (col + 0.5) * step;
        const a = activate(this.activation, p.weights[0] * x1 + p.weights[1] * x2 + p.bias);
        const t = Number.isFinite(a) ? Math.min(1, Math.max(0, a)) : 0.5;
        // Pale colours: white at 0.5, 55 % of the class colour at either end.
        const end = t >= 0.5 ? HIGH : LOW;
        const k = Math.abs(t - 0.5) * 2 * 0.55;
        const o = 4 * (row * GRID + col);
        image.data[o] = 255 + (end[0] - 255) * k;
        image.data[o + 1] = 255 + (end[1] - 255) * k;
        image.data[o + 2] = 255 + (end[2] - 255) * k;
        image.data[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    return this.#heat;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'boundary-plot': BoundaryPlot;
  }
}
