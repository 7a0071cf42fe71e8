/**
 * The table the person loaded, and the reading of the next one. A table is read through
 * the engine's readTable() (streamed, with progress and cancel); a read that fails keeps
 * the table that was there and holds the refusal's message (its line and column). The
 * source is kept, so choosing other columns or standardization reads it again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import Papa from 'papaparse';
import { ConfigError, readTable, TableError, type Table } from '../../index';

/** Where a table came from: a file, dropped or picked, or pasted text. */
export interface TableSource {
  name: string;
  data: string | Blob;
}

/** What is chosen of a table: the target column, the feature columns (names), standardization. */
export interface TableChoice {
  target: string;
  features: string[];
  standardize: boolean;
}

/** Characters read to count the columns of line 1 (a header line is far shorter). */
const FIRST_LINE_CHARS = 1 << 16;

export class TableController implements ReactiveController {
  /** The table in use, if any. */
  table: Table | undefined;
  /** Where it came from. */
  source: TableSource | undefined;
  /** Every numeric column of its source, in order: the choices for target and features. */
  numericColumns: string[] = [];
  /** Whether its features were standardized. */
  standardized = false;
  /** The latest read's refusal, in the engine's words (line and column); cleared by a good read. */
  error: string | undefined;
  /** Share read of the read in flight (0..1) and its source's name; undefined when none runs. */
  reading: { name: string; fraction: number } | undefined;

  #host: ReactiveControllerHost & HTMLElement;
  /** Told each table read without a refusal. */
  #onLoaded: (table: Table) => void;
  /** Told when a file is dropped on the host, before it is read. */
  #onDrop: () => void;
  #abort: AbortController | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, onLoaded: (table: Table) => void, onDrop: () => void = () => {}) {
    this.#host = host;
    this.#onLoaded = onLoaded;
    this.#onDrop = onDrop;
    host.addController(this);
  }

  hostConnected(): void {
    // A file dropped anywhere on the host is read as a table (not opened by the browser).
    this.#host.addEventListener('dragover', this.#dragOver);
    this.#host.addEventListener('drop', this.#drop);
  }

  hostDisconnected(): void {
    this.cancel();
    this.#host.removeEventListener('dragover', this.#dragOver);
    this.#host.removeEventListener('drop', this.#drop);
  }

  #dragOver = (e: DragEvent): void => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  };

  #drop = (e: DragEvent): void => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    this.#onDrop();
    void this.load({ name: file.name, data: file });
  };

  /** Stops the read in flight; the table in use stays. */
  cancel(): void {
    this.#abort?.abort();
  }

  /**
   * Reads a new source with its last numeric column as the target and every other
   * numeric column as a feature (the person can choose others once it is read).
   */
  async load(source: TableSource, standardize = this.standardized): Promise<void> {
    const width = await firstLineWidth(source.data);
    // The last column is the usual place of the target; if it holds text, the one before it.
    for (let target = width - 1; target >= 0; target--) {
      const outcome = await this.#read(source, { target, standardize });
      if (outcome !== 'target-not-numeric' || target === 0) return;
    }
  }

  /** Reads the current source again with other columns or standardization. */
  async choose(choice: TableChoice): Promise<void> {
    if (!this.source) return;
    await this.#read(this.source, choice);
  }

  async #read(source: TableSource, o: { target: string | number; features?: string[]; standardize: boolean }): Promise<'done' | 'failed' | 'target-not-numeric'> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.reading = { name: source.name, fraction: 0 };
    this.#host.requestUpdate();
    try {
      const table = await readTable(source.data, {
        target: o.target, features: o.features, standardize: o.standardize, signal: abort.signal,
        onProgress: (fraction) => { if (this.#abort === abort) { this.reading = { name: source.name, fraction }; this.#host.requestUpdate(); } },
      });
      if (this.#abort !== abort) return 'failed';
      const fresh = source !== this.source;
      this.table = table;
      this.source = source;
      this.standardized = o.standardize;
      if (fresh) this.numericColumns = [...table.columns, table.target];
      this.error = undefined;
      this.#onLoaded(table);
      return 'done';
    } catch (e) {
      if (this.#abort !== abort || abort.signal.aborted) return 'failed';
      this.error = e instanceof ConfigError ? e.message : `Reading ${source.name} failed: ${e instanceof Error ? e.message : String(e)}`;
      // The target's own column holds text: the caller may try another column.
      const targetText = typeof o.target === 'number' && e instanceof TableError && e.column === o.target + 1 && e.message.includes('as the target');
      return targetText ? 'target-not-numeric' : 'failed';
    } finally {
      if (this.#abort === abort) {
        this.#abort = null;
        this.reading = undefined;
        this.#host.requestUpdate();
      }
    }
  }
}

/** Fields on line 1 of the source, split by Papa Parse as readTable splits it (at least 1). */
async function firstLineWidth(data: string | Blob): Promise<number> {
  const start = typeof data === 'string' ? data.slice(0, FIRST_LINE_CHARS) : await data.slice(0, FIRST_LINE_CHARS).text();
  const first = Papa.parse<string[]>(start.replace(/^\uFEFF/, ''), { preview: 1, skipEmptyLines: true }).data[0];
  return Math.max(1, first?.length ?? 1);
}
