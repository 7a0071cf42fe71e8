/**
 * The trained model as a JSON file and back: its parameters, activation and loss, every
 * page setting (as the URL's query string, so reading it back passes the URL's strict
 * parsers), the table's column names and standardization with the equivalent weights on
 * raw values, and the loss history.
 */
import type { NeuronParameters, Table } from '../../index';
import type { LossHistory } from './loss-history';
import { reconcile } from '../state/reconcile';
import type { Settings } from '../state/settings';
import { parseQuery, toQuery } from '../state/url-state';

export const MODEL_FORMAT = 'neuron-playground-model';

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: 1;
  weights: number[];
  bias: number;
  activation: Settings['activation'];
  loss: Settings['loss'];
  /** Every page setting, as the query string of the page's URL. */
  settings: string;
  /** Feature names in the weights' order, and the target's name. */
  columns: string[];
  target: string;
  /**
   * The features were standardized, z_j = (raw_j - mean_j) / sd_j, before training; the
   * same neuron on raw values is rawWeights and rawBias.
   */
  standardization: { mean: number[]; sd: number[]; rawWeights: number[]; rawBias: number } | null;
  epochs: number;
  /** Mean loss of each run of `epochsPerPoint` epochs, first to last. */
  lossHistory: { epochsPerPoint: number; points: number[] };
}

/** Column names of a generated dataset, as its CSV names them too. */
export function syntheticColumns(s: Settings): { columns: string[]; target: string } {
  if (s.dataset === 'celsius') return { columns: ['celsius'], target: 'fahrenheit' };
  return { columns: Array.from({ length: s.features }, (_, j) => `x${j + 1}`), target: 'y' };
}

export function modelFile(s: Settings, p: NeuronParameters, history: LossHistory, table: Table | undefined): ModelFile {
  const names = s.dataset === 'table' && table ? { columns: table.columns, target: table.target } : syntheticColumns(s);
  const scaling = s.dataset === 'table' ? table?.scaling : undefined;
  let standardization: ModelFile['standardization'] = null;
  if (scaling) {
    // w·(raw - mean)/sd + b = Σ (w_j/sd_j) raw_j + (b - Σ w_j mean_j / sd_j)
    const rawWeights = p.weights.map((w, j) => w / scaling.sd[j]);
    const rawBias = p.bias - p.weights.reduce((sum, w, j) => sum + (w * scaling.mean[j]) / scaling.sd[j], 0);
    standardization = { mean: scaling.mean, sd: scaling.sd, rawWeights, rawBias };
  }
  return {
    format: MODEL_FORMAT, version: 1,
    weights: [...p.weights], bias: p.bias, activation: s.activation, loss: s.loss,
    settings: toQuery(s), ...names, standardization,
    epochs: history.epochs,
    lossHistory: { epochsPerPoint: history.stride, points: Array.from({ length: history.length }, (_, i) => history.at(i)) },
  };
}

/** What a model file sets on the page, or why it cannot. */
export type ModelImport = { settings: Settings; init: NeuronParameters; problems: string[] } | { error: string };

/**
 * Reads a model file. One made on a table needs a table of as many features loaded (its
 * numbers are not in the file); its columns' names are said when it is missing.
 */
export function readModelFile(text: string, table: Table | undefined): ModelImport {
  let m: Partial<ModelFile>;
  try {
    m = JSON.parse(text) as Partial<ModelFile>;
  } catch (e) {
    return { error: `Model file: not JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  if (typeof m !== 'object' || m === null || m.format !== MODEL_FORMAT || m.version !== 1) {
    return { error: `Model file: must be a ${MODEL_FORMAT} file of version 1, as "Export model" writes.` };
  }
  if (typeof m.settings !== 'string') return { error: 'Model file: settings must be the query string of the page.' };
  const onTable = new URLSearchParams(m.settings).get('dataset') === 'table';
  const weights = m.weights;
  if (!Array.isArray(weights) || weights.length === 0 || !weights.every((w) => typeof w === 'number' && Number.isFinite(w))
    || typeof m.bias !== 'number' || !Number.isFinite(m.bias)) {
    return { error: 'Model file: weights must be a list of finite numbers and bias a finite number.' };
  }
  if (onTable && (!table || table.d !== weights.length)) {
    const columns = Array.isArray(m.columns) ? m.columns.map(String).join(', ') : `${weights.length} columns`;
    return { error: `Model file: it was trained on a table of ${weights.length} feature(s) (${columns}); load that table first, then import the model.` };
  }
  // A table's settings pass the same parsers with a generated dataset in its place, then take the table's shape.
  const query = onTable ? m.settings.replace(/(^|[?&])dataset=table(&|$)/, '$1dataset=linear$2') : m.settings;
  const parsed = parseQuery(query);
  const { settings, problems } = onTable
    ? reconcile({ ...parsed.settings, dataset: 'table', n: table!.n, features: table!.d, noise: 0 })
    : parsed;
  if (settings.features !== weights.length) {
    return { error: `Model file: ${weights.length} weights for ${settings.features} feature(s) in its settings.` };
  }
  return { settings, init: { weights: [...weights], bias: m.bias }, problems: [...parsed.problems, ...problems] };
}
