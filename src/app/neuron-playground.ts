import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { GpuHealthController } from './controllers/gpu-health-controller';
import { ScalingController } from './controllers/scaling-controller';
import { TrainingController } from './controllers/training-controller';
import { downloadText } from './model/download';
import { describeWork } from './model/run-work';
import { scalingCsv } from './model/scaling-table';
import { probeWebGpu, type WebGpuProbe } from './model/webgpu-probe';
import { applyEdit, type SettingEdit } from './state/settings-patch';
import type { Settings } from './state/settings';
import { parseQuery, toQuery } from './state/url-state';
import type { RunCommand } from './components/events';
import { baseStyles, cardStyles } from './components/theme';
import './components/boundary-plot';
import './components/loss-chart';
import './components/notice-list';
import './components/regression-plot';
import './components/run-controls';
import './components/run-progress';
import './components/scaling-panel';
import './components/settings-panel';
import './components/stats-panel';
import './components/status-line';
import './components/tab-bar';
import './explainer/explainer-panel';
import { explainerInput, type ExplainerInput } from './explainer/page-input';

/**
 * The page. It owns the settings (mirrored in the URL), hands them to the training and
 * scaling controllers, and passes their state down to components that only draw. Every
 * component event comes back here: settings -> URL -> controllers -> engine -> plots.
 */
@customElement('neuron-playground')
export class NeuronPlayground extends LitElement {
  static override styles = [baseStyles, cardStyles, css`
    :host {
      display: block;
      min-height: 100vh;
      background: #f3f6f8;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 6px 18px;
      padding: 14px 20px 10px;
      background: #fff;
      border-bottom: 1px solid #e0e6ea;
    }
    h1 { margin: 0; font-size: 20px; font-weight: 650; }
    h1 span { color: #0877bd; }
    .formula { color: #546e7a; font-style: italic; }
    status-line { margin-left: auto; }
    notice-list { margin: 10px 20px 0; }
    .layout {
      display: grid;
      grid-template-columns: 300px minmax(0, 1fr);
      gap: 16px;
      padding: 14px 20px 24px;
      align-items: start;
    }
    @media (max-width: 860px) { .layout { grid-template-columns: 1fr; } }
    aside.card { padding: 12px 14px; }
    main { display: grid; gap: 12px; min-width: 0; }
    .views { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
    .views .card { display: flex; flex-direction: column; height: 340px; }
    .views .card > :last-child { flex: 1; min-height: 0; }
    .empty { margin: auto; text-align: center; max-width: 28em; }
    .train-view { display: grid; gap: 12px; }
    /* The graph can be wider than the column: it scrolls inside its card, not the page. */
    .wide-content { overflow-x: auto; }
  `];

  /** Everything the person set; the URL always holds the same. */
  @state() private settings: Settings;
  /** Sentences about replaced settings, newest last. */
  @state() private notices: string[];
  /** What the browser offers for WebGPU (for the status line and the scaling run). */
  @state() private probe: WebGpuProbe | undefined;

  #training: TrainingController;
  #scaling = new ScalingController(this);
  /** GPU capacity for the sample-count hint, and GPU events for the status line. */
  #gpu = new GpuHealthController(this);
  /** The WebGPU probe, asked once. */
  #probing: Promise<WebGpuProbe> | null = null;
  /** The explainer's sample and batch, rebuilt once per training frame at most. */
  #explained: { frame: number; settings: Settings; input: ExplainerInput } | null = null;

  constructor() {
    super();
    const { settings, problems } = parseQuery(location.search);
    this.settings = settings;
    this.notices = problems;
    this.#training = new TrainingController(this, settings, (message) => this.#onEngineNotice(message));
    // The address bar now holds the cleaned settings: a bad value is never kept.
    history.replaceState(history.state, '', toQuery(settings));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#probing ??= probeWebGpu();
    void this.#probing.then((probe) => { this.probe = probe; });
    if (this.settings.backend !== 'cpu') void this.#gpu.refreshCapacity();
  }

  override render() {
    const s = this.settings;
    const t = this.#training;
    return html`
      <header>
        <h1><span>Neuron</span> Playground</h1>
        <span class="formula">z = w·x + b, a = f(z), trained by gradient descent</span>
        <status-line .requested=${s.backend} .used=${t.backend} .adapter=${t.adapter} .cpuKernel=${t.cpuKernel} .reason=${t.backendReason} .probe=${this.probe} .phase=${t.phase}
          .gpuEvent=${this.#gpu.latestEvent} .notice=${t.notice}></status-line>
      </header>
      <notice-list .messages=${this.notices} .error=${t.error} @notice-dismiss=${this.#onDismiss}></notice-list>
      <div class="layout" @setting-edit=${this.#onEdit}>
        <aside class="card" aria-label="Settings">
          <settings-panel .settings=${s} .gpuCapacityBytes=${this.#gpu.capacityBytes} .gpuMemory=${this.#gpu.memory}></settings-panel>
        </aside>
        <main>
          <tab-bar .selected=${s.tab}></tab-bar>
          <div role="tabpanel" aria-labelledby="tab-${s.tab}">
            ${s.tab === 'train' ? this.#trainView() : s.tab === 'backprop' ? this.#backpropView() : this.#scalingView()}
          </div>
        </main>
      </div>`;
  }

