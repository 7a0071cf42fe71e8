/** What the two sample plots (regression and decision boundary) share: layout, legend, clipping. */
import { css } from 'lit';
import type { PlotRect } from './canvas';

/** A canvas that fills the space left above a one-line legend; each item draws its swatch from `--swatch`. */
export const samplePlotStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; }
  .plot { position: relative; flex: 1; min-height: 200px; }
  canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
  ul { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; }
  li::before { content: ''; display: inline-block; margin-right: 5px; vertical-align: middle; background: var(--swatch); }
`;

/** Saves the context and clips to the area inside the axes; the caller restores it. */
export function clipToPlot(ctx: CanvasRenderingContext2D, r: PlotRect): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
  ctx.clip();
}
