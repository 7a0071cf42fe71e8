/**
 * Which of ',', ';' and tab separates a table's fields, from its first lines. Papa
 * Parse's own guess gave up (and fell back to ',') on a ';' table with a blank line, as
 * it averages field counts over every line; here blank lines are passed over and the
 * delimiter that splits line 1 into two or more fields and most other lines into as many
 * wins. Before that, the one that reads a larger share of the lines before a malformed
 * quote wins (a ';' inside a quoted field otherwise made ';' look as good as the tab; and
 * in a file whose quote is broken on line 9, the delimiter that breaks it on line 1 is
 * wrong); last, the one that gives more fields.
 */
import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Lines looked at. */
const PREVIEW_ROWS = 50;

export function detectDelimiter(start: string, complete: boolean): Delimiter {
  let best: Delimiter = ',';
  let bestScore: [number, number, number] = [-1, -1, -1];
  for (const delimiter of DELIMITERS) {
    const { data: rows, errors } = Papa.parse<string[]>(start, { delimiter, preview: PREVIEW_ROWS, skipEmptyLines: 'greedy' });
    // The last line of a cut-off start may be cut off itself.
    if (!complete && rows.length > 1) rows.pop();
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const clean = Math.min(rows.length, ...errors.filter((e) => e.type === 'Quotes').map((e) => e.row ?? 0));
    const score: [number, number, number] = [clean / rows.length, rows.filter((r) => r.length === width).length / rows.length, width];
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
