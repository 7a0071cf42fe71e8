/**
 * readTable(): a CSV (or semicolon- or tab-separated) table, from text or a file, as the
 * float32 features and targets a `{ kind: 'table' }` dataset takes. Papa Parse splits
 * the text (quotes, embedded newlines, delimiter and line-end detection); it streams a
 * file in chunks of CHUNK_CHARS, and between chunks the page gets a turn, progress is
 * reported and the signal is checked, so memory stays near the size of the numbers kept
 * plus one chunk.
 */
import Papa from 'papaparse';
import { ConfigError, mustBe } from '../errors';
import { throwIfAborted, yieldToEventLoop } from '../yield';
import { cellPlace, TableError } from './cells';
import { DELIMITERS, detectDelimiter } from './delimiter';
import { TableBuilder, type Table } from './table-builder';

export type { Table } from './table-builder';

export interface ReadTableOptions {
  /** The target column: its name (on the header line) or its index from 0. */
  target: string | number;
  /** Feature columns by name or index; default every other column that holds numbers. */
  features?: (string | number)[];
  /** Default: detected among these three. */
  delimiter?: ',' | ';' | '\t';
  /** Whether line 1 names the columns; default: it does when one of its cells is not a number. */
  header?: boolean;
  /** A row with an empty or non-numeric cell in a chosen column: skipped (default) or refused. */
  missing?: 'skip' | 'refuse';
  /** Z-score each feature; default false. */
  standardize?: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Text per chunk: 1 Mi characters took 40 to 60 ms to parse and convert in Chromium here
 * (a 100 MB file); a quarter of that keeps each turn of the page near SLICE_MS. A line
 * longer than one chunk is refused (see below).
 */
export const CHUNK_CHARS = 2 ** 18;

const OPTION_FIELDS = ['target', 'features', 'delimiter', 'header', 'missing', 'standardize', 'onProgress', 'signal'];

function checkOptions(options: unknown): ReadTableOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw mustBe('options', 'an object { target, … }', options);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!OPTION_FIELDS.includes(key)) throw new ConfigError(key, `${key} is not an option of readTable; allowed: ${OPTION_FIELDS.join(', ')}`);
  }
  if (typeof o.target !== 'string' && typeof o.target !== 'number') throw mustBe('target', 'a column name or index', o.target);
  if (o.delimiter !== undefined && !DELIMITERS.includes(o.delimiter as ',')) throw mustBe('delimiter', "one of ',', ';', '\\t'", o.delimiter);
  if (o.header !== undefined && typeof o.header !== 'boolean') throw mustBe('header', 'true or false', o.header);
  if (o.missing !== undefined && o.missing !== 'skip' && o.missing !== 'refuse') throw mustBe('missing', "one of 'skip', 'refuse'", o.missing);
  if (o.standardize !== undefined && typeof o.standardize !== 'boolean') throw mustBe('standardize', 'true or false', o.standardize);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw mustBe('onProgress', 'a function', o.onProgress);
  if (o.signal !== undefined && !(typeof AbortSignal !== 'undefined' && o.signal instanceof AbortSignal)) throw mustBe('signal', 'an AbortSignal', o.signal);
  return o as unknown as ReadTableOptions;
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/** Lines a row spans: one, plus the line breaks inside its quoted fields. */
function linesOf(cells: string[], linebreak: string): number {
  const mark = linebreak === '\r' ? '\r' : '\n';
  let lines = 1;
  for (const cell of cells) {
    for (let at = cell.indexOf(mark); at >= 0; at = cell.indexOf(mark, at + 1)) lines++;
  }
  return lines;
}

/** Reads a table; see ReadTableOptions. Bad input rejects with a ConfigError naming the line and column. */
export async function readTable(source: string | Blob, options: ReadTableOptions): Promise<Table> {
  const o = checkOptions(options);
  if (typeof source !== 'string' && !isBlob(source)) throw mustBe('source', 'CSV text or a Blob (a File)', source);
  throwIfAborted(o.signal);
  const builder = new TableBuilder({
    target: o.target, features: o.features, header: o.header, delimiter: o.delimiter,
    missing: o.missing ?? 'skip', standardize: o.standardize ?? false,
  });
  // Papa streams a Blob through FileReader, which Node lacks: there the text is read whole.
  const input = isBlob(source) && typeof FileReader === 'undefined' ? await source.text() : source;
  const total = typeof input === 'string' ? input.length : input.size;
  const start = typeof input === 'string' ? input.slice(0, CHUNK_CHARS) : await input.slice(0, CHUNK_CHARS).text();
  const named = typeof o.target === 'string' && o.header !== false ? o.target : undefined;
  const delimiter = o.delimiter ?? detectDelimiter(start, start.length >= total, named);
  if (total > 0) await new Promise<void>((resolve, reject) => {
    let line = 1;
    let chunks = 0;
    let settled = false;
    const fail = (e: unknown, parser?: Papa.Parser) => {
      if (settled) return;
      settled = true;
      parser?.abort();
      reject(e);
    };
    const config = {
      delimiter,
      chunkSize: CHUNK_CHARS,
      skipEmptyLines: false,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        if (settled) return;
        parser.pause();
        try {
          const quotes = results.errors.find((e) => e.type === 'Quotes');
          const rows = results.data;
          if (rows.length === 0) {
            throw new TableError(`${cellPlace(line)} must be shorter than ${CHUNK_CHARS.toLocaleString('en-US')} characters; got a longer line`, line);
          }
          for (let r = 0; r < rows.length; r++) {
            if (quotes && quotes.row === r) {
              throw new TableError(`${cellPlace(line)} must close each quoted field with a quote (${quotes.message.toLowerCase()})`, line);
            }
            builder.add({ cells: rows[r], line });
            line += linesOf(rows[r], results.meta.linebreak);
          }
          throwIfAborted(o.signal);
          if (++chunks === 2) builder.foresee((builder.rows * total) / Math.max(1, results.meta.cursor));
          o.onProgress?.(Math.min(1, results.meta.cursor / Math.max(1, total)));
        } catch (e) {
          return fail(e, parser);
        }
        yieldToEventLoop().then(() => {
          try {
            throwIfAborted(o.signal);
          } catch (e) {
            return fail(e, parser);
          }
          if (!settled) parser.resume();
        }, (e) => fail(e, parser));
      },
      complete: () => {
        if (settled) return;
        settled = true;
        resolve();
      },
      error: (error: Error) => fail(new ConfigError('source', `source must be a readable file; reading it failed: ${error.message}`)),
    };
    Papa.parse(input as string, config as Papa.ParseConfig<string[]>);
  });
  const table = builder.finish();
  o.onProgress?.(1);
  return table;
}
