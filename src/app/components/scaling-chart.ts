import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { drawAxes } from '../charts/axes';
import { COLORS, plotRect, prepareCanvas } from '../charts/canvas';
import { logScale } from '../charts/scales';
import { CanvasRedrawController } from '../controllers/canvas-redraw-controller';
import type { ScalingContender, ScalingRow } from '../model/scaling-run';
import { baseStyles } from './theme';

/** Line colour and end label of each contender. */
const LINES: Record<ScalingContender, { color: string; label: string }> = {
  cpu: { color: COLORS.cpu, label: 'CPU' },
  gpu: { color: COLORS.gpu, label: 'GPU' },
  tfjs: { color: COLORS.tfjs, label: 'TF.js' },
};

/** Milliseconds per epoch against n, log-log, one line per backend (and TF.js when it ran). */
@customElement('scaling-chart')
export class ScalingChart extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .plot { position: relative; height: 280px; }
    canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
  `];

  /** Measurements so far. */
  @property({ attribute: false }) rows: ScalingRow[] = [];
  /** Sizes the run covers, to fix the x axis from the start. */
  @property({ attribute: false }) sizes: number[] = [];

  @query('canvas') private canvas!: HTMLCanvasElement;
  #size = new CanvasRedrawController(this, () => this.renderRoot.querySelector('.plot'));

  override render() {
    return html`<div class="plot"><canvas role="img" aria-label="Milliseconds per epoch against samples, log-log"></canvas></div>`;
  }

  override updated(): void {
    const { width, height } = this.#size;
    if (!width || !height || !this.canvas) return;
    const ctx = prepareCanvas(this.canvas, width, height);
    if (!ctx) return;
    const r = plotRect(width, height, { left: 56, top: 12, right: 90, bottom: 34 });
    const ns = [...this.sizes, ...this.rows.map((row) => row.n)];
    const ms = this.rows.map((row) => row.msPerEpoch).filter((v) => v > 0 && Number.isFinite(v));
    const x = logScale(Math.min(...ns, 1e3), Math.max(...ns, 1e4), r.left, r.right);
    const y = logScale(ms.length ? Math.min(...ms) / 1.5 : 0.01, ms.length ? Math.max(...ms) * 1.5 : 100, r.bottom, r.top);
    drawAxes(ctx, r, x, y, { x: 'samples n (log)', y: 'ms per epoch (log)' });
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const backend of ['cpu', 'gpu', 'tfjs'] as ScalingContender[]) {
      const points = this.rows.filter((row) => row.backend === backend && row.msPerEpoch > 0);
      if (points.length === 0) continue;
      const { color, label } = LINES[backend];
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      points.forEach((p, i) => (i ? ctx.lineTo(x.at(p.n), y.at(p.msPerEpoch)) : ctx.moveTo(x.at(p.n), y.at(p.msPerEpoch))));
      ctx.stroke();
      for (const p of points) {
        ctx.beginPath();
        ctx.arc(x.at(p.n), y.at(p.msPerEpoch), 3.5, 0, 2 * Math.PI);
        ctx.fill();
      }
      const last = points[points.length - 1];
      ctx.fillText(label, x.at(last.n) + 8, y.at(last.msPerEpoch));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scaling-chart': ScalingChart;
  }
}
