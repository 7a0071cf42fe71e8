/** How every part of the project writes a duration: the engine's reasons, the page and the benchmark. */

const THREE_DIGITS = { minimumSignificantDigits: 3, maximumSignificantDigits: 3 } as const;

/**
 * Three significant digits in the unit that suits the size: 0.000123 -> "0.123 µs",
 * 0.5 -> "500 µs", 12.3 -> "12.3 ms", 1234 -> "1.23 s". Rounded before the unit is picked,
 * so 999.95 ms reads "1.00 s", not "1.00e+3 ms".
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const rounded = Number(ms.toPrecision(3));
  if (rounded >= 1000) return `${(rounded / 1000).toLocaleString('en-US', THREE_DIGITS)} s`;
  if (rounded >= 1) return `${rounded.toLocaleString('en-US', THREE_DIGITS)} ms`;
  return `${(rounded * 1000).toLocaleString('en-US', THREE_DIGITS)} µs`;
}
