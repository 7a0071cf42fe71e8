/**
 * Applies one edit from the form to the settings, through the same parser the URL uses.
 * Choosing another dataset loads that dataset's preset, the way the page starts.
 */
import { describeRejection, FIELDS, isRejection } from './fields';
import { reconcile, type Reconciled } from './reconcile';
import { presetFor, type Settings } from './settings';

/** One edit: the setting and the text the control holds. */
export interface SettingEdit {
  key: keyof Settings;
  raw: string;
}

export function applyEdit(current: Settings, edit: SettingEdit): Reconciled {
  const value = FIELDS[edit.key].parse(edit.raw);
  if (isRejection(value)) {
    return { settings: current, problems: [describeRejection(edit.key, value, current[edit.key])] };
  }
  if (edit.key === 'dataset') {
    // A table is chosen by loading one (the page's TableController), never by the name alone.
    if (value === current.dataset || value === 'table') return { settings: current, problems: [] };
    return reconcile(presetFor(value as Settings['dataset'], current));
  }
  return reconcile({ ...current, [edit.key]: value });
}
