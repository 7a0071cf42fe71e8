/**
 * The shape of one neuron function: what every activation and every loss must say about
 * itself so that the CPU, the GPU, the explainer and the page can all be derived from it.
 */
import type { Activation } from './activations';

/** What the explainer has in hand when it writes ∂a/∂z out. */
export interface SlopeWorking {
  /** Names of z and a in the graph. */
  z: string;
  a: string;
  zValue: number;
  aValue: number;
  /** f′(z), the number the text ends with. */
  local: number;
  /** A number as an operand ("(-3)" for negatives). */
  operand(v: number): string;
  /** A number on its own. */
  show(v: number): string;
}

/** How the explainer writes an activation. */
export interface ActivationNotation {
  /** In the graph's operation circle: 'σ'. */
  symbol: string;
  /** a = f(z) in symbols, given z's name: 'σ(z)'. */
  ofName(z: string): string;
  /** The same with z's number (already formatted) in its place: 'max(0, 6)'. */
  ofNumber(z: string): string;
  /** f′(z) in symbols of z and a, for the vector view: 'a(1 − a)'. */
  slope: string;
  /** ∂a/∂z after its '=': symbols, numbers, then `local` last (a condition in parentheses may follow). */
  slopeWorked(w: SlopeWorking): string;
}

export interface ActivationFunction {
  /** Name on the page and in the explainer's tooltips. */
  label: string;
  /**
   * float64, over a block: for i < count, za[i] holds z and becomes a = f(z) (in place:
   * a loss that needs z keeps its own copy), and slope[i] becomes f′(z). A block,
   * not one sample, so that the CPU's inner loop runs inside each entry's own code: a
   * call per sample through the table measured 1.5x slower once a second activation had
   * run in the same process (the call site stops inlining).
   */
  evaluate(za: Float64Array, slope: Float64Array, count: number): void;
  /**
   * Body of the WGSL function `activationAndSlope(z: f32) -> vec2f`, returning (a, f′(z))
   * in float32. src/gpu/neuron-functions-wgsl.ts puts it into every kernel.
   */
  wgsl: string;
  /** z where f(z) = 0.5: where the boundary plot draws its line. */
  halfway: number;
  notation: ActivationNotation;
}

export interface LossFunction {
  /** Name on the page. */
  label: string;
  /** The only activations it is valid with; every activation when absent. */
  onlyWith?: readonly Activation[];
  /** It needs targets 0 and 1 (a dataset of two classes). */
  binaryTargets: boolean;
  /**
   * float64, over a block: turns each z[i] into dJ/dz[i] (in place) for target y[i] and
   * returns the summed loss of the block; `f` is the neuron's activation.
   */
  block(f: ActivationFunction, z: Float64Array, y: ArrayLike<number>, count: number): number;
  /** dJ/da of one sample, the factor the vector view shows (may be infinite where atZ is not). */
  slopeAtOutput(a: number, y: number): number;
  /**
   * Body of the WGSL function `gradientAndLoss(z: f32, y: f32) -> vec2f`, returning
   * (dJ/dz, loss) in float32; it may call `activationAndSlope(z)`.
   */
  wgsl: string;
}
