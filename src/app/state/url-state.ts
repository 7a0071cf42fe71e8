/**
 * Settings <-> query string. Every setting is written, so a shared link keeps meaning the
 * same thing even if a default changes. Reading is strict: each value passes its field's
 * parser, a bad one is named and replaced by its default, unknown names are named and
 * ignored, and the result passes reconcile().
 */
import { describeValue } from '../../engine/errors';
import { describeRejection, FIELD_ORDER, FIELDS, isRejection } from './fields';
import { reconcile, type Reconciled } from './reconcile';
import { DEFAULT_SETTINGS, presetFor, type Settings } from './settings';

/** Said when a link names dataset=table: the URL holds every setting but the table itself. */
export const TABLE_NOT_IN_LINK =
  `${FIELDS.dataset.label}: ${FIELDS.dataset.param} must be a generated set in a link, as a URL cannot hold a table of its own; ` +
  `got "table"; using the ${DEFAULT_SETTINGS.dataset} example. Load the table again under Dataset → Your data; the link's other settings are kept.`;

/** Unknown names listed one by one before the rest are counted. */
const MAX_NAMED_UNKNOWN = 5;

/** Parses a query string ("?n=100&..." or "n=100&...") into settings and the problems found. */
export function parseQuery(query: string): Reconciled {
  const params = new URLSearchParams(query);
  const problems: string[] = [];
  const known = new Set(FIELD_ORDER.map((k) => FIELDS[k].param));
  const unknown = [...new Set(params.keys())].filter((name) => !known.has(name));
  // Named one by one up to a few; a link stuffed with thousands cannot flood the page.
  for (const name of unknown.slice(0, MAX_NAMED_UNKNOWN)) problems.push(`Unknown URL setting ${describeValue(name)} was ignored.`);
  if (unknown.length > MAX_NAMED_UNKNOWN) problems.push(`${unknown.length - MAX_NAMED_UNKNOWN} more unknown URL settings were ignored.`);
  for (const name of known) {
    const count = params.getAll(name).length;
    if (count > 1) problems.push(`URL setting ${describeValue(name)} was given ${count} times; the first, ${describeValue(params.get(name)!)}, is used.`);
  }
  // The dataset comes first: the defaults of everything else depend on it.
  let settings: Settings = DEFAULT_SETTINGS;
  const rawDataset = params.get(FIELDS.dataset.param);
  if (rawDataset !== null) {
    const dataset = FIELDS.dataset.parse(rawDataset);
    if (isRejection(dataset)) problems.push(describeRejection('dataset', dataset, settings.dataset));
    else if (dataset === 'table') problems.push(TABLE_NOT_IN_LINK);
    else settings = presetFor(dataset);
  }
  const defaults = settings;
  const parsed: Record<string, unknown> = { ...settings };
  for (const key of FIELD_ORDER) {
    if (key === 'dataset') continue;
    const raw = params.get(FIELDS[key].param);
    if (raw === null) continue;
    const value = FIELDS[key].parse(raw);
    if (isRejection(value)) problems.push(describeRejection(key, value, defaults[key]));
    else parsed[key] = value;
  }
  const result = reconcile(parsed as unknown as Settings);
  return { settings: result.settings, problems: [...problems, ...result.problems] };
}

/** The query string (with its "?") that restores `settings`. */
export function toQuery(settings: Settings): string {
  const params = new URLSearchParams();
  for (const key of FIELD_ORDER) {
    const field = FIELDS[key] as { param: string; format(v: unknown): string };
    params.set(field.param, field.format(settings[key]));
  }
  return `?${params.toString()}`;
}
