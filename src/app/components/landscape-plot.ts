import { LitElement, css, html, unsafeCSS } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { contours } from 'd3-contour';
import { drawAxes } from '../charts/axes';
import { COLORS, plotRect, prepareCanvas } from '../charts/canvas';
import { contourLevels, lossScale, rampColor } from '../charts/landscape-scale';
import { linearScale } from '../charts/scales';
import { CanvasRedrawController } from '../controllers/canvas-redraw-controller';
import type { DrawnSurface } from '../controllers/landscape-controller';
import { formatValue } from '../model/format';
import { baseStyles, palette } from './theme';

/** Contour lines drawn over the heat map. */
const CONTOURS = 12;

/**
 * Colours of the paths, the current run's first (white: it stands out on every colour of
 * the ramp), then the earlier runs'. Each is drawn over a dark line.
 */
const PATH_COLORS = COLORS.paths;

/** A descent path in the plane of the axes; `color` indexes PATH_COLORS (0: the current run). */
export interface PlanePath {
  label: string;
  color: number;
  points: [number, number][];
}

/**
 * The loss surface over two parameters as a heat map with contour lines, and descent
 * paths on it, the newest drawn last. It only draws what it is given.
 */
@customElement('landscape-plot')
export class LandscapePlot extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; }
    .plot { position: relative; flex: 1; min-height: 260px; }
    canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
    ul { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; }
    li::before { content: ''; display: inline-block; width: 14px; height: 3px; margin: 0 5px 3px 0; background: var(--swatch); vertical-align: middle; outline: 1px solid ${palette.text}; }
    ${unsafeCSS(PATH_COLORS.map((c, k) => `.path${k} { --swatch: ${c}; }`).join('\n'))}
    li.note { color: ${palette.muted}; }
    li.note::before { display: none; }
  `];

  @property({ attribute: false }) surface: DrawnSurface | null = null;
  @property({ attribute: false }) paths: PlanePath[] = [];
  @property() xTitle = 'w0';
  @property() yTitle = 'b';
  /** Colours by the logarithm of the loss. */
  @property({ type: Boolean }) log = false;
  /** Bumped when the paths grow; a new value redraws. */
  @property({ type: Number }) frame = 0;

  @query('canvas') private canvas!: HTMLCanvasElement;
  #size = new CanvasRedrawController(this, () => this.renderRoot.querySelector('.plot'));
  /** The heat map at the grid's resolution, and the surface it was drawn from. */
  #heat: HTMLCanvasElement | null = null;
  #heatOf: { surface: DrawnSurface; log: boolean } | null = null;

  override render() {
    const s = this.surface;
    const label = s
      ? `Loss surface over ${this.xTitle} from ${formatValue(s.ranges.x[0])} to ${formatValue(s.ranges.x[1])} and ${this.yTitle} from ${formatValue(s.ranges.y[0])} to ${formatValue(s.ranges.y[1])}; loss from ${formatValue(s.min)} to ${formatValue(s.max)}`
      : 'Loss surface, not computed yet';
    return html`
      <div class="plot"><canvas role="img" aria-label=${label}></canvas></div>
      <ul aria-label="Descent paths">
        ${this.paths.map((p) => html`<li class="path${p.color % PATH_COLORS.length}">${p.label}</li>`)}
        <li class="note">colour: loss${this.log ? ' (log scale)' : ''}, dark low to bright high${s ? `, ${formatValue(s.min)} to ${formatValue(s.max)}` : ''}; lines: equal loss</li>
      </ul>`;
  }

  override updated(): void {
    this.#draw();
  }

  #draw(): void {
    const { width, height } = this.#size;
    const s = this.surface;
    if (!width || !height || !this.canvas) return;
    const ctx = prepareCanvas(this.canvas, width, height);
    if (!ctx || !s) return;
    const r = plotRect(width, height);
    const x = linearScale(s.ranges.x[0], s.ranges.x[1], r.left, r.right);
    const y = linearScale(s.ranges.y[0], s.ranges.y[1], r.bottom, r.top);
    const scale = lossScale(s.min, s.max, this.log);
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
    ctx.clip();
    // Pixel k of the heat map is centred on grid point k, at the plot's edges for the first and last.
    const cellX = (r.right - r.left) / (s.resolution - 1);
    const cellY = (r.bottom - r.top) / (s.resolution - 1);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.#heatMap(s, scale), r.left - cellX / 2, r.top - cellY / 2, cellX * s.resolution, cellY * s.resolution);
    this.#drawContours(ctx, s, contourLevels(scale, CONTOURS), x.at, y.at);
    for (const path of this.paths) this.#drawPath(ctx, path, x.at, y.at);
    ctx.restore();
    drawAxes(ctx, r, x, y, { x: this.xTitle, y: this.yTitle });
  }

  /** values[j * res + i] at column i, row res - 1 - j (the largest y at the top). */
  #heatMap(s: DrawnSurface, scale: ReturnType<typeof lossScale>): HTMLCanvasElement {
    const res = s.resolution;
    if (this.#heat && this.#heatOf?.surface === s && this.#heatOf.log === this.log) return this.#heat;
    this.#heat ??= document.createElement('canvas');
    this.#heat.width = res;
    this.#heat.height = res;
    const ctx = this.#heat.getContext('2d')!;
    const image = ctx.createImageData(res, res);
    for (let j = 0; j < res; j++) {
      for (let i = 0; i < res; i++) {
        const [red, green, blue] = rampColor(scale.at(s.values[j * res + i]));
        const o = 4 * ((res - 1 - j) * res + i);
        image.data[o] = red;
        image.data[o + 1] = green;
        image.data[o + 2] = blue;
        image.data[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    this.#heatOf = { surface: s, log: this.log };
    return this.#heat;
  }

  #drawContours(ctx: CanvasRenderingContext2D, s: DrawnSurface, levels: number[], px: (v: number) => number, py: (v: number) => number): void {
    const res = s.resolution;
    // Grid coordinate g (0 .. res, cell centres at k + 0.5) to parameter values.
    const gx = (g: number) => px(s.ranges.x[0] + (g - 0.5) * ((s.ranges.x[1] - s.ranges.x[0]) / (res - 1)));
    const gy = (g: number) => py(s.ranges.y[0] + (g - 0.5) * ((s.ranges.y[1] - s.ranges.y[0]) / (res - 1)));
    const finite = Array.from(s.values, (v) => (Number.isFinite(v) ? v : s.max));
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
    ctx.lineWidth = 1;
    for (const contour of contours().size([res, res]).thresholds(levels)(finite)) {
      ctx.beginPath();
      for (const polygon of contour.coordinates) {
        for (const ring of polygon) {
          ring.forEach(([a, b], k) => (k === 0 ? ctx.moveTo(gx(a), gy(b)) : ctx.lineTo(gx(a), gy(b))));
        }
      }
      ctx.stroke();
    }
  }

  /** A path: a dark line under a coloured one, so it reads on every colour of the ramp; a ring at its end. */
  #drawPath(ctx: CanvasRenderingContext2D, path: PlanePath, px: (v: number) => number, py: (v: number) => number): void {
    if (path.points.length === 0) return;
    ctx.lineJoin = 'round';
    const color = PATH_COLORS[path.color % PATH_COLORS.length];
    for (const [stroke, widthPx] of [[COLORS.ink, 4], [color, 2]] as const) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = widthPx;
      ctx.beginPath();
      path.points.forEach(([a, b], k) => (k === 0 ? ctx.moveTo(px(a), py(b)) : ctx.lineTo(px(a), py(b))));
      ctx.stroke();
    }
    const [a, b] = path.points[path.points.length - 1];
    ctx.fillStyle = color;
    ctx.strokeStyle = COLORS.ink;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(px(a), py(b), 4, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'landscape-plot': LandscapePlot;
  }
}
