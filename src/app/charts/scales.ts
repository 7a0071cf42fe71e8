/** Maps from data to pixels, with tick positions, for linear and logarithmic axes. */
import { formatCompact } from '../model/format';

export interface Scale {
  /** Pixel of a data value. */
  at(v: number): number;
  /** Data value of a pixel. */
  invert(px: number): number;
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
    invert: (px) => lo + ((px - p0) / (p1 - p0)) * (hi - lo),
    ticks,
    label: (v) => tickLabel(v, step),
  };
}

/** Logarithmic [lo, hi] (both > 0) -> [p0, p1], ticks at powers of ten. */
export function logScale(lo: number, hi: number, p0: number, p1: number): Scale {
  let a = Math.log10(lo);
  let b = Math.log10(hi);
  if (!(b > a)) {
    a -= 0.5;
    b += 0.5;
  }
  const ticks: number[] = [];
  const every = Math.max(1, Math.ceil((Math.floor(b) - Math.ceil(a) + 1) / 8));
  // Under three decades, 2 and 5 times each power join in, so the axis never has one label.
  const multiples = b - a < 3 ? [1, 2, 5] : [1];
  for (let e = Math.floor(a); e <= Math.ceil(b); e += every) {
    for (const m of multiples) {
      const v = m * 10 ** e;
      if (Math.log10(v) >= a - 1e-9 && Math.log10(v) <= b + 1e-9) ticks.push(v);
    }
  }
  return {
    at: (v) => p0 + ((Math.log10(v) - a) / (b - a)) * (p1 - p0),
    invert: (px) => 10 ** (a + ((px - p0) / (p1 - p0)) * (b - a)),
    ticks,
    label: (v) => (v >= 1e4 ? formatCompact(v) : v >= 1e-3 ? String(Number(v.toPrecision(2))) : v.toExponential(0)),
  };
}
