/** The events components send upward; the page element listens and acts. */
import type { SettingEdit } from '../state/settings-patch';
import type { TableChoice, TableSource } from '../table/table-controller';

/** What a run control asks for. */
export type RunCommand = 'play' | 'pause' | 'step' | 'reset' | 'new-seed';

declare global {
  interface HTMLElementEventMap {
    /** A control changed a setting (the text it holds; the page parses it). */
    'setting-edit': CustomEvent<SettingEdit>;
    'run-command': CustomEvent<RunCommand>;
    'scaling-start': CustomEvent<void>;
    'scaling-cancel': CustomEvent<void>;
    'scaling-ceilings': CustomEvent<void>;
    'scaling-download': CustomEvent<void>;
    /** A table to read: a file picked or dropped, or pasted text. */
    'table-source': CustomEvent<TableSource>;
    /** Other columns or standardization for the loaded table. */
    'table-choice': CustomEvent<TableChoice>;
    /** Stop reading a table. */
    'table-cancel': CustomEvent<void>;
    'model-export': CustomEvent<void>;
    /** A model file (JSON) to start from. */
    'model-import': CustomEvent<File>;
    'data-export': CustomEvent<void>;
    /** Index of the notice to drop. */
    'notice-dismiss': CustomEvent<number>;
  }
}

/** Dispatches a CustomEvent that crosses shadow roots up to the page element. */
export function emit<K extends keyof HTMLElementEventMap>(
  from: HTMLElement, name: K, detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
