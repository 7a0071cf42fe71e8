/** Maps from data to pixels, with tick positions, for the hand-drawn plots' linear axes. */
import { formatCompact } from '../model/format';

export interface Scale {
  /** Pixel of a data value. */
  at(v: number): number;
  /** Values to mark on the axis. */
  ticks: number[];
  /** Label of a tick. */
  label(v: number): string;
}

/** Steps of 1, 2 or 5 times a power of ten, about `count` of them across the domain. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m >= 5 ? 10 : m >= 2 ? 5 : m >= 1 ? 2 : 1) * power;
}

function tickLabel(v: number, step: number): string {
  const a = Math.abs(v);
  if (a >= 1e4 || (a > 0 && a < 1e-3)) return a >= 1e4 && Number.isInteger(v) ? formatCompact(v) : v.toExponential(0);
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step))));
  return v.toFixed(decimals);
}

/** [lo, hi] -> [p0, p1]; a degenerate domain is widened so nothing divides by zero. */
export function linearScale(lo: number, hi: number, p0: number, p1: number, tickCount = 5): Scale {
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, tickCount);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return {
    at: (v) => p0 + ((v - lo) / (hi - lo)) * (p1 - p0),
    ticks,
    label: (v) => tickLabel(v, step),
  };
}
