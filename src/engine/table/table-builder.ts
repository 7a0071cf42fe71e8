/**
 * Turns rows of raw cells, as they stream in, into the float32 features and targets of
 * a table: the first rows decide the columns, ragged rows and bad cells are refused by
 * line and column, rows with a missing cell are skipped (or refused), and at the end
 * the features may be standardized.
 */
import { ConfigError } from '../errors';
import { MAX_VALUES } from '../limits';
import { badCell, cellPlace, readCell, TableError } from './cells';
import { chooseColumns, type ColumnChoice, type ColumnRequest, type RawRow } from './columns';

/** Rows read before the columns are chosen: enough to tell a header and text columns. */
const SNIFF_ROWS = 100;
/** Line numbers of skipped rows kept for the notes. */
const SKIPPED_LINES_KEPT = 5;

export interface BuilderOptions extends ColumnRequest {
  missing: 'skip' | 'refuse';
  standardize: boolean;
}

export interface Table {
  x: Float32Array;
  y: Float32Array;
  n: number;
  d: number;
  columns: string[];
  target: string;
  skippedRows: number;
  scaling?: { mean: number[]; sd: number[] };
  notes: string[];
}

/**
 * A Float32Array that grows by half again when full, or to a size foreseen from the
 * source's length: copying 60 MB to grow it held the page for 100 to 300 ms.
 */
class Growing {
  values = new Float32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.values.length) this.reserve(Math.ceil(this.values.length * 1.5));
    this.values[this.length++] = v;
  }
  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    const next = new Float32Array(capacity);
    next.set(this.values.subarray(0, this.length));
    this.values = next;
  }
  /** The values: a view when little room is left over (no copy), else an array of their exact length. */
  take(): Float32Array {
    const out = this.length >= 0.8 * this.values.length ? this.values.subarray(0, this.length) : this.values.slice(0, this.length);
    this.values = new Float32Array(0);
    return out;
  }
}

function isBinary(cell: string): boolean {
  return cell.includes('\0') || cell.includes('\uFFFD');
}

export class TableBuilder {
  #options: BuilderOptions;
  /** Line 1 and the rows after it, until the columns are chosen. */
  #pending: RawRow[] = [];
  #choice: ColumnChoice | null = null;
  #x = new Growing();
  #y = new Growing();
  #n = 0;
  #skipped = 0;
  #skippedLines: number[] = [];
  /** The features' columns, then the target's. */
  #chosen: number[] = [];
  /** Row values of the chosen columns, reused. */
  #row: number[] = [];

  constructor(options: BuilderOptions) {
    this.#options = options;
  }

