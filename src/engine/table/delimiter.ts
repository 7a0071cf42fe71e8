/**
 * Which of ',', ';' and tab separates a table's fields, from its first lines. Papa
 * Parse's own guess gave up (and fell back to ',') on a ';' table with a blank line, as
 * it averages field counts over every line; here blank lines are passed over and the
 * delimiter that splits line 1 into two or more fields and most other lines into as many
 * wins. Before that, the one that reads a larger share of the lines before a malformed
 * quote wins (a ';' inside a quoted field otherwise made ';' look as good as the tab; and
 * in a file whose quote is broken on line 9, the delimiter that breaks it on line 1 is
 * wrong); last, the one that gives more fields.
 *
 * Quotes are judged strictly here (RFC 4180), though Papa Parse reads leniently: a quote
 * inside a field that does not open with one, or a closing quote followed by anything but
 * the delimiter or a line break, is malformed. Papa accepts both, so the ',' file
 * `a,;;,""";"⏎"\t;a",1,1` read as ';' gave one row of six fields (`a,;;,"""` unquoted, a
 * quoted line break, a closing quote followed by a tab) and beat ',' on field count.
 *
 * First of all, when the target is given by name, a delimiter that splits line 1 into a
 * field of that name wins: the tab file `x⇥a⇥,a⏎,a⇥1` (its line 2 ragged), target ",a",
 * read as ',' gave two columns on both lines and a refusal of the target instead of
 * line 2. The name is matched trimmed of spaces only: a tab beside it hints that tabs
 * separate (`aa⇥a⇥,⇥Z` read as ',' has a field "⇥Z").
 */

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Lines looked at. */
const PREVIEW_ROWS = 50;

/**
 * The field counts of the first non-blank rows of `text` split by `delimiter`, and the
 * index among them of the first row with a malformed quote (rows.length when none).
 */
function sniff(text: string, delimiter: string, complete: boolean): { widths: number[]; fault: number; first: string[] } {
  const widths: number[] = [];
  let first: string[] = [];
  let cells: string[] = [];
  let fault = Infinity;
  const n = text.length;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let fields = 0;
  let blank = true;
  let rowFault = false;
  const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
  while (i < n && widths.length < PREVIEW_ROWS) {
    // One field, from i.
    let end: number;
    if (text[i] === '"') {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          // Unterminated: malformed, unless the start was cut off inside it.
          if (complete) rowFault = true;
          j = n;
          break;
        }
        if (text[q + 1] === '"') { j = q + 2; continue; }
        j = q + 1;
        break;
      }
      end = j;
      if (end < n && text[end] !== delimiter && !isBreak(text[end])) {
        rowFault = true;
        while (end < n && text[end] !== delimiter && !isBreak(text[end])) end++;
      }
      // A quote or anything after the closing quote is not blank.
      if (text.slice(i + 1, end).replace(/"$/, '').trim() !== '') blank = false;
      if (widths.length === 0) cells.push(text.slice(i + 1, j - 1).replace(/""/g, '"'));
    } else {
      end = i;
      while (end < n && text[end] !== delimiter && !isBreak(text[end])) end++;
      const field = text.slice(i, end);
      if (field.includes('"')) rowFault = true;
      if (field.trim() !== '') blank = false;
      if (widths.length === 0) cells.push(field);
    }
    fields++;
    if (end < n && text[end] === delimiter) {
      i = end + 1;
      if (i < n) continue;
      fields++; // a delimiter at the very end: one more, empty field
    } else {
      i = end < n && text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    }
    // The row ends.
    if (!blank) {
      if (rowFault && fault === Infinity) fault = widths.length;
      if (widths.length === 0) first = cells;
      widths.push(fields);
    }
    fields = 0;
    cells = [];
    blank = true;
    rowFault = false;
  }
  // The last line of a cut-off start may be cut off itself.
  if (!complete && i >= n && widths.length > 1) widths.pop();
  return { widths, fault: Math.min(fault, widths.length), first };
}

/** The delimiter of a table starting with `start` (all of it when `complete`); `target`: the target column's name, if given by name. */
export function detectDelimiter(start: string, complete: boolean, target?: string): Delimiter {
  let best: Delimiter = ',';
  let bestScore = [-1, -1, -1, -1];
  for (const delimiter of DELIMITERS) {
    const { widths, fault, first } = sniff(start, delimiter, complete);
    const width = widths[0] ?? 0;
    if (width < 2) continue;
    const named = target !== undefined && first.some((c) => c.replace(/^ +| +$/g, '') === target) ? 1 : 0;
    const score = [named, fault / widths.length, widths.filter((w) => w === width).length / widths.length, width];
    if (better(score, bestScore)) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Whether score a beats b, comparing in order. */
function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}
