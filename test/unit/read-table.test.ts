/**
 * readTable() against a float64 reference: tables are generated as values, written out
 * with every quirk of real CSV files (BOM, CRLF, quoted fields holding delimiters and
 * line breaks, empty lines, a text column, missing cells, three delimiters, numbers
 * written many ways), and the parse must give Math.fround(Number(text)) of each chosen
 * cell, skip exactly the rows with a missing cell, and name their lines. Each bad input
 * is refused with a ConfigError naming its line (and column).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConfigError, readTable, train, writeTable, type TrainConfig } from '../../src/index';
import { CHUNK_CHARS } from '../../src/engine/table/read-table';
import { TableError } from '../../src/engine/table/cells';

interface Model {
  delimiter: ',' | ';' | '\t';
  newline: '\n' | '\r\n';
  bom: boolean;
  trailingNewline: boolean;
  /** Numeric column names (the target is the last), plus a text column at `textAt` when set. */
  names: string[];
  textAt: number | null;
  /** Each row: the cells of the numeric columns as written (null: empty, a missing cell), the text cell, empty lines before it. */
  rows: { cells: (string | null)[]; text: string; blankBefore: number }[];
}

/** A float32-range number written one of the ways spreadsheets and programs write numbers. */
const numberText = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ min: -1e30, max: 1e30, noNaN: true }).map((v) => String(v)),
  fc.tuple(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.integer({ min: 0, max: 6 })).map(([v, k]) => v.toFixed(k)),
  fc.double({ min: -1e20, max: 1e20, noNaN: true }).map((v) => v.toExponential(4)),
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('', ' ', '  ')).map(([v, pad]) => `${pad}.${v}${pad}`),
);

/** Text with the characters that need quoting: delimiters, quotes, line breaks. */
const text = fc.array(fc.constantFrom('a', 'Z', ' ', ',', ';', '\t', '"', '\n', 'é', 'x'), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''))
  .filter((s) => s.trim() !== '' && !/^[\s\d.eE+-]*$/.test(s));

const model: fc.Arbitrary<Model> = fc.record({
  delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
  newline: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
  trailingNewline: fc.boolean(),
  columns: fc.integer({ min: 2, max: 5 }),
  withText: fc.boolean(),
  rowCount: fc.integer({ min: 1, max: 25 }),
  seedRows: fc.array(fc.record({
    cells: fc.array(fc.option(numberText, { freq: 8, nil: null }), { minLength: 5, maxLength: 5 }),
    text,
    blankBefore: fc.constantFrom(0, 0, 0, 1),
  }), { minLength: 25, maxLength: 25 }),
  // Names as read back: trimmed (a header cell's surrounding spaces are not part of the name).
  names: fc.uniqueArray(text.map((t) => t.trim()), { minLength: 6, maxLength: 6 }),
}).map((m) => ({
  delimiter: m.delimiter, newline: m.newline, bom: m.bom, trailingNewline: m.trailingNewline,
  names: m.names.slice(0, m.columns + (m.withText ? 1 : 0)),
  textAt: m.withText ? 0 : null,
  rows: m.seedRows.slice(0, m.rowCount).map((r, i) => ({
    // Line 2 (the first data row) has every cell, so each column is seen to hold numbers.
    cells: r.cells.slice(0, m.columns).map((c) => (i === 0 && c === null ? '1' : c)),
    text: r.text, blankBefore: i === 0 ? 0 : r.blankBefore,
  })),
}));

