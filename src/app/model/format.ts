/** Number formatting shared by the panels and charts. */

/** Six significant digits, without a trailing exponent for everyday sizes. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e7) return Number(v.toPrecision(6)).toString();
  return v.toExponential(4);
}

/** 12,345 */
export function formatCount(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** 1.2 M, 35 k: a compact count for axes and rates. */
export function formatCompact(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 }).format(v);
}

/** 512 MiB, 762.9 MiB: sizes the way the engine's messages give them. */
export function formatMebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
}

/** 7.8 KiB below a mebibyte (where MiB would read 0), else as formatMebibytes. */
export function formatBytes(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 2 ** 10).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB` : formatMebibytes(bytes);
}
