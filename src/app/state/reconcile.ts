/**
 * Rules between settings, applied after each one passed its own check: a combination the
 * engine would reject is replaced by an allowed one, and the replacement is named.
 */
import { LOSSES, lossAccepts, lossFunction } from '../../engine/functions/losses';
import { mustBe } from '../../engine/errors';
import { FIELDS, describeRejection } from './fields';
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

/** The page's shape for a replaced value: "Samples: n must be at most ...; got 1000000; using 1000." */
function replaced<K extends keyof Settings>(key: K, allowed: string, fallback: Settings[K], s: Settings): string {
  return describeRejection(key, mustBe(FIELDS[key].param, allowed, s[key]), fallback);
}

/** Makes `input` a combination the engine accepts; never changes a valid combination. */
export function reconcile(input: Settings): Reconciled {
  const s = { ...input };
  const problems: string[] = [];
  if (s.dataset === 'celsius' && s.features !== 1) {
    problems.push(replaced('features', "1 with dataset 'celsius' (it has exactly 1 feature)", 1, s));
    s.features = 1;
  }
  const maxN = maxSamples(s.features);
  if (s.n > maxN) {
    const fallback = Math.min(presetFor(s.dataset).n, maxN);
    const allowed = `at most ${maxN.toLocaleString('en-US')} with ${s.features} feature(s) (the engine holds 2^29 values)`;
    problems.push(replaced('n', allowed, fallback, s));
    s.n = fallback;
  }
  if (!allowedLosses(s).includes(s.loss)) {
    const allowed = `'mse' with dataset '${s.dataset}' and activation '${s.activation}' ('${s.loss}' needs ${requirements(s.loss)})`;
    problems.push(replaced('loss', allowed, 'mse', s));
    s.loss = 'mse';
  }
  if (s.batchMode === 'mini' && s.batchSize > s.n) {
    const fallback = Math.min(32, s.n);
    problems.push(replaced('batchSize', `at most the ${s.n.toLocaleString('en-US')} samples`, fallback, s));
    s.batchSize = fallback;
  }
  for (const key of ['surfaceX', 'surfaceY'] as const) {
    const index = s[key] === 'b' ? -1 : Number(s[key].slice(1));
    if (index >= s.features) {
      const fallback = key === 'surfaceX' ? 'w0' : 'b';
      problems.push(`${FIELDS[key].label} (${FIELDS[key].param}): weight ${s[key]} does not exist with ${s.features} feature(s); using ${fallback}.`);
      s[key] = fallback;
    }
  }
  if (s.surfaceX === s.surfaceY) {
    const fallback = s.surfaceX === 'b' ? 'w0' : 'b';
    problems.push(`${FIELDS.surfaceY.label} (${FIELDS.surfaceY.param}): the two axes must differ, both were ${s.surfaceX}; using ${fallback}.`);
    s.surfaceY = fallback;
  }
  return { settings: s, problems };
}
