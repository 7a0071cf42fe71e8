/**
 * What the uPlot charts share: uPlot's own stylesheet brought into a shadow root (a
 * document stylesheet does not reach it), and axes in the palette of the hand-drawn plots.
 */
import { css, unsafeCSS } from 'lit';
import type uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { COLORS } from './canvas';

/** uPlot's CSS (a build-time constant, not user text) and the legend in the page's type. */
export const uplotStyles = [unsafeCSS(uplotCss), css`
  .uplot { font-family: inherit; }
  .u-legend { font-size: 12px; text-align: left; margin: 2px 0 0; font-variant-numeric: tabular-nums; }
  .u-legend .u-marker { width: 0.9em; height: 0.9em; }
  .u-select { background: rgba(8, 119, 189, 0.12); }
`];

const FONT = '11px system-ui, sans-serif';

/**
 * Which ticks of a log axis to mark: uPlot offers 1 to 9 times each power of ten; powers
 * alone read best, and under three decades 2 and 5 times each join in, so an axis over
 * 10^3..10^4 has more than its two ends labelled.
 */
function logTicks(splits: number[]): (number | null)[] {
  const finite = splits.filter((v) => v > 0);
  const decades = finite.length ? Math.log10(Math.max(...finite) / Math.min(...finite)) : 0;
  const marked = decades < 3 ? [1, 2, 5] : [1];
  return splits.map((v) => {
    const mantissa = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
    return marked.some((m) => Math.abs(mantissa - m) < 1e-6) ? v : null;
  });
}

/** Most candidate ticks a log axis offers: nine per decade over 30 decades. */
const MAX_LOG_SPLITS = 270;

/**
 * Candidate ticks of a log axis: 1 to 9 times each power of ten within [min, max]. uPlot's
 * own version steps from the scale's minimum by that minimum's power of ten, so a minimum
 * at or near zero (a zoom, an odd range) makes it push ticks until the array overflows
 * ("Invalid array length", seen in e2e runs); this one stops at MAX_LOG_SPLITS.
 */
export function logSplits(min: number, max: number): number[] {
  if (!(min > 0 && max >= min && Number.isFinite(max))) return [];
  const splits: number[] = [];
  for (let exp = Math.floor(Math.log10(min)); exp <= Math.ceil(Math.log10(max)); exp++) {
    for (let m = 1; m <= 9; m++) {
      const v = Number(`${m}e${exp}`);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) splits.push(v);
      if (splits.length >= MAX_LOG_SPLITS) return splits;
    }
  }
  return splits;
}

/** An axis with grid lines and a title; `values` formats its tick labels; `log` thins a log axis's ticks. */
export function axis(label: string, options: { values?: (v: number) => string; log?: boolean } = {}): uPlot.Axis {
  const filter = options.log ? (_u: uPlot, splits: number[]) => logTicks(splits) : undefined;
  const format = options.values;
  return {
    label,
    font: FONT,
    labelFont: FONT,
    labelSize: 18,
    stroke: COLORS.text,
    grid: { stroke: COLORS.grid, width: 1, ...(filter ? { filter } : {}) },
    ticks: { stroke: COLORS.grid, width: 1, size: 4, ...(filter ? { filter } : {}) },
    ...(filter ? { filter, splits: (_u: uPlot, _axis: number, min: number, max: number) => logSplits(min, max) } : {}),
    ...(format ? { values: (_u: uPlot, splits: number[]) => splits.map((v) => (v == null ? '' : format(v))) } : {}),
  };
}

/** A chart sized to its box: uPlot's size is the canvas with its axes, legend apart. */
export function plotSize(width: number, height: number): { width: number; height: number } {
  return { width: Math.max(1, Math.floor(width)), height: Math.max(1, Math.floor(height)) };
}

/**
 * After a lost canvas comes back blank, uPlot must repaint everything: it caches the
 * context's stroke, fill and font between draws, and a restored context has lost them.
 * A resize to the same size clears that cache and redraws.
 */
export function repaintRestored(plot: uPlot | null): void {
  plot?.setSize({ width: plot.width, height: plot.height });
}
