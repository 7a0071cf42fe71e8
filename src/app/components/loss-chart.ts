import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import uPlot from 'uplot';
import { COLORS } from '../charts/canvas';
import { decimateLosses, type LossPoints } from '../charts/loss-decimation';
import { axis, plotSize, repaintRestored, uplotStyles } from '../charts/uplot-look';
import { CanvasRedrawController } from '../controllers/canvas-redraw-controller';
import { formatCompact, formatCount, formatValue } from '../model/format';
import type { LossHistory } from '../model/loss-history';
import type { LossScale } from '../state/settings';
import { emit } from './events';
import { baseStyles, palette } from './theme';

/** Tick steps of the epoch axis: whole epochs, 1, 2 or 5 times a power of ten. */
const EPOCH_STEPS = Array.from({ length: 30 }, (_, i) => [1, 2, 5][i % 3] * 10 ** Math.floor(i / 3));

/**
 * The loss of each epoch, on a log or linear axis (uPlot). The legend reads the epoch and
 * loss under the pointer; dragging across the plot zooms into those epochs, a double click
 * shows the whole run again. At most two points per pixel column reach uPlot (their
 * lowest and highest, see loss-decimation.ts), so a run of millions of epochs redraws
 * within a frame.
 *
 * @fires setting-edit - { key: 'lossScale', raw } from the scale toggle
 */
@customElement('loss-chart')
export class LossChart extends LitElement {
  static override styles = [baseStyles, uplotStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; }
    header { display: flex; align-items: center; gap: 8px; }
    h2 { margin: 0; flex: 1; font-size: 13px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: ${palette.heading}; }
    .toggle button { padding: 1px 8px; font-size: 12px; }
    .toggle button[aria-pressed='true'] { background: ${palette.accent}; color: ${palette.onAccent}; border-color: ${palette.accent}; }
    .plot { position: relative; flex: 1; min-height: 200px; }
    .plot > .uplot { position: absolute; inset: 0; }
    /* Room for uPlot's legend before it exists: the plot's box must not shrink when it
       appears, or the resize would redraw in the same frame (a ResizeObserver loop). */
    .legend { min-height: 27px; }
    .readout { margin: 4px 0 0; min-height: 1.4em; font-variant-numeric: tabular-nums; }
  `];

  /** The losses to draw. */
  @property({ attribute: false }) history: LossHistory | undefined;
  /** Frame counter of the run; a new value redraws. */
  @property({ type: Number }) frame = 0;
  @property() scale: LossScale = 'log';

  @query('.plot') private plotBox!: HTMLElement;
  @query('.legend') private legendBox!: HTMLElement;
  #size = new CanvasRedrawController(this, () => this.renderRoot.querySelector('.plot'), () => repaintRestored(this.#plot));
  #plot: uPlot | null = null;
  /** The axis the plot was built for (uPlot fixes a scale's kind when it is created). */
  #builtFor: LossScale | null = null;
  /** Epochs zoomed into, or null for the whole run. */
  #zoom: [number, number] | null = null;

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
      <div class="plot" role="img" aria-labelledby="title"></div>
      <div class="legend" data-testid="loss-legend"></div>
      <p class="readout muted" data-testid="loss-readout">${latest}</p>`;
  }

  override updated(changed: PropertyValues<this>): void {
    const { width, height } = this.#size;
    if (!width || !height) return;
    if (changed.has('history') || (this.#zoom && (this.history?.epochs ?? 0) < this.#zoom[0])) this.#zoom = null;
    if (!this.#plot || this.#builtFor !== this.scale) this.#build(width, height);
    const plot = this.#plot!;
    const size = plotSize(width, height);
    // One synchronous draw per update, not one more in a microtask.
    plot.batch(() => {
      if (plot.width !== size.width || plot.height !== size.height) plot.setSize(size);
      plot.setData(this.#points(size.width));
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#plot?.destroy();
    this.#plot = null;
  }

  /** The points to draw across `width` pixels: the zoomed epochs or the whole run. */
  #points(width: number): LossPoints {
    const h = this.history;
    if (!h) return [[], []];
    const [from, to] = this.#zoom ?? [0, h.epochs];
    return decimateLosses(h, from, to, width, this.scale === 'log');
  }

  /** Epochs shown: the zoom, else the whole run from 0. */
  #xRange(): uPlot.Range.MinMax {
    return this.#zoom ?? [0, Math.max(1, this.history?.epochs ?? 0)];
  }

  /** What the legend says for a point's epoch (a stored point may average several). */
  #epochLabel(epoch: number): string {
    const stride = this.history?.stride ?? 1;
    return stride > 1 ? `${formatCount(epoch - stride + 1)}–${formatCount(epoch)} (mean)` : formatCount(epoch);
  }

  #build(width: number, height: number): void {
    this.#plot?.destroy();
    const log = this.scale === 'log';
    const options: uPlot.Options = {
      ...plotSize(width, height),
      scales: {
        x: { time: false, range: () => this.#xRange() },
        // Linear: from 0 (or below, if a loss is negative) to a tenth above the highest loss.
        y: log ? { distr: 3 } : { range: (_u, lo, hi) => (lo == null || hi == null ? [0, 1] : uPlot.rangeNum(Math.min(0, lo), hi, 0.1, true)) },
      },
      axes: [{ ...axis('epoch', { values: formatCompact }), incrs: EPOCH_STEPS }, axis(log ? 'loss (log)' : 'loss', { log })],
      series: [
        { label: 'Epoch', value: (_u, v) => (v == null ? '–' : this.#epochLabel(v)) },
        {
          label: 'Loss', stroke: COLORS.loss, width: 1.5, spanGaps: true, points: { show: false },
          value: (_u, v) => (v == null ? '–' : formatValue(v)),
        },
      ],
      legend: { mount: (_u, el) => this.legendBox.replaceChildren(el) },
      cursor: {
        // Dragging selects epochs, which this chart zooms into itself (it chooses the points).
        drag: { x: true, y: false, setScale: false },
        bind: {
          dblclick: () => () => {
            this.#zoom = null;
            this.requestUpdate();
            return null;
          },
        },
      },
      hooks: { setSelect: [(u) => this.#zoomTo(u)] },
    };
    this.#plot = new uPlot(options, [[], []], this.plotBox);
    this.#builtFor = this.scale;
  }

  /** Zooms into the epochs of a drag selection (a click selects nothing). */
  #zoomTo(u: uPlot): void {
    const { left, width } = u.select;
    if (width < 2) return;
    this.#zoom = [u.posToVal(left, 'x'), u.posToVal(left + width, 'x')];
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loss-chart': LossChart;
  }
}
