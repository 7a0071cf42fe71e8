/**
 * One run of the neuron: play, pause, step and reset on top of the engine's one-shot
 * train(). Play is one train() call for all the epochs still to go, aborted by pause;
 * step is a call of one epoch. Each call starts from the parameters the previous one
 * reached, so the loss curve continues without gaps. Progress reports update the state
 * at once, but the host is asked to redraw at most once per animation frame.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConfigError, DeviceCapacityError, DivergenceError, initialParameters, train, type Backend, type BackendReason, type CpuKernel, type NeuronParameters, type ProgressEvent } from '../../index';
import { DescentPaths, runLabel } from '../model/descent-paths';
import { trainInSteps } from '../model/train-in-steps';
import { accuracy } from '../model/metrics';
import { LossHistory } from '../model/loss-history';
import { plotSample, type PlotSample } from '../model/plot-sample';
import { cancelledSummary, nextWork, runSummary, type RunWork } from '../model/run-work';
import { RESETTING_KEYS, VIEW_KEYS, type Settings } from '../state/settings';
import { trainConfig, type TableNumbers } from '../state/train-config';
import { FrameThrottle } from './frame-throttle';

/** Where a run stands. */
export type RunPhase = 'ready' | 'starting' | 'running' | 'paused' | 'done' | 'failed';

/** play: up to the epochs setting (or a new round); step: one epoch; resume: what is left, if anything. */
type StartMode = 'play' | 'step' | 'resume';

export class TrainingController implements ReactiveController {
  phase: RunPhase = 'ready';
  /** Parameters before the first epoch, drawn from the seed. */
  initial: NeuronParameters;
  /** Parameters after the last reported epoch. */
  current: NeuronParameters;
  /** Loss of every epoch of this run. */
  readonly history = new LossHistory();
  /** Rows shown in the plots and used for accuracy. */
  sample: PlotSample;
  /** Accuracy on the plot sample (blobs only; NaN otherwise). */
  accuracy = NaN;
  /** Training throughput of the latest call, samples (rows visited) per second. */
  samplesPerSecond = NaN;
  /** Backend of the latest call, and its adapter as the engine last reported it. */
  backend: Backend | undefined;
  adapter: string | undefined;
  /** On the CPU: which inner loop the engine reported summing with. */
  cpuKernel: CpuKernel | undefined;
  /** Why the engine used that backend (e.g. what 'auto' measured). */
  backendReason: BackendReason | undefined;
  /** Why the latest call failed, in the engine's words. */
  error: string | undefined;
  /** The latest thing the engine said a person should know (a lost GPU and where training went on). */
  notice: string | undefined;
  /** What the call in flight is doing (making the dataset, timing, compiling, training); undefined when none runs. */
  work: RunWork | undefined;
  /** One line on how the latest call ended: epochs, time, backend, pace and why that backend; or that it was cancelled. */
  summary: string | undefined;
  /** Bumped at each redraw with news, so charts can tell new data from a re-render. */
  frame = 0;
  /** The parameters' way down, this run's and the last few runs' (for the landscape). */
  readonly paths = new DescentPaths();

  /** The page element that renders this state. */
  #host: ReactiveControllerHost;
  #settings: Settings;
  /** The loaded table, used when the settings choose the 'table' dataset. */
  #table: TableNumbers | undefined;
  /** Told each notice of the engine, for the page's notice list. */
  #onNotice: (message: string) => void;
  #throttle = new FrameThrottle(() => this.#flush());
  /** Aborts the call in flight; null when none runs. */
  #abort: AbortController | null = null;
  /** Settles when the latest call has settled: calls never overlap. */
  #idle: Promise<void> = Promise.resolve();
  /** Bumped by reset(): reports from calls of an earlier generation are dropped. */
  #generation = 0;

  constructor(host: ReactiveControllerHost, settings: Settings, onNotice: (message: string) => void = () => {}, table?: TableNumbers) {
    this.#host = host;
    this.#settings = settings;
    this.#table = table;
    this.#onNotice = onNotice;
    this.initial = initialParameters(settings.seed, settings.features);
    this.current = this.initial;
    this.sample = plotSample(settings, table);
    this.paths.start(runLabel(settings), this.initial);
    this.#measure();
    host.addController(this);
  }

