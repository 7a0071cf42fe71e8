/** How the explainer writes numbers and derivative names: short, plain text, stable. */

/**
 * A number in at most 4 significant digits, without trailing zeros: 0.7071, -1.5, 6.
 * -0 reads as 0 (a weight times a zero input), exponents only outside [1e-4, 1e6).
 */
export function fmt(v: number): string {
  if (Number.isNaN(v)) return 'undefined';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-4) return v.toExponential(3).replace(/\.?0+e/, 'e');
  const short = Number(v.toPrecision(4));
  // Rounding can land on 0 only for |v| < 5e-5, excluded above; keep the sign visible anyway.
  return short === 0 ? '0' : String(short);
}

/** A number as an operand: negative ones in parentheses, so "1 × (-3)" reads unambiguously. */
export function operand(v: number): string {
  const s = fmt(v);
  return s.startsWith('-') ? `(${s})` : s;
}

/** True for a name that needs no parentheses: x1, w2, b, z, a, y, L. */
function isAtomic(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(name);
}

/** A name as an operand of a larger expression: `(a − y)` but `a`. */
export function wrap(name: string): string {
  return isAtomic(name) ? name : `(${name})`;
}

/** The differential of a name: `dz`, `d(x1·w1)`. */
export function d(name: string): string {
  return `d${wrap(name)}`;
}

/** The partial differential of a name, for local derivatives: `∂z`, `∂(x1·w1)`. */
export function partial(name: string): string {
  return `∂${wrap(name)}`;
}
