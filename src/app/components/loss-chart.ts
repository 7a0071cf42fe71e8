import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { drawAxes } from '../charts/axes';
import { COLORS, plotRect, prepareCanvas, type PlotRect } from '../charts/canvas';
import { linearScale, logScale, type Scale } from '../charts/scales';
import { CanvasRedrawController } from '../controllers/canvas-redraw-controller';
import { formatCount, formatValue } from '../model/format';
import type { LossHistory } from '../model/loss-history';
import type { LossScale } from '../state/settings';
import { emit } from './events';
import { baseStyles } from './theme';

/**
 * The loss of each epoch, on a linear or log axis, with the value under the pointer.
 * Long runs are drawn as one vertical span (min to max) per pixel column, so a million
 * epochs cost one pass, not a million line segments.
 *
 * @fires setting-edit - { key: 'lossScale', raw } from the scale toggle
 */
@customElement('loss-chart')
export class LossChart extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; }
    header { display: flex; align-items: center; gap: 8px; }
    h2 { margin: 0; flex: 1; font-size: 13px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: #546e7a; }
    .toggle button { padding: 1px 8px; font-size: 12px; }
    .toggle button[aria-pressed='true'] { background: #0877bd; color: #fff; border-color: #0877bd; }
    .plot { position: relative; flex: 1; min-height: 200px; }
    canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
    .readout { margin: 4px 0 0; min-height: 1.4em; font-variant-numeric: tabular-nums; }
  `];

  /** The losses to draw. */
  @property({ attribute: false }) history: LossHistory | undefined;
  /** Frame counter of the run; a new value redraws. */
  @property({ type: Number }) frame = 0;
  @property() scale: LossScale = 'log';

  /** The readout for the pointer position, or '' to show the latest epoch. */
  @state() private hover = '';

  @query('canvas') private canvas!: HTMLCanvasElement;
  #size = new CanvasRedrawController(this, () => this.renderRoot.querySelector('.plot'));
  /** Scales and plot area of the last drawing, for reading the pointer. */
  #last: { x: Scale; rect: PlotRect } | null = null;

  override render() {
    const h = this.history;
    const latest = h && h.epochs > 0 ? `Epoch ${formatCount(h.epochs)}: loss ${formatValue(h.last)}` : 'No epochs trained yet.';
    return html`
      <header>
        <h2 id="title">Loss per epoch</h2>
        <span class="toggle" role="group" aria-label="Loss axis">
          ${(['log', 'linear'] as const).map((s) => html`<button aria-pressed=${this.scale === s ? 'true' : 'false'}
            @click=${() => emit(this, 'setting-edit', { key: 'lossScale', raw: s })}>${s === 'log' ? 'Log' : 'Linear'}</button>`)}
        </span>
      </header>
      <div class="plot">
        <canvas role="img" aria-labelledby="title" @pointermove=${this.#onPointer} @pointerleave=${() => { this.hover = ''; }}></canvas>
      </div>
      <p class="readout muted" data-testid="loss-readout">${this.hover || latest}</p>`;
  }

  override updated(): void {
    this.#draw();
  }

  #draw(): void {
    const { width, height } = this.#size;
    if (!width || !height || !this.canvas) return;
    const ctx = prepareCanvas(this.canvas, width, height);
    if (!ctx) return;
    const h = this.history;
    const r = plotRect(width, height);
    const epochs = Math.max(1, h?.epochs ?? 0);
    const x = linearScale(0, epochs, r.left, r.right);
    const [lo, hi] = h ? this.#range(h) : [NaN, NaN];
    const log = this.scale === 'log';
    const y = !Number.isFinite(lo)
      ? linearScale(0, 1, r.bottom, r.top)
      : log ? logScale(lo, hi, r.bottom, r.top) : linearScale(Math.min(0, lo), hi, r.bottom, r.top);
    drawAxes(ctx, r, x, y, { x: 'epoch', y: log ? 'loss (log)' : 'loss' });
    this.#last = { x, rect: r };
    if (!h || h.length === 0 || !Number.isFinite(lo)) return;
    const floor = log ? lo : -Infinity;
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
    ctx.clip();
    ctx.strokeStyle = COLORS.loss;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    const columns = Math.max(1, Math.floor(r.right - r.left));
    if (h.length <= columns) {
      for (let i = 0; i < h.length; i++) {
        const px = x.at((i + 1) * h.stride);
        const py = y.at(Math.max(floor, h.at(i)));
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
    } else {
      // One span per pixel column: its points' minimum and maximum.
      let i = 0;
      for (let c = 0; c < columns; c++) {
        const end = Math.floor(((c + 1) * h.length) / columns);
        let min = Infinity;
        let max = -Infinity;
        for (; i < end; i++) {
          const v = h.at(i);
          if (v < min) min = v;
          if (v > max) max = v;
        }
        if (!(max >= min)) continue;
        const px = r.left + c + 0.5;
        ctx.lineTo(px, y.at(Math.max(floor, max)));
        ctx.lineTo(px, y.at(Math.max(floor, min)));
      }
    }
    ctx.stroke();
    ctx.restore();
  }

  /** Smallest and largest finite loss (positive ones only on a log axis). */
  #range(h: LossHistory): [number, number] {
    let lo = Infinity;
    let hi = -Infinity;
    const log = this.scale === 'log';
    for (let i = 0; i < h.length; i++) {
      const v = h.at(i);
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return lo <= hi ? [lo, hi] : [NaN, NaN];
  }

  #onPointer(e: PointerEvent): void {
    const h = this.history;
    if (!h || h.length === 0 || !this.#last) return;
    const bounds = this.canvas.getBoundingClientRect();
    const px = e.clientX - bounds.left;
    const { x, rect } = this.#last;
    if (px < rect.left || px > rect.right) {
      this.hover = '';
      return;
    }
    const epoch = x.invert(px);
    const i = Math.min(h.length - 1, Math.max(0, Math.floor(epoch / h.stride)));
    const first = i * h.stride + 1;
    const span = h.stride > 1 ? `Epochs ${formatCount(first)}–${formatCount(first + h.stride - 1)} (mean)` : `Epoch ${formatCount(first)}`;
    this.hover = `${span}: loss ${formatValue(h.at(i))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loss-chart': LossChart;
  }
}
