import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import uPlot from 'uplot';
import { COLORS } from '../charts/canvas';
import { axis, plotSize, repaintRestored, uplotStyles } from '../charts/uplot-look';
import { CanvasRedrawController } from '../controllers/canvas-redraw-controller';
import { formatMs } from '../../engine/format-ms';
import { formatCompact, formatCount } from '../model/format';
import type { ScalingContender, ScalingRow } from '../model/scaling-run';
import { baseStyles } from './theme';

/** Line colour and legend label of each contender, in drawing order. */
const LINES: { backend: ScalingContender; color: string; label: string }[] = [
  { backend: 'cpu', color: COLORS.cpu, label: 'CPU' },
  { backend: 'gpu', color: COLORS.gpu, label: 'GPU' },
  { backend: 'tfjs', color: COLORS.tfjs, label: 'TF.js' },
];

/**
 * Milliseconds per epoch against n, log-log, one line per backend (and TF.js when it ran),
 * drawn by uPlot: the legend reads n and each backend's time at the pointer, dragging
 * zooms, a double click shows everything again.
 */
@customElement('scaling-chart')
export class ScalingChart extends LitElement {
  static override styles = [baseStyles, uplotStyles, css`
    :host { display: block; }
    .plot { position: relative; height: 280px; }
    .plot > .uplot { position: absolute; inset: 0; }
  `];

  /** Measurements so far. */
  @property({ attribute: false }) rows: ScalingRow[] = [];
  /** Sizes the run covers, to fix the x axis from the start. */
  @property({ attribute: false }) sizes: number[] = [];

  @query('.plot') private plotBox!: HTMLElement;
  @query('.legend') private legendBox!: HTMLElement;
  #size = new CanvasRedrawController(this, () => this.renderRoot.querySelector('.plot'), () => repaintRestored(this.#plot));
  #plot: uPlot | null = null;
  /** The contenders the plot has a series for, joined ('cpu,gpu'). */
  #builtFor = '';

  override render() {
    return html`<div class="plot" role="img" aria-label="Milliseconds per epoch against samples, log-log"></div>
      <div class="legend" data-testid="scaling-legend"></div>`;
  }

  override updated(_changed: PropertyValues<this>): void {
    const { width, height } = this.#size;
    if (!width || !height) return;
    const lines = LINES.filter((l) => this.rows.some((r) => r.backend === l.backend));
    const key = lines.map((l) => l.backend).join();
    if (!this.#plot || key !== this.#builtFor) this.#build(lines, width, height);
    const plot = this.#plot!;
    const size = plotSize(width, height);
    const ns = [...new Set([...this.sizes, ...this.rows.map((r) => r.n)])].sort((a, b) => a - b);
    const ms = (backend: ScalingContender) => ns.map((n) => {
      const row = this.rows.find((r) => r.n === n && r.backend === backend);
      return row && row.msPerEpoch > 0 && Number.isFinite(row.msPerEpoch) ? row.msPerEpoch : null;
    });
    plot.batch(() => {
      if (plot.width !== size.width || plot.height !== size.height) plot.setSize(size);
      plot.setData([ns, ...lines.map((l) => ms(l.backend))]);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#plot?.destroy();
    this.#plot = null;
  }

  /** Sizes shown: those of the run, at least 10^3 to 10^4. */
  #nRange(lo: number | null, hi: number | null): uPlot.Range.MinMax {
    return [Math.min(lo ?? 1e3, 1e3), Math.max(hi ?? 1e4, 1e4)];
  }

  #build(lines: typeof LINES, width: number, height: number): void {
    this.#plot?.destroy();
    const options: uPlot.Options = {
      ...plotSize(width, height),
      scales: {
        x: { time: false, distr: 3, range: (_u, lo, hi) => this.#nRange(lo, hi) },
        // A third of a step's headroom each side, so the points sit inside the frame.
        y: { distr: 3, range: (_u, lo, hi) => (lo == null || hi == null ? [0.01, 100] : [lo / 1.5, hi * 1.5]) },
      },
      axes: [axis('samples n (log)', { values: formatCompact, log: true }), axis('ms per epoch (log)', { log: true })],
      series: [
        { label: 'n', value: (_u, v) => (v == null ? '–' : formatCount(v)) },
        ...lines.map(({ color, label }): uPlot.Series => ({
          label, stroke: color, width: 2, spanGaps: true,
          points: { show: true, size: 7, fill: color, stroke: color },
          value: (_u, v) => (v == null ? '–' : formatMs(v)),
        })),
      ],
      legend: { mount: (_u, el) => this.legendBox.replaceChildren(el) },
      cursor: { drag: { x: true, y: false } },
    };
    this.#plot = new uPlot(options, [[], ...lines.map(() => [])], this.plotBox);
    this.#builtFor = lines.map((l) => l.backend).join();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scaling-chart': ScalingChart;
  }
}
