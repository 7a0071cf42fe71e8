/**
 * Which of ',', ';' and tab separates a table's fields, from its first lines. Papa
 * Parse's own guess gave up (and fell back to ',') on a ';' table with a blank line, as
 * it averages field counts over every line; here blank lines are passed over and the
 * delimiter that splits line 1 into two or more fields and most other lines into as many
 * wins; one that leaves quotes malformed loses to one that does not (a ';' inside a
 * quoted field otherwise made ';' look as good as the tab), and on a tie more fields win.
 */
import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Lines looked at. */
const PREVIEW_ROWS = 50;

export function detectDelimiter(start: string, complete: boolean): Delimiter {
  let best: Delimiter = ',';
  let bestScore = -Infinity;
  let bestWidth = 0;
  for (const delimiter of DELIMITERS) {
    const { data: rows, errors } = Papa.parse<string[]>(start, { delimiter, preview: PREVIEW_ROWS, skipEmptyLines: 'greedy' });
    // The last line of a cut-off start may be cut off itself.
    if (!complete && rows.length > 1) rows.pop();
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const malformed = errors.some((e) => e.type === 'Quotes' && (e.row ?? 0) < rows.length);
    const score = rows.filter((r) => r.length === width).length / rows.length - (malformed ? 1 : 0);
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = delimiter;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}
