/** Grid lines, tick labels and axis titles around a plot area. */
import { COLORS, type PlotRect } from './canvas';
import type { Scale } from './scales';

export interface AxisTitles {
  x: string;
  y: string;
}

export function drawAxes(ctx: CanvasRenderingContext2D, r: PlotRect, x: Scale, y: Scale, titles: AxisTitles): void {
  ctx.save();
  ctx.lineWidth = 1;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = COLORS.text;
  ctx.strokeStyle = COLORS.grid;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks) {
    const px = Math.round(x.at(t)) + 0.5;
    if (px < r.left - 1 || px > r.right + 1) continue;
    ctx.beginPath();
    ctx.moveTo(px, r.top);
    ctx.lineTo(px, r.bottom);
    ctx.stroke();
    ctx.fillText(x.label(t), px, r.bottom + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of y.ticks) {
    const py = Math.round(y.at(t)) + 0.5;
    if (py < r.top - 1 || py > r.bottom + 1) continue;
    ctx.beginPath();
    ctx.moveTo(r.left, py);
    ctx.lineTo(r.right, py);
    ctx.stroke();
    ctx.fillText(y.label(t), r.left - 6, py);
  }
  ctx.strokeStyle = COLORS.axis;
  ctx.strokeRect(r.left + 0.5, r.top + 0.5, r.right - r.left, r.bottom - r.top);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(titles.x, (r.left + r.right) / 2, r.bottom + 32);
  ctx.translate(12, (r.top + r.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(titles.y, 0, 0);
  ctx.restore();
}