  /** True while a call trains (and has not been asked to stop). */
  get running(): boolean {
    return this.#abort !== null && !this.#abort.signal.aborted;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#throttle.cancel();
  }

  /**
   * Takes new settings. A new dataset or model resets the run; a new learning rate,
   * batch mode or backend applies from the next epoch (a running call is restarted).
   */
  setSettings(next: Settings): void {
    const previous = this.#settings;
    this.#settings = next;
    const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => next[k] !== previous[k]);
    if (changed.some((k) => RESETTING_KEYS.includes(k))) {
      // Paths on another dataset or model lie on another surface.
      this.paths.clear();
      this.reset();
      return;
    }
    // A new learning rate or batch goes on as a new, newly labelled path from here.
    if (runLabel(next) !== runLabel(previous)) this.paths.start(runLabel(next), this.current);
    if (this.running && changed.some((k) => !VIEW_KEYS.includes(k))) {
      this.pause();
      this.#start('resume');
    }
  }

  /**
   * Takes new settings and a new table at once (a loaded table changes n and features
   * too); a new table resets the run even when its shape is the same.
   */
  setData(next: Settings, table: TableNumbers | undefined): void {
    const tableChanged = table !== this.#table;
    this.#table = table;
    if (tableChanged && next.dataset === 'table') {
      this.#settings = next;
      this.reset();
    } else {
      this.setSettings(next);
    }
  }

  /** Trains up to the epochs setting; once there, another round of as many. */
  play(): void {
    if (this.running) return;
    this.#start('play');
  }

  /**
   * Stops after the epoch in progress; before the first epoch, cancels making the dataset
   * (the engine keeps nothing half-made) or timing the backends.
   */
  pause(): void {
    this.#abort?.abort();
  }

  /** Trains exactly one epoch. */
  step(): void {
    if (this.running) return;
    this.#start('step');
  }

  /** Back to epoch 0 with the same seed: the same data and initial weights (or `from`, e.g. an imported model's). */
  reset(from?: NeuronParameters): void {
    this.#abort?.abort();
    this.#generation++;
    const s = this.#settings;
    this.initial = from ?? initialParameters(s.seed, s.features);
    this.current = this.initial;
    this.history.clear();
    this.paths.start(runLabel(s), this.initial);
    this.sample = plotSample(s, this.#table);
    this.phase = 'ready';
    this.error = undefined;
    this.notice = undefined;
    this.work = undefined;
    this.summary = undefined;
    this.samplesPerSecond = NaN;
    this.#throttle.request();
  }

  /** Queues a call after the one in flight (if any) has settled. */
  #start(mode: StartMode): void {
    const abort = new AbortController();
    this.#abort = abort;
    this.phase = 'starting';
    this.#host.requestUpdate();
    const generation = this.#generation;
    this.#idle = this.#idle.then(() => this.#train(mode, abort, generation)).catch(() => undefined);
  }

  async #train(mode: StartMode, abort: AbortController, generation: number): Promise<void> {
    if (abort.signal.aborted || generation !== this.#generation) return;
    const s = this.#settings;
    const startEpoch = this.history.epochs;
    // Counted only now: a call that was paused may have finished more epochs meanwhile.
    const left = s.epochs - startEpoch;
    if (mode === 'resume' && left <= 0) {
      this.phase = 'done';
      this.#throttle.request();
      return;
    }
    const epochs = mode === 'step' ? 1 : left > 0 ? left : s.epochs;
    this.phase = 'starting';
    this.error = undefined;
    this.summary = undefined;
    this.work = undefined;
    let trained = false;
    const config = trainConfig(s, this.current, epochs, startEpoch, this.#table);
    const onProgress = (p: ProgressEvent): void => {
      if (generation !== this.#generation) return;
      const previous = this.work;
      this.work = nextWork(previous, p, performance.now());
      if (p.phase !== 'training') {
        // A phase's first and last counts are drawn at once (a few updates per run), so the
        // bar is seen to reach its end even when the next phase follows within the frame.
        if (previous?.phase !== p.phase || (p.phase === 'dataset' && p.done === p.total)) this.#host.requestUpdate();
        return this.#throttle.request();
      }
      trained = true;
      this.history.push(p.losses);
      this.current = { weights: p.weights, bias: p.bias };
      this.paths.add(this.current);
      this.backend = p.backend;
      // After a lost device the engine goes on elsewhere: the adapter shown follows it.
      this.adapter = p.adapter;
      this.cpuKernel = p.cpuKernel;
      this.backendReason = p.backendReason;
      if (p.ms > 0) this.samplesPerSecond = (p.epoch * s.n * 1000) / p.ms;
      if (this.phase === 'starting') this.phase = 'running';
      this.#throttle.request();
    };
    const onNotice = (message: string): void => {
      if (generation !== this.#generation) return;
      this.notice = message;
      this.#onNotice(message);
      this.#throttle.request();
    };
    // A call paused to make way for the next one (new learning rate, another backend)
    // leaves the phase to its successor.
    const superseded = (): boolean => generation !== this.#generation || (this.#abort !== null && this.#abort !== abort);
    try {
      // On the landscape a full-batch path is drawn step by step: calls of a few epochs each.
      const run = s.tab === 'landscape' && s.batchMode === 'full' ? trainInSteps : train;
      const result = await run(config, { onProgress, onNotice, signal: abort.signal });
      if (generation !== this.#generation) return;
      // Both backends report the last group of epochs; this only guards against a gap.
      const missing = result.losses.length - (this.history.epochs - startEpoch);
      if (missing > 0) this.history.push(result.losses.slice(-missing));
      this.current = { weights: result.weights, bias: result.bias };
      this.backend = result.backend;
      this.adapter = result.adapter;
      this.cpuKernel = result.cpuKernel;
      this.backendReason = result.backendReason;
      if (superseded()) return;
      this.phase = this.history.epochs >= s.epochs ? 'done' : 'paused';
      this.summary = runSummary({ ...result, epochs: result.losses.length, n: s.n });
    } catch (e) {
      if (superseded()) return;
      if (e instanceof DivergenceError) {
        this.#diverged(e, startEpoch);
      } else if (abort.signal.aborted) {
        // Cancelled before its first epoch, the call changed nothing: the run stands where it stood.
        this.phase = this.history.epochs > 0 ? 'paused' : 'ready';
        if (!trained) this.summary = cancelledSummary(this.work);
      } else {
        this.phase = 'failed';
        this.error = describeFailure(e);
      }
    } finally {
      if (generation === this.#generation && !superseded()) this.work = undefined;
      if (this.#abort === abort) this.#abort = null;
      this.#throttle.request();
    }
  }

  /**
   * The loss overflowed: the run stops, the chart keeps every finite epoch loss (those
   * not reported yet come with the error), and the parameters shown are the last finite
   * ones, which the message says belong to which epoch.
   */
  #diverged(e: DivergenceError, startEpoch: number): void {
    const missing = e.losses.length - (this.history.epochs - startEpoch);
    if (missing > 0) this.history.push(e.losses.slice(-missing).filter(Number.isFinite));
    this.current = { weights: [...e.weights], bias: e.bias };
    this.phase = 'failed';
    this.error = e.message;
  }

  /** Numbers derived from the parameters: once per frame, not per report. */
  #measure(): void {
    const s = this.#settings;
    // Accuracy means something for classes: blobs, or a table trained with cross-entropy (0/1 targets).
    this.accuracy = s.dataset === 'blobs' || (s.dataset === 'table' && s.loss === 'bce') ? accuracy(this.sample.data, this.current, s.activation) : NaN;
  }

  #flush(): void {
    this.#measure();
    this.frame++;
    this.#host.requestUpdate();
  }
}

/**
 * A failed call in words. The engine's own errors already name the field and the limit
 * (ConfigError, DeviceCapacityError), so they are shown as they are; anything else is
 * marked as unexpected.
 */
function describeFailure(e: unknown): string {
  if (e instanceof ConfigError || e instanceof DeviceCapacityError) return e.message;
  return `Training failed: ${e instanceof Error ? e.message : String(e)}`;
}
