/** What every chart does first: size the canvas for the screen and clear it. */

/** The palette: TensorFlow Playground's orange and blue for the two sides. */
export const COLORS = {
  background: '#ffffff',
  grid: '#eceff1',
  axis: '#90a4ae',
  text: '#455a64',
  loss: '#0877bd',
  truth: '#37474f',
  before: '#e8710a',
  now: '#0877bd',
  points: 'rgba(96, 125, 139, 0.55)',
  class0: '#f59322',
  class1: '#0877bd',
  /** The decision boundary line, over the heat map. */
  boundary: '#263238',
  gpu: '#0877bd',
  cpu: '#e8710a',
  /** TensorFlow.js in the scaling chart: a third hue, apart from both sides' colours. */
  tfjs: '#7b1fa2',
  /** Contour lines and the outline under each descent path on the loss landscape. */
  ink: '#263238',
  /** Descent paths on the landscape's viridis heat map: the current run first, light hues that stand out on it. */
  paths: ['#ffffff', '#ffb74d', '#f48fb1', '#4dd0e1', '#b0bec5'],
} as const;

/** `#rrggbb` as [r, g, b], for pixels written by hand (the decision-boundary heat map). */
export function rgbOf(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Area inside the axes, in CSS pixels. */
export interface PlotRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Default margins leave room for tick labels on the left and bottom. */
export function plotRect(width: number, height: number, margin = { left: 56, top: 12, right: 14, bottom: 34 }): PlotRect {
  return { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
}

/**
 * Sizes the backing store to `width` x `height` CSS pixels at the device pixel ratio,
 * clears it to the background, and returns a context drawing in CSS pixels.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = globalThis.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, width, height);
  return ctx;
}

/** Saves the context and clips to the area inside the axes; the caller restores it. */
export function clipToPlot(ctx: CanvasRenderingContext2D, r: PlotRect): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.left, r.top, r.right - r.left, r.bottom - r.top);
  ctx.clip();
}
