/**
 * Reads the shape of a table from its first rows: whether line 1 is a header, the
 * column names, which columns hold numbers, and the target and feature columns chosen.
 */
import { mustBe } from '../errors';
import { MAX_FEATURES } from '../limits';
import { cellPlace, readCell, TableError } from './cells';

export interface ColumnChoice {
  header: boolean;
  names: string[];
  /** Column index (from 0) of the target and of each feature, in order. */
  target: number;
  features: number[];
}

export interface ColumnRequest {
  target: string | number;
  features?: (string | number)[];
  header?: boolean;
  delimiter?: string;
}

/** A row of raw cells and the line it starts on. */
export interface RawRow {
  cells: string[];
  line: number;
}

function describeColumn(names: string[], j: number): string {
  return `column ${j + 1} (${JSON.stringify(names[j])})`;
}

/** Whether column j holds numbers: some cell is one (finite or not), and every other cell is one or empty. */
function numericColumn(rows: RawRow[], j: number): { numeric: boolean; text?: RawRow } {
  let numbers = 0;
  for (const row of rows) {
    const cell = readCell(row.cells[j] ?? '');
    if (cell.kind !== 'missing') numbers++; // NaN or 1e309 is a number to be refused, not text
    else if (cell.kind === 'missing' && (row.cells[j] ?? '').trim() !== '') return { numeric: false, text: row };
  }
  return { numeric: numbers > 0 };
}

function resolveColumn(field: string, names: string[], wanted: unknown): number {
  if (typeof wanted === 'string') {
    const j = names.indexOf(wanted);
    if (j >= 0) return j;
  } else if (typeof wanted === 'number' && Number.isInteger(wanted) && wanted >= 0 && wanted < names.length) {
    return wanted;
  }
  const list = names.slice(0, 8).map((n) => JSON.stringify(n)).join(', ') + (names.length > 8 ? ', …' : '');
  throw mustBe(field, `a column name (${list}) or an index from 0 to ${names.length - 1}`, wanted);
}

/** Works out the columns from the first line and the rows after it (the first rows of the table). */
export function chooseColumns(first: RawRow, rows: RawRow[], request: ColumnRequest): ColumnChoice {
  const width = first.cells.length;
  if (width < 2) {
    const by = request.delimiter === undefined ? "',', ';' or a tab" : JSON.stringify(request.delimiter);
    throw new TableError(`${cellPlace(first.line)} must hold at least two columns (a target and a feature) separated by ${by}; got one column`, first.line);
  }
  const header = request.header ?? first.cells.some((c) => c.trim() !== '' && readCell(c).kind === 'missing');
  const names = header ? first.cells.map((c, j) => c.trim() || `column ${j + 1}`) : first.cells.map((_, j) => `column ${j + 1}`);
  if (header) {
    names.forEach((name, j) => {
      const earlier = names.indexOf(name);
      if (earlier < j) {
        throw new TableError(`${cellPlace(first.line, j + 1)} must name a new column; got ${JSON.stringify(name)}, the name of column ${earlier + 1} too`, first.line, j + 1);
      }
    });
  }
  const data = header ? rows : [first, ...rows];
  if (data.length === 0) {
    throw new TableError(`${cellPlace(first.line + 1)} must hold a row of numbers; got the end of the source after the header line`, first.line + 1);
  }
  const target = resolveColumn('target', names, request.target);
  const checkNumeric = (j: number) => {
    const { numeric, text } = numericColumn(data, j);
    if (!numeric) {
      const at = text ?? data[0] ?? first;
      const role = j === target ? 'the target' : 'a feature';
      throw new TableError(`${cellPlace(at.line, j + 1, names[j])} must be a number, as the column is chosen as ${role}; got ${JSON.stringify(at.cells[j] ?? '')}`, at.line, j + 1);
    }
  };
  checkNumeric(target);
  let features: number[];
  if (request.features === undefined) {
    features = names.map((_, j) => j).filter((j) => j !== target && numericColumn(data, j).numeric);
    if (features.length === 0) {
      throw new TableError(`${cellPlace(first.line)} must name a column of numbers besides the target ${describeColumn(names, target)}, to be a feature; got none`, first.line);
    }
  } else {
    if (!Array.isArray(request.features) || request.features.length === 0) throw mustBe('features', 'a non-empty array of column names or indices', request.features);
    features = request.features.map((f, i) => resolveColumn(`features[${i}]`, names, f));
    features.forEach((j, i) => {
      if (j === target) throw mustBe(`features[${i}]`, `a column other than the target ${describeColumn(names, target)}`, request.features![i]);
      if (features.indexOf(j) < i) throw mustBe(`features[${i}]`, `a column not chosen before`, request.features![i]);
      checkNumeric(j);
    });
  }
  if (features.length > MAX_FEATURES) throw mustBe('features', `at most ${MAX_FEATURES} columns`, `${features.length} columns`);
  return { header, names, target, features };
}
