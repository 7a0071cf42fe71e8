import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { GpuHealthController } from './controllers/gpu-health-controller';
import { LandscapeController } from './controllers/landscape-controller';
import { ScalingController } from './controllers/scaling-controller';
import { TrainingController } from './controllers/training-controller';
import { datasetCsv } from './model/dataset-csv';
import { downloadBlob, downloadText } from './model/download';
import { modelFile, readModelFile } from './model/model-file';
import { describeWork } from './model/run-work';
import { scalingCsv } from './model/scaling-table';
import { probeWebGpu, type WebGpuProbe } from './model/webgpu-probe';
import { applyEdit, type SettingEdit } from './state/settings-patch';
import { presetFor, type Settings } from './state/settings';
import { reconcile } from './state/reconcile';
import { TableController, type TableChoice, type TableSource } from './table/table-controller';
import type { Table } from '../index';
import { parseQuery, TABLE_NOT_IN_LINK, toQuery } from './state/url-state';
import type { RunCommand } from './components/events';
import { dataView, drawsBoundary } from './views/data-view';
import { landscapeView } from './views/landscape-tab';
import { playgroundStyles } from './views/playground-styles';
import './components/export-bar';
import './components/loss-chart';
import './components/notice-list';
import './components/run-controls';
import './components/run-progress';
import './components/scaling-panel';
import './components/settings-panel';
import './components/stats-panel';
import './components/status-line';
import './components/tab-bar';
import './explainer/explainer-panel';
import './table/table-panel';
import { explainerInput, type ExplainerInput } from './explainer/page-input';

/**
 * The page. It owns the settings (mirrored in the URL), hands them to the training and
 * scaling controllers, and passes their state down to components that only draw. Every
 * component event comes back here: settings -> URL -> controllers -> engine -> plots.
 */
@customElement('neuron-playground')
export class NeuronPlayground extends LitElement {
  static override styles = playgroundStyles;

  /** Everything the person set; the URL always holds the same. */
  @state() private settings: Settings;
  /** Sentences about replaced settings, newest last. */
  @state() private notices: string[];
  /** Whether the table panel shows while a synthetic dataset is chosen (it always shows with a table). */
  @state() private tablePanelOpen = false;
  /** What the browser offers for WebGPU (for the status line and the scaling run). */
  @state() private probe: WebGpuProbe | undefined;