function quote(cell: string, delimiter: string): string {
  return /["\n\r]/.test(cell) || cell.includes(delimiter) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The CSV text of a model, and the line each row starts on and its offset in the text. */
function write(m: Model): { csv: string; lines: number[]; offsets: number[] } {
  const out: string[] = [];
  const lines: number[] = [];
  const offsets: number[] = [];
  const prefix = m.bom ? 1 : 0;
  const length = () => prefix + out.reduce((sum, r) => sum + r.length + m.newline.length, 0);
  let line = 1;
  const emit = (cells: string[]) => {
    const row = cells.map((c) => quote(c, m.delimiter)).join(m.delimiter);
    out.push(row);
    line += 1 + (row.match(/\n/g)?.length ?? 0);
  };
  const withText = (cells: string[], t: string) => (m.textAt === null ? cells : [t, ...cells]);
  emit(withText(m.names.slice(m.textAt === null ? 0 : 1), m.names[0]));
  for (const row of m.rows) {
    for (let b = 0; b < row.blankBefore; b++) { out.push(''); line++; }
    lines.push(line);
    offsets.push(length());
    emit(withText(row.cells.map((c) => c ?? ''), row.text));
  }
  const csv = (m.bom ? '\uFEFF' : '') + out.join(m.newline) + (m.trailingNewline ? m.newline : '');
  return { csv, lines, offsets };
}

/** The float64 reference: what each kept row must hold, and the lines of the rows skipped. */
function reference(m: Model, lines: number[]): { x: number[]; y: number[]; skipped: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const skipped: number[] = [];
  m.rows.forEach((row, i) => {
    if (row.cells.some((c) => c === null)) { skipped.push(lines[i]); return; }
    const values = row.cells.map((c) => Math.fround(Number(c!.trim())));
    x.push(...values.slice(0, -1));
    y.push(values[values.length - 1]);
  });
  return { x, y, skipped };
}

const targetOf = (m: Model) => m.names[m.names.length - 1];

/**
 * The properties run with a fixed seed, so that CI cannot turn red by chance; they were
 * trusted by running them over many seeds. To explore afresh, run with a random seed (or
 * a given one, or more runs), e.g.
 *   READ_TABLE_SEED=random READ_TABLE_RUNS=20 npx vitest run --project unit test/unit/read-table.test.ts
 * fast-check prints the seed and path of a failure; READ_TABLE_SEED=<seed> replays it.
 */
const SEED = process.env.READ_TABLE_SEED === undefined ? 20261202
  : process.env.READ_TABLE_SEED === 'random' ? (Math.random() * 2 ** 31) | 0 : Number(process.env.READ_TABLE_SEED);
const RUNS = Number(process.env.READ_TABLE_RUNS ?? 1);
const runs = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * RUNS), seed: SEED });

describe('readTable against a float64 reference parse', () => {
  test('every generated table, with every quirk, reads as its values', async () => {
    await fc.assert(fc.asyncProperty(model, async (m) => {
      const { csv, lines } = write(m);
      const ref = reference(m, lines);
      const t = await readTable(csv, { target: targetOf(m) });
      const numeric = m.names.slice(m.textAt === null ? 0 : 1);
      expect(t.columns).toEqual(numeric.slice(0, -1));
      expect(t.target).toBe(targetOf(m));
      expect(Array.from(t.x)).toEqual(ref.x);
      expect(Array.from(t.y)).toEqual(ref.y);
      expect(t.n).toBe(ref.y.length);
      expect(t.skippedRows).toBe(ref.skipped.length);
      if (ref.skipped.length) expect(t.notes.join(' ')).toContain(`${ref.skipped.slice(0, 5).join(', ')}`);
    }), runs(300));
  });

  test("with missing: 'refuse', the first row with an empty cell is refused by its line and column", async () => {
    await fc.assert(fc.asyncProperty(model, async (m) => {
      const { csv, lines } = write(m);
      const first = m.rows.findIndex((r) => r.cells.some((c) => c === null));
      const read = readTable(csv, { target: targetOf(m), missing: 'refuse' });
      if (first < 0) return void (await read);
      const column = m.rows[first].cells.findIndex((c) => c === null) + 1 + (m.textAt === null ? 0 : 1);
      await expect(read).rejects.toMatchObject({ name: 'ConfigError', line: lines[first], column });
    }), runs(150));
  });

  const bad = fc.tuple(model, fc.nat(), fc.nat(), fc.constantFrom('NaN', 'Infinity', '-inf', '1e309', '-4e38', 'ragged', 'quote'));
  test('one bad cell or row anywhere is refused with its line (and column), and nothing is returned', async () => {
    await fc.assert(fc.asyncProperty(bad, async ([m, r, c, kind]) => {
      const row = r % m.rows.length;
      const col = c % m.rows[row].cells.length;
      const broken: Model = { ...m, rows: m.rows.map((x) => ({ ...x, cells: [...x.cells] })) };
      if (kind === 'ragged') {
        broken.rows[row].cells.pop();
        // A row of one empty cell would be a blank line, which is passed over.
        fc.pre(m.textAt !== null || broken.rows[row].cells.some((x) => x !== null && x.trim() !== ''));
      }
      else if (kind !== 'quote') broken.rows[row].cells[col] = kind;
      const written = write(broken);
      let csv = written.csv;
      const lines = written.lines;
      if (kind === 'quote') {
        // An opening quote never closed: everything after it is one field, from this row's line on.
        const at = written.offsets[row];
        // Only where no quote follows, which would close it and move the fault elsewhere.
        fc.pre(!csv.slice(at).includes('"'));
        csv = `${csv.slice(0, at)}"${csv.slice(at)}`;
      }
      const read = readTable(csv, { target: targetOf(m) });
      const column = kind === 'ragged' || kind === 'quote' ? undefined : col + 1 + (m.textAt === null ? 0 : 1);
      await expect(read).rejects.toBeInstanceOf(ConfigError);
      await expect(read).rejects.toMatchObject({ line: lines[row], column });
    }), runs(300));
  });
});