  #trainView() {
    const s = this.settings;
    const t = this.#training;
    return html`<div class="train-view">
      <div class="card">
        <run-controls .phase=${t.phase} .epochsDone=${t.history.epochs} .epochsTarget=${s.epochs}
          ?disabled=${this.#scaling.running} @run-command=${this.#onCommand}></run-controls>
        <run-progress .work=${t.work ? describeWork(t.work) : undefined} .summary=${t.summary}
          ?cancellable=${t.work !== undefined && t.work.phase !== 'training'} @run-command=${this.#onCommand}></run-progress>
      </div>
      <div class="card">
        <stats-panel .weights=${t.current.weights} .bias=${t.current.bias} .loss=${t.history.last}
          .accuracy=${t.accuracy} .accuracyRows=${t.sample.data.n} .samplesPerSecond=${t.samplesPerSecond} .frame=${t.frame}></stats-panel>
      </div>
      <div class="views">
        <section class="card">
          <loss-chart .history=${t.history} .frame=${t.frame} .scale=${s.lossScale}></loss-chart>
        </section>
        <section class="card">
          <h2>${s.dataset === 'blobs' ? 'Decision boundary' : 'Data and prediction'}</h2>
          ${this.#dataView()}
        </section>
      </div>
    </div>`;
  }

  #dataView() {
    const s = this.settings;
    const t = this.#training;
    if (s.features === 1 && s.dataset !== 'blobs') {
      return html`<regression-plot .sample=${t.sample} .initial=${t.initial} .current=${t.current}
        .activation=${s.activation} .frame=${t.frame}></regression-plot>`;
    }
    if (s.features === 2 && s.dataset === 'blobs') {
      return html`<boundary-plot .sample=${t.sample} .current=${t.current} .activation=${s.activation} .frame=${t.frame}></boundary-plot>`;
    }
    return html`<p class="empty muted">The data is drawn for one-feature regression and two-feature blobs;
      with ${s.features} features the loss curve and the numbers tell the story.</p>`;
  }

  #backpropView() {
    return html`<section class="card wide-content">
      <h2>Backpropagation</h2>
      <p class="muted">The first sample of the dataset with the current weights: each node's value on the way
        forward, each gradient on the way back.</p>
      <explainer-panel .sample=${this.#explainerInput().sample} .batch=${this.#explainerInput().batch}></explainer-panel>
    </section>`;
  }

  #scalingView() {
    const s = this.settings;
    const c = this.#scaling;
    return html`<scaling-panel .rows=${c.rows} .running=${c.running} .fraction=${c.fraction} .label=${c.label} .msLeft=${c.msLeft}
      .note=${c.note} .maxExp=${s.scalingMaxExp} .tfjs=${s.scalingTfjs} .ceilings=${c.ceilings} .measuringCeilings=${c.measuringCeilings}
      .model=${`${s.dataset}, ${s.features} feature${s.features === 1 ? '' : 's'}, ${s.activation}, ${s.loss}`}
      @scaling-start=${this.#onScalingStart} @scaling-cancel=${() => c.cancel()} @scaling-ceilings=${() => void c.measureCeilings()}
      @scaling-download=${() => downloadText('neuron-scaling.csv', scalingCsv(c.rows))}></scaling-panel>`;
  }

  /** Row 0 and the first rows of the dataset with the current parameters, as the explainer expects them. */
  #explainerInput(): ExplainerInput {
    const t = this.#training;
    const s = this.settings;
    if (this.#explained && this.#explained.frame === t.frame && this.#explained.settings === s) return this.#explained.input;
    const input = explainerInput(t.sample.data, { ...t.current, activation: s.activation, loss: s.loss, reduction: s.reduction });
    this.#explained = { frame: t.frame, settings: s, input };
    return input;
  }

  #onEdit(e: CustomEvent<SettingEdit>): void {
    e.stopPropagation();
    const { settings, problems } = applyEdit(this.settings, e.detail);
    this.notices = problems;
    if (settings === this.settings) return;
    this.#apply(settings);
  }

  #apply(settings: Settings): void {
    if (settings.backend !== 'cpu' && this.settings.backend === 'cpu') void this.#gpu.refreshCapacity();
    this.settings = settings;
    this.#training.setSettings(settings);
    history.replaceState(history.state, '', toQuery(settings));
  }

  #onCommand(e: CustomEvent<RunCommand>): void {
    const t = this.#training;
    switch (e.detail) {
      case 'play': t.play(); break;
      case 'pause': t.pause(); break;
      case 'step': t.step(); break;
      case 'reset': t.reset(); break;
      case 'new-seed': {
        const seed = crypto.getRandomValues(new Uint32Array(1))[0];
        this.#apply({ ...this.settings, seed });
        break;
      }
    }
  }

  /** The engine moved training (e.g. after losing the GPU): say so, and re-read the new device's capacity. */
  #onEngineNotice(message: string): void {
    this.notices = [...this.notices, message];
    void this.#gpu.refreshCapacity();
  }

  #onScalingStart(): void {
    // Both would measure each other: training pauses while the benchmark runs.
    this.#training.pause();
    const settings = this.settings;
    void (this.#probing ??= probeWebGpu()).then((probe) => this.#scaling.start(settings, settings.scalingMaxExp, probe));
  }

  #onDismiss(e: CustomEvent<number>): void {
    this.notices = this.notices.filter((_, i) => i !== e.detail);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'neuron-playground': NeuronPlayground;
  }
}
