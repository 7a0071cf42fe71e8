/**
 * What a cell of a table may hold, and where a cell is in words: a refusal of the input
 * names its line and column ("source line 3, column 2 ("price") must be …; got …").
 */
import { ConfigError, describeValue } from '../errors';

/** A decimal number as spreadsheets write it: 12, -3.5, .5, 1e-3, +7. Not NaN, Infinity, 0x10 or 1,5. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Words that mean a number that is not finite; refused rather than skipped as missing. */
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** An input that cannot be read as a table, with the line (from 1) and the column (from 1) where it fails. */
export class TableError extends ConfigError {
  readonly line: number;
  readonly column: number | undefined;
  constructor(message: string, line: number, column?: number) {
    super('source', message);
    this.name = 'ConfigError';
    this.line = line;
    this.column = column;
  }
}

/** "source line 3, column 2 ("price")" */
export function cellPlace(line: number, column?: number, name?: string): string {
  const col = column === undefined ? '' : `, column ${column}${name === undefined ? '' : ` (${JSON.stringify(name)})`}`;
  return `source line ${line.toLocaleString('en-US')}${col}`;
}

export type CellValue = { kind: 'number'; value: number } | { kind: 'missing' } | { kind: 'bad'; why: string };

/**
 * Reads one cell: a finite float32-range number, missing (empty or text, which a row may
 * be skipped for), or bad (NaN, Infinity, or beyond float32: a refusal, never a skip).
 */
export function readCell(raw: string): CellValue {
  const text = raw.trim();
  if (DECIMAL.test(text)) {
    const value = Number(text);
    // Beyond float32's range the value would become Infinity on its way to the trainers.
    if (!Number.isFinite(Math.fround(value))) return { kind: 'bad', why: `a number within ±3.4e38 (float32's range)` };
    return { kind: 'number', value };
  }
  if (NON_FINITE.test(text)) return { kind: 'bad', why: 'a finite number (leave the cell empty to mark it missing)' };
  return { kind: 'missing' };
}

/** The refusal of a bad cell. */
export function badCell(line: number, column: number, name: string, raw: string, why: string): TableError {
  return new TableError(`${cellPlace(line, column, name)} must be ${why}; got ${describeValue(raw)}`, line, column);
}