  /**
   * Makes room for about `rows` rows (from the rows seen per character so far), so that a
   * large table is allocated once instead of grown and copied.
   */
  foresee(rows: number): void {
    if (!this.#choice) return;
    const d = this.#choice.features.length;
    const capped = Math.min(Math.ceil(rows * 1.05), Math.floor(MAX_VALUES / (d + 1)));
    this.#x.reserve(capped * d);
    this.#y.reserve(capped);
  }

  /** Rows kept so far. */
  get rows(): number {
    return this.#n;
  }

  /** Takes the next row (an empty line is passed over). */
  add(row: RawRow): void {
    if (row.cells.length === 1 && row.cells[0].trim() === '') return;
    if (this.#choice) return this.#take(row);
    if (this.#pending.length === 0 && row.cells.length > 0) row.cells[0] = row.cells[0].replace(/^\uFEFF/, '');
    this.#pending.push(row);
    if (this.#pending.length > SNIFF_ROWS) this.#decide();
  }

  #decide(): void {
    const [first, ...rest] = this.#pending;
    for (const row of this.#pending) {
      const j = row.cells.findIndex(isBinary);
      if (j >= 0) throw new TableError(`${cellPlace(row.line, j + 1)} must be text (a CSV or TSV file); got binary data (a NUL byte or bytes that are not UTF-8)`, row.line, j + 1);
    }
    this.#checkWidth(rest, first.cells.length);
    this.#choice = chooseColumns(first, rest, this.#options);
    this.#chosen = [...this.#choice.features, this.#choice.target];
    this.#pending = [];
    if (!this.#choice.header) this.#take(first);
    for (const row of rest) this.#take(row);
  }

  #checkWidth(rows: RawRow[], width: number): void {
    for (const row of rows) {
      if (row.cells.length !== width) {
        throw new TableError(`${cellPlace(row.line)} must have ${width} fields, as line 1 has; got ${row.cells.length}`, row.line);
      }
    }
  }

  #take(row: RawRow): void {
    const { names, features } = this.#choice!;
    if (row.cells.length !== names.length) this.#checkWidth([row], names.length);
    const values = this.#row;
    values.length = 0;
    let missing = -1;
    // Every chosen cell is read before the row is skipped: a bad one is refused even beside a missing one.
    for (const j of this.#chosen) {
      const raw = row.cells[j];
      const cell = readCell(raw);
      if (cell.kind === 'bad') throw badCell(row.line, j + 1, names[j], raw, cell.why);
      if (cell.kind === 'missing') missing = missing < 0 ? j : missing;
      else values.push(cell.value);
    }
    if (missing >= 0) {
      if (this.#options.missing === 'refuse') throw badCell(row.line, missing + 1, names[missing], row.cells[missing], "a number (missing: 'refuse')");
      this.#skipped++;
      if (this.#skippedLines.length < SKIPPED_LINES_KEPT) this.#skippedLines.push(row.line);
      return;
    }
    const d = features.length;
    if ((this.#n + 1) * (d + 1) > MAX_VALUES) {
      throw new TableError(`${cellPlace(row.line)}: a table may hold at most ${MAX_VALUES.toLocaleString('en-US')} values; this one has more rows`, row.line);
    }
    for (let k = 0; k < d; k++) this.#x.push(values[k]);
    this.#y.push(values[d]);
    this.#n++;
  }

  /** The table, once every row is in. */
  finish(): Table {
    if (!this.#choice) {
      if (this.#pending.length === 0) throw new TableError('source line 1 must hold a row of values; got an empty source', 1);
      this.#decide();
    }
    const { names, target, features, header } = this.#choice!;
    const d = features.length;
    if (this.#n === 0) {
      const why = this.#skipped > 0
        ? `every row has an empty or non-numeric cell in a chosen column (lines ${this.#skippedLines.join(', ')}${this.#skipped > SKIPPED_LINES_KEPT ? ', …' : ''})`
        : 'it has a header line only';
      throw new ConfigError('source', `source must hold at least one row of numbers; ${why}`);
    }
    const x = this.#x.take();
    const y = this.#y.take();
    const notes = [`${this.#n.toLocaleString('en-US')} row${this.#n === 1 ? '' : 's'} of ${d} feature${d === 1 ? '' : 's'}; target ${JSON.stringify(names[target])}${header ? '' : ' (no header line: columns named by number)'}.`];
    if (this.#skipped > 0) {
      notes.push(`Skipped ${this.#skipped.toLocaleString('en-US')} row${this.#skipped === 1 ? '' : 's'} with an empty or non-numeric cell (line${this.#skippedLines.length === 1 ? '' : 's'} ${this.#skippedLines.join(', ')}${this.#skipped > SKIPPED_LINES_KEPT ? ', …' : ''}).`);
    }
    const table: Table = {
      x, y, n: this.#n, d, columns: features.map((j) => names[j]), target: names[target], skippedRows: this.#skipped, notes,
    };
    if (this.#options.standardize) table.scaling = standardize(x, this.#n, d, table.columns, notes);
    return table;
  }
}

/**
 * Z-scores each feature in place (float64 means and population standard deviations); a
 * constant column keeps sd 1, so it is only centred. Raw value = standardized * sd + mean.
 */
export function standardize(x: Float32Array, n: number, d: number, columns: string[], notes: string[]): { mean: number[]; sd: number[] } {
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j] += (x[i * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) {
    sd[j] = Math.sqrt(sd[j] / n);
    if (!(sd[j] > 0)) {
      sd[j] = 1;
      notes.push(`Feature ${JSON.stringify(columns[j])} is constant: centred, not scaled.`);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = (x[i * d + j] - mean[j]) / sd[j];
  return { mean, sd };
}
