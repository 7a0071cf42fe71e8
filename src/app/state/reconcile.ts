/**
 * Rules between settings, applied after each one passed its own check: a combination the
 * engine would reject is replaced by an allowed one, and the replacement is named.
 */
import { LOSSES, lossAccepts, lossFunction } from '../../engine/functions/losses';
import { FIELDS } from './fields';
import { maxSamples, presetFor, type Settings } from './settings';

/** Losses the engine accepts with this dataset and activation, by the loss table (bce needs 0/1 labels and a sigmoid; a table's targets are checked by the engine, whose refusal says which values it found). */
export function allowedLosses(s: Pick<Settings, 'dataset' | 'activation'>): Settings['loss'][] {
  return LOSSES.filter((loss) => lossAccepts(loss, s.activation) && (!lossFunction(loss).binaryTargets || s.dataset === 'blobs' || s.dataset === 'table'));
}

/** What a loss asks of the settings, in words: "the blobs dataset and activation sigmoid". */
function requirements(loss: Settings['loss']): string {
  const f = lossFunction(loss);
  const needs = [f.binaryTargets ? 'the blobs dataset or a table of 0/1 targets' : '', f.onlyWith ? `activation ${f.onlyWith.join(' or ')}` : ''];
  return needs.filter(Boolean).join(' and ');
}

export interface Reconciled {
  settings: Settings;
  /** One sentence per replaced value. */
  problems: string[];
}

/** Makes `input` a combination the engine accepts; never changes a valid combination. */
export function reconcile(input: Settings): Reconciled {
  const s = { ...input };
  const problems: string[] = [];
  if (s.dataset === 'celsius' && s.features !== 1) {
    problems.push(`${FIELDS.features.label} (features): celsius has exactly 1 feature, not ${s.features}; using 1.`);
    s.features = 1;
  }
  const maxN = maxSamples(s.features);
  if (s.n > maxN) {
    const fallback = Math.min(presetFor(s.dataset).n, maxN);
    problems.push(
      `${FIELDS.n.label} (n): ${s.n.toLocaleString('en-US')} rows of ${s.features} feature(s) exceed the engine's ` +
      `2^29 values (at most ${maxN.toLocaleString('en-US')}); using ${fallback}.`,
    );
    s.n = fallback;
  }
  if (!allowedLosses(s).includes(s.loss)) {
    problems.push(
      `${FIELDS.loss.label} (loss): ${s.loss} needs ${requirements(s.loss)} ` +
      `(here: ${s.dataset}, ${s.activation}); using mse.`,
    );
    s.loss = 'mse';
  }
  if (s.batchMode === 'mini' && s.batchSize > s.n) {
    const fallback = Math.min(32, s.n);
    problems.push(`${FIELDS.batchSize.label} (batchSize): ${s.batchSize} is more than the ${s.n} samples; using ${fallback}.`);
    s.batchSize = fallback;
  }
  return { settings: s, problems };
}