describe('each bad input is refused with a ConfigError naming the line', () => {
  const cases: [string, string | Blob, Record<string, unknown>, number, string][] = [
    ['an empty file', '', {}, 1, 'source line 1 must hold a row of values; got an empty source'],
    ['blank lines only', '\n\r\n\n', {}, 1, 'got an empty source'],
    ['a binary file', new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 8, 0xff, 0xfe, 10, 1, 2])]), { target: 0 }, 1, 'must be text (a CSV or TSV file); got binary data'],
    ['one column only', 'price\n1\n2\n', { target: 'price' }, 1, "must hold at least two columns (a target and a feature) separated by ',', ';' or a tab; got one column"],
    ['no numeric feature column', 'city,price\nParis,3\nRome,4\n', { target: 'price' }, 1, 'source line 1 must name a column of numbers besides the target column 2 ("price"), to be a feature; got none'],
    ['a text target', 'a,city\n1,Paris\n', { target: 'city' }, 2, 'source line 2, column 2 ("city") must be a number, as the column is chosen as the target; got "Paris"'],
    ['a header line only', 'a,y\n', { target: 'y' }, 2, 'source line 2 must hold a row of numbers; got the end of the source after the header line'],
    ['a ragged row', 'a,b,y\n1,2,3\n4,5\n', { target: 'y' }, 3, 'source line 3 must have 3 fields, as line 1 has; got 2'],
    ['an unterminated quote', 'a,y\n1,2\n"3,4\n5,6\n', { target: 'y' }, 3, 'source line 3 must close each quoted field with a quote'],
    ['duplicate column names', 'a,b,a,y\n1,2,3,4\n', { target: 'y' }, 1, 'source line 1, column 3 must name a new column; got "a", the name of column 1 too'],
    ['NaN', 'a,y\n1,2\n3,NaN\n', { target: 'y' }, 3, 'source line 3, column 2 ("y") must be a finite number (leave the cell empty to mark it missing); got "NaN"'],
    ['Infinity', 'a,y\n1,2\nInfinity,3\n', { target: 'y' }, 3, 'source line 3, column 1 ("a") must be a finite number'],
    ['1e309', 'a,y\n1,1e309\n', { target: 'y' }, 2, 'source line 2, column 2 ("y") must be a number within ±3.4e38 (float32\'s range); got "1e309"'],
    ['a single line of 50 MB', `a,y\n${'1,'.repeat(25 * 2 ** 20)}2\n`, { target: 'y' }, 2, `source line 2 must be shorter than ${CHUNK_CHARS.toLocaleString('en-US')} characters; got a longer line`],
  ];
  test.each(cases)('%s', async (_, source, options, line, message) => {
    const read = readTable(source, { target: 'y', ...options });
    await expect(read).rejects.toBeInstanceOf(TableError);
    await expect(read).rejects.toMatchObject({ name: 'ConfigError', line });
    await expect(read).rejects.toThrow(message);
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    ['an unknown target', { target: 'z' }, 'target', 'target must be a column name ("a", "y") or an index from 0 to 1; got "z"'],
    ['a target index out of range', { target: 2 }, 'target', 'got 2'],
    ['the target as a feature', { target: 'y', features: ['a', 'y'] }, 'features[1]', 'features[1] must be a column other than the target column 2 ("y")'],
    ['an unknown option', { target: 'y', sep: ';' }, 'sep', 'sep is not an option of readTable'],
    ['a delimiter not offered', { target: 'y', delimiter: '|' }, 'delimiter', "delimiter must be one of ',', ';', '\\t'; got \"|\""],
  ])('%s', async (_, options, field, message) => {
    const read = readTable('a,y\n1,2\n', options as never);
    await expect(read).rejects.toMatchObject({ name: 'ConfigError', field });
    await expect(read).rejects.toThrow(message);
  });
});

