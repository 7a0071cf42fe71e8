/**
 * Where the landscape looks: the axes' parameters as the engine names them, and the
 * automatic ranges, which frame the descent paths with a margin and only grow, so a run
 * walking outward redraws the surface a few times, not at every report.
 */
import type { SurfaceParam } from '../../index';
import type { SurfaceAxisName } from '../state/settings';
import type { DescentPath } from './descent-paths';

export interface Ranges {
  x: [number, number];
  y: [number, number];
}

/** 'w3' -> 3, 'b' -> 'bias'. */
export function surfaceParam(name: SurfaceAxisName): SurfaceParam {
  return name === 'b' ? 'bias' : Number(name.slice(1));
}

/** Index in [w_0 .. w_{d-1}, b] of an axis, for a neuron of d features. */
export function axisIndex(name: SurfaceAxisName, d: number): number {
  return name === 'b' ? d : Number(name.slice(1));
}

/** Margin around the points: a third of their span, and at least 0.5 and a tenth of their size. */
function framed(lo: number, hi: number): [number, number] {
  const pad = Math.max((hi - lo) / 3, 0.5, 0.1 * Math.max(Math.abs(lo), Math.abs(hi)));
  return [lo - pad, hi + pad];
}

/**
 * Ranges around every point of `paths` on axes (xi, yi); `previous` is kept while the
 * points stay inside it, else widened to take them in.
 */
export function autoRanges(paths: DescentPath[], xi: number, yi: number, previous: Ranges | null): Ranges {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const path of paths) {
    for (const p of path.points) {
      if (!Number.isFinite(p[xi]) || !Number.isFinite(p[yi])) continue;
      x0 = Math.min(x0, p[xi]); x1 = Math.max(x1, p[xi]);
      y0 = Math.min(y0, p[yi]); y1 = Math.max(y1, p[yi]);
    }
  }
  if (!(x0 <= x1)) return previous ?? { x: [-2, 2], y: [-2, 2] };
  const inside = previous && x0 >= previous.x[0] && x1 <= previous.x[1] && y0 >= previous.y[0] && y1 <= previous.y[1];
  if (inside) return previous;
  const x = framed(x0, x1);
  const y = framed(y0, y1);
  if (!previous) return { x, y };
  return {
    x: [Math.min(x[0], previous.x[0]), Math.max(x[1], previous.x[1])],
    y: [Math.min(y[0], previous.y[0]), Math.max(y[1], previous.y[1])],
  };
}
