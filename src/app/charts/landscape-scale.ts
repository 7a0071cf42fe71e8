/**
 * How the landscape turns losses into colours and contour levels: a perceptual ramp
 * (viridis: dark at low loss, bright at high, readable in grey and by most colour-blind
 * people), linear in the loss or in its logarithm, where a deep valley would otherwise be
 * one flat colour.
 */

/** viridis at five stops. */
const RAMP = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

export interface LossScale {
  /** Position of a loss on the ramp, 0 .. 1. */
  at(loss: number): number;
  /** Loss at a position on the ramp (the inverse of at). */
  lossAt(t: number): number;
}

/** Linear or log over [min, max]; the log scale starts at a billionth of max where min is 0. */
export function lossScale(min: number, max: number, log: boolean): LossScale {
  if (log) {
    const lo = Math.log(Math.max(min, max * 1e-9, Number.MIN_VALUE));
    const hi = Math.log(Math.max(max, Number.MIN_VALUE));
    const span = hi - lo || 1;
    return {
      at: (v) => Math.min(1, Math.max(0, (Math.log(Math.max(v, Number.MIN_VALUE)) - lo) / span)),
      lossAt: (t) => Math.exp(lo + t * span),
    };
  }
  const span = max - min || 1;
  return { at: (v) => Math.min(1, Math.max(0, (v - min) / span)), lossAt: (t) => min + t * span };
}

/** The ramp's colour at t in [0, 1], as [r, g, b]. */
export function rampColor(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [RAMP[i], RAMP[i + 1]];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** `count` contour levels evenly spaced on the scale, inside (min, max). */
export function contourLevels(scale: LossScale, count: number): number[] {
  return Array.from({ length: count }, (_, k) => scale.lossAt((k + 1) / (count + 1)));
}