  #training: TrainingController;
  /** The landscape's surface, recomputed when what it shows changes (only while its tab is open). */
  #landscape = new LandscapeController(this, () => ({
    settings: this.settings, current: this.#training.current, paths: this.#training.paths, table: this.#table.table ?? undefined,
  }));
  #scaling = new ScalingController(this);
  /** True from opening a dataset=table link until a table is loaded. */
  #linkAwaitsTable = false;
  /** The loaded table (kept while another dataset is chosen) and the reading of the next. */
  #table = new TableController(this, (table) => this.#onTableLoaded(table), () => { this.tablePanelOpen = true; });
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
    // A link made with a table: its panel is open, and the table loaded again keeps the link's settings.
    this.#linkAwaitsTable = problems.includes(TABLE_NOT_IN_LINK);
    this.tablePanelOpen = this.#linkAwaitsTable;
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
      <div class="layout" @setting-edit=${this.#onEdit} @table-source=${(e: CustomEvent<TableSource>) => this.#table.load(e.detail)}
        @table-choice=${(e: CustomEvent<TableChoice>) => this.#table.choose(e.detail)} @table-cancel=${() => this.#table.cancel()}
        @model-export=${this.#onModelExport} @model-import=${this.#onModelImport} @data-export=${this.#onDataExport}>
        <aside class="card" aria-label="Settings">
          <settings-panel .settings=${s} .gpuCapacityBytes=${this.#gpu.capacityBytes} .gpuMemory=${this.#gpu.memory}></settings-panel>
          ${this.#tablePanel()}
        </aside>
        <main>
          <tab-bar .selected=${s.tab}></tab-bar>
          <div role="tabpanel" aria-labelledby="tab-${s.tab}">
            ${s.tab === 'train' ? this.#trainView() : s.tab === 'backprop' ? this.#backpropView() : s.tab === 'landscape' ? landscapeView(s, t, this.#landscape, this.#statsCard(), this.#runControls()) : this.#scalingView()}
          </div>
        </main>
      </div>`;
  }

  #tablePanel() {
    const c = this.#table;
    if (this.settings.dataset !== 'table' && !this.tablePanelOpen) return nothing;
    return html`<table-panel .table=${c.table} .sourceName=${c.source?.name ?? ''} .numericColumns=${c.numericColumns}
      .error=${c.error} .reading=${c.reading}></table-panel>`;
  }

  #trainView() {
    const s = this.settings;
    const t = this.#training;
    return html`<div class="train-view">
      <div class="card">
        ${this.#runControls()}
        <run-progress .work=${t.work ? describeWork(t.work) : undefined} .summary=${t.summary}
          ?cancellable=${t.work !== undefined && t.work.phase !== 'training'} @run-command=${this.#onCommand}></run-progress>
      </div>
      ${this.#statsCard()}
      <div class="views">
        <section class="card">
          <loss-chart .history=${t.history} .frame=${t.frame} .scale=${s.lossScale}></loss-chart>
        </section>
        <section class="card">
          <h2>${drawsBoundary(s) ? 'Decision boundary' : 'Data and prediction'}</h2>
          ${dataView(s, t, this.#table.table)}
        </section>
      </div>
    </div>`;
  }

  #runControls() {
    const t = this.#training;
    return html`<run-controls .phase=${t.phase} .epochsDone=${t.history.epochs} .epochsTarget=${this.settings.epochs}
      ?disabled=${this.#scaling.running} @run-command=${this.#onCommand}></run-controls>`;
  }

  #statsCard() {
    const t = this.#training;
    return html`<div class="card">
      <stats-panel .weights=${t.current.weights} .bias=${t.current.bias} .loss=${t.history.last}
        .accuracy=${t.accuracy} .accuracyRows=${t.sample.data.n} .samplesPerSecond=${t.samplesPerSecond} .frame=${t.frame}></stats-panel>
      <export-bar ?disabled=${t.running}></export-bar>
    </div>`;
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
      .note=${c.note} .maxExp=${s.scalingMaxExp} .tfjs=${s.scalingTfjs} .surface=${s.scalingSurface} .ceilings=${c.ceilings} .measuringCeilings=${c.measuringCeilings}
      .tableRows=${s.dataset === 'table' ? s.n : undefined}
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
    if (e.detail.key === 'dataset') {
      this.tablePanelOpen = e.detail.raw === 'table';
      // "Your data" before any table is loaded only opens the panel; the dataset changes once one is read.
      if (e.detail.raw === 'table') {
        if (this.#table.table) this.#useTable(this.#table.table);
        return;
      }
    }
    const { settings, problems } = applyEdit(this.settings, e.detail);
    this.notices = problems;
    if (settings === this.settings) return;
    this.#apply(settings);
  }

  #apply(settings: Settings): void {
    if (settings.backend !== 'cpu' && this.settings.backend === 'cpu') void this.#gpu.refreshCapacity();
    this.settings = settings;
    this.#training.setData(settings, settings.dataset === 'table' ? this.#table.table : undefined);
    history.replaceState(history.state, '', toQuery(settings));
  }

  /** Trains on the table from now on: its rows and features; the table preset when coming from a generated set. */
  #useTable(table: Table): void {
    const s = this.settings;
    const base = s.dataset === 'table' || this.#linkAwaitsTable ? s : presetFor('table', s);
    this.#linkAwaitsTable = false;
    const { settings, problems } = reconcile({ ...base, dataset: 'table', n: table.n, features: table.d, noise: 0 });
    this.notices = problems;
    this.#apply(settings);
  }

  #onTableLoaded(table: Table): void {
    this.tablePanelOpen = true;
    this.#useTable(table);
  }

  #onModelExport(): void {
    const file = modelFile(this.settings, this.#training.current, this.#training.history, this.#table.table);
    downloadText('neuron-model.json', `${JSON.stringify(file, null, 2)}\n`, 'application/json');
  }

  /** A model file read back: its settings, then its parameters as the run's starting point. */
  async #onModelImport(e: CustomEvent<File>): Promise<void> {
    const imported = readModelFile(await e.detail.text(), this.#table.table);
    if ('error' in imported) {
      this.notices = [imported.error];
      return;
    }
    this.notices = imported.problems;
    this.#apply(imported.settings);
    this.#training.reset(imported.init);
  }

  async #onDataExport(): Promise<void> {
    downloadBlob(`neuron-${this.settings.dataset}.csv`, await datasetCsv(this.settings, this.#table.table));
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
    void (this.#probing ??= probeWebGpu()).then((probe) => this.#scaling.start(settings, settings.scalingMaxExp, probe, this.#table.table));
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
