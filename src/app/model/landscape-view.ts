/** What the landscape view shows, derived from the run: its paths in the axes' plane, and how the surface was made. */
import type { DrawnSurface } from '../controllers/landscape-controller';
import type { PlanePath } from '../components/landscape-plot';
import type { Settings } from '../state/settings';
import type { DescentPaths } from './descent-paths';
import { axisIndex } from './surface-view';

/**
 * Each path on the axes (x, y), labelled "now: full batch, lr 0.1" or "earlier: ...":
 * earlier runs oldest first, then the current one (drawn last, on top, colour 0); the
 * latest earlier run has colour 1.
 */
export function planePaths(paths: DescentPaths, s: Settings): PlanePath[] {
  const xi = axisIndex(s.surfaceX, s.features);
  const yi = axisIndex(s.surfaceY, s.features);
  const project = (points: number[][]) => points.map((p) => [p[xi], p[yi]] as [number, number]);
  const past = paths.past.map((p, k) => ({
    label: `earlier: ${p.label}`, color: paths.past.length - k, points: project(p.points),
  }));
  return [...past, { label: `now: ${paths.current.label}`, color: 0, points: project(paths.current.points) }];
}

/** "GPU (direct), 96 × 96 points in 12.3 ms". */
export function surfaceMade(surface: DrawnSurface | null): string {
  if (!surface) return '';
  const how = surface.method === 'closed-form' ? 'closed form' : 'every point over every sample';
  return `${surface.backend.toUpperCase()} (${how}), ${surface.resolution} × ${surface.resolution} points in ${surface.ms.toFixed(1)} ms`;
}
