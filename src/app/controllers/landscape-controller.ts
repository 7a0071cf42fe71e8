/**
 * The landscape view's surface: computed with lossSurface() when the view is shown, a
 * coarse grid first and then the refined one, again whenever the data, the model, the
 * axes, the ranges or the held parameters change. A change of what is drawn cancels the
 * computation in flight; held parameters moving while training only queue the next one,
 * so a running surface always finishes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConfigError, DeviceCapacityError, lossSurface, type SurfaceResult, type TrainConfig } from '../../index';
import { isAbortError } from '../../engine/errors';
import type { DescentPaths } from '../model/descent-paths';
import { autoRanges, axisIndex, surfaceParam, type Ranges } from '../model/surface-view';
import type { Settings } from '../state/settings';
import { trainConfig, type TableNumbers } from '../state/train-config';
import type { NeuronParameters } from '../../index';

/** Points per axis of the first, quick grid, and of the refined one. */
export const COARSE_RESOLUTION = 24;
export const FINE_RESOLUTION = 96;

export interface DrawnSurface extends SurfaceResult {
  resolution: number;
  ranges: Ranges;
}

/** What the view draws: the settings, the parameters now (the held ones among them), the paths, a loaded table. */
export type LandscapeInputs = () => { settings: Settings; current: NeuronParameters; paths: DescentPaths; table?: TableNumbers };

/** A number per loaded table, so a surface is recomputed when another table is loaded. */
const tableIds = new WeakMap<TableNumbers, number>();
let tablesSeen = 0;
function tableId(table: TableNumbers): number {
  const id = tableIds.get(table) ?? ++tablesSeen;
  tableIds.set(table, id);
  return id;
}

export type SurfacePhase = 'idle' | 'coarse' | 'refining' | 'ready' | 'failed';

export class LandscapeController implements ReactiveController {
  /** The latest surface finished (coarse or refined), or null before the first. */
  surface: DrawnSurface | null = null;
  phase: SurfacePhase = 'idle';
  /** Fraction of the grid being computed that is done. */
  fraction = 0;
  error: string | undefined;
  /** The ranges drawn now (the settings' ranges, or the automatic ones). */
  ranges: Ranges = { x: [-2, 2], y: [-2, 2] };

  #host: ReactiveControllerHost;
  /** What to draw: settings, the parameters held, the paths; read before each render. */
  #inputs: LandscapeInputs;
  /** Key of the data, model, axes and ranges of the surface computed or in flight. */
  #shapeKey = '';
  /** Key of the held parameters of the surface computed or in flight. */
  #heldKey = '';
  #abort: AbortController | null = null;
  /** The automatic ranges, kept while the paths stay inside them. */
  #auto: Ranges | null = null;
  #autoKey = '';

  constructor(host: ReactiveControllerHost, inputs: LandscapeInputs) {
    this.#host = host;
    this.#inputs = inputs;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** Before each render: start a computation if what the view shows has changed. */
  hostUpdate(): void {
    const { settings: s, current, paths, table } = this.#inputs();
    if (s.tab !== 'landscape') return;
    const data = s.dataset === 'table' ? table : undefined;
    // A table chosen but not (yet) loaded has nothing to draw a surface of.
    if (s.dataset === 'table' && !data) return;
    const d = s.features;
    const xi = axisIndex(s.surfaceX, d);
    const yi = axisIndex(s.surfaceY, d);
    const dataKey = JSON.stringify([s.dataset, s.n, d, s.noise, s.seed, data ? tableId(data) : 0, s.activation, s.loss, s.surfaceX, s.surfaceY]);
    if (dataKey !== this.#autoKey) {
      this.#auto = null;
      this.#autoKey = dataKey;
    }
    if (s.surfaceRange === 'auto') {
      this.#auto = autoRanges([...paths.past, paths.current], xi, yi, this.#auto);
      this.ranges = this.#auto;
    } else {
      this.ranges = s.surfaceRange;
    }
    const shapeKey = JSON.stringify([dataKey, s.backend, this.ranges]);
    // The parameters not on an axis, to four significant digits: smaller moves do not show.
    const held = [...current.weights, current.bias].filter((_, i) => i !== xi && i !== yi);
    const heldKey = JSON.stringify(held.map((v) => Number(v.toPrecision(4))));
    const inFlight = this.#abort !== null;
    if (shapeKey === this.#shapeKey && (heldKey === this.#heldKey || inFlight)) return;
    this.#shapeKey = shapeKey;
    this.#heldKey = heldKey;
    this.#abort?.abort();
    const config = trainConfig(s, current, 1, 0, data);
    void this.#compute(config, s, this.ranges);
  }

  async #compute(config: TrainConfig, s: Settings, ranges: Ranges): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.error = undefined;
    try {
      for (const resolution of [COARSE_RESOLUTION, FINE_RESOLUTION]) {
        this.phase = resolution === COARSE_RESOLUTION ? 'coarse' : 'refining';
        this.fraction = 0;
        this.#host.requestUpdate();
        const spec = {
          x: { param: surfaceParam(s.surfaceX), from: ranges.x[0], to: ranges.x[1] },
          y: { param: surfaceParam(s.surfaceY), from: ranges.y[0], to: ranges.y[1] },
          resolution,
        };
        const result = await lossSurface(config, spec, {
          signal: abort.signal,
          onProgress: (done) => { this.fraction = done; this.#host.requestUpdate(); },
        });
        if (abort.signal.aborted) return;
        this.surface = { ...result, resolution, ranges };
      }
      this.phase = 'ready';
    } catch (e) {
      if (abort.signal.aborted || isAbortError(e)) return;
      this.phase = 'failed';
      this.error = e instanceof ConfigError || e instanceof DeviceCapacityError ? e.message : `The surface failed: ${(e as Error).message}`;
    } finally {
      if (this.#abort === abort) {
        this.#abort = null;
        // Held parameters that moved meanwhile: the next render starts the next surface.
        this.#host.requestUpdate();
      }
    }
  }
}