describe('readTable reads what real files hold', () => {
  test('a byte-order mark, CRLF, semicolons and quoted fields with delimiters and line breaks', async () => {
    const csv = '\uFEFFname;"size; m²";price\r\n"Smith;\r\nJ.";"12";3.5\r\n"Doe ""Jr""";7;-1e3\r\n';
    const t = await readTable(csv, { target: 'price' });
    expect(t.columns).toEqual(['size; m²']);
    expect(Array.from(t.x)).toEqual([12, 7]);
    expect(Array.from(t.y)).toEqual([3.5, -1000]);
  });

  // Counterexamples the property found, kept as examples.
  test("column names full of ';' in a ',' file do not make ';' the delimiter (seed -402852415)", async () => {
    // Read as ';', Papa Parse leniently gives one row of six fields (a stray quote in
    // `a,;;,;a,aa,"""`, then a quoted line break closed by a quote and a tab).
    const t = await readTable('a,;;,;a,aa,""";"\n"\t;a",1,1,1,1', { target: '";' });
    expect(t.columns).toEqual([';;', ';a', 'aa']);
    expect(Array.from(t.x)).toEqual([1, 1, 1]);
    expect(Array.from(t.y)).toEqual([1]);
  });

  test("a text cell of one quote does not make its row blank to the delimiter detection (seed 111639746)", async () => {
    // Read as ',', the row `"""";1;1` is a quoted '"' followed by junk: a fault, not a blank line.
    const t = await readTable(',a;a;,\n"""";1;1', { target: ',' });
    expect(t.columns).toEqual(['a']);
    expect(Array.from(t.x)).toEqual([1]);
    expect(Array.from(t.y)).toEqual([1]);
  });

  test('a ragged row of a tab file named by its target is refused by its line, not read as a \',\' file (seed 24308595)', async () => {
    // Read as ',', both lines have two fields (`x\ta\t`, `a` and ``, `a\t1`); only the tab gives a column ",a".
    await expect(readTable('x\ta\t,a\n,a\t1', { target: ',a' })).rejects.toMatchObject({ name: 'ConfigError', line: 2, column: undefined });
    // Read as ',', line 1 has a field "\tZ" (seed 24308595 with 50 times the runs).
    await expect(readTable('aa\ta\t,\tZ\n,\t1\t1', { target: 'Z' })).rejects.toMatchObject({ name: 'ConfigError', line: 2, column: undefined });
  });

  test('a file (Blob) reads as its text, with a chosen delimiter, no header and chosen features', async () => {
    const t = await readTable(new Blob(['1\t2\t3\n4\t5\t6\n']), { target: 0, features: [2], delimiter: '\t', header: false });
    expect(t.columns).toEqual(['column 3']);
    expect(Array.from(t.x)).toEqual([3, 6]);
    expect(Array.from(t.y)).toEqual([1, 4]);
  });

  test('standardize: each feature gets mean 0 and sd 1, and the scaling gives the raw values back', async () => {
    const t = await readTable('a,b,y\n1,10,0\n2,10,1\n3,10,0\n6,10,1\n', { target: 'y', standardize: true });
    expect(t.scaling!.mean).toEqual([3, 10]);
    expect(t.scaling!.sd[0]).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(t.scaling!.sd[1]).toBe(1); // a constant column is centred only
    expect(t.notes.join(' ')).toContain('"b" is constant');
    const raw = [0, 1, 2, 3].map((i) => t.x[2 * i] * t.scaling!.sd[0] + t.scaling!.mean[0]);
    raw.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3, 6][i], 5)); // float32 storage: ~1e-7 relative
  });

  test('a long text streams in chunks: progress rises to 1, and the signal stops it with an AbortError', async () => {
    const csv = `a,y\n${'1.25,2.5\n'.repeat(Math.ceil((3 * CHUNK_CHARS) / 9))}`;
    const seen: number[] = [];
    const t = await readTable(csv, { target: 'y', onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen).toEqual([...seen].sort((p, q) => p - q));
    expect(seen.at(-1)).toBe(1);
    expect(t.n).toBe(Math.ceil((3 * CHUNK_CHARS) / 9));
    const controller = new AbortController();
    const read = readTable(csv, { target: 'y', signal: controller.signal, onProgress: () => controller.abort() });
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('lines are counted across chunks, quoted line breaks included', async () => {
    // Every row spans two lines (a quoted line break in its note); row k starts on line 2 + 2k.
    const rows = Array.from({ length: 200_000 }, (_, k) => `"note\n${k}",${k % 10},${k % 7}`);
    rows[123_456] = `"note\nbad",1,NaN`;
    const csv = `note,a,y\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(10 * CHUNK_CHARS);
    await expect(readTable(csv, { target: 'y' })).rejects.toMatchObject({ line: 2 + 2 * 123_456, column: 3 });
  });

  test('the celsius numbers saved as CSV learn w = 1.8 and b = 32', async () => {
    const csv = ['celsius,fahrenheit', ...Array.from({ length: 100 }, (_, i) => `${-50 + i},${1.8 * (-50 + i) + 32}`)].join('\n');
    const t = await readTable(csv, { target: 'fahrenheit' });
    const config: TrainConfig = {
      backend: 'cpu', dataset: { kind: 'table', x: t.x, y: t.y, features: t.d }, activation: 'identity', loss: 'mse',
      learningRate: 1e-3, epochs: 10_000, batchSize: t.n, init: { weights: [0.5], bias: 0 },
    };
    const r = await train(config);
    // As in tutorials.test.ts: the bias converges as 0.998^epochs, to 2e-9 of its start.
    expect(Math.abs(r.weights[0] - 1.8)).toBeLessThan(1e-6);
    expect(Math.abs(r.bias - 32)).toBeLessThan(1e-6);
  });
});

describe('writeTable', () => {
  const name = fc.string({ minLength: 1, maxLength: 6 }).map((s) => s.trim()).filter((s) => s !== '' && !/^[\s\d.eE+-]*$/.test(s) && !s.includes('\uFFFD') && !s.includes('\0'));
  const table = fc.record({ d: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 40 }), names: fc.uniqueArray(name, { minLength: 5, maxLength: 5 }) })
    .chain(({ d, n, names }) => fc.record({
      d: fc.constant(d),
      names: fc.constant(names.slice(0, d + 1)),
      x: fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: n * d, maxLength: n * d }),
      y: fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }),
    }));
  test('readTable reads back the same float32 numbers, -0, subnormals and ±3.4e38 included, and the names', async () => {
    await fc.assert(fc.asyncProperty(table, async ({ d, names, x, y }) => {
      const csv = await writeTable({ x: new Float32Array(x), y: new Float32Array(y), d, columns: names.slice(0, d), target: names[d] });
      const back = await readTable(csv, { target: names[d], header: true, missing: 'refuse' });
      expect(back.columns).toEqual(names.slice(0, d));
      expect(Array.from(back.x)).toEqual(x);
      expect(Array.from(back.y)).toEqual(y);
    }), runs(300));
  });

  test('each value in the fewest digits that read back as the same float32', async () => {
    const csv = await (await writeTable({ x: new Float32Array([0.1, 1 / 3, -0, 1e-45]), y: new Float32Array([1, 2, 3, 3.4028234663852886e38]), d: 1 })).text();
    expect(csv).toBe('x1,y\n0.1,1\n0.33333334,2\n-0,3\n1e-45,3.4028235e+38\n');
  });
});
