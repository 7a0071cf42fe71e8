/**
 * The loss surface's request and answer, its validation, and its grid: J over a grid of
 * two of the neuron's parameters (a weight or the bias each), the others held at the
 * configuration's initial values. Both backends and the closed form work from this.
 */
import { ConfigError, mustBe } from './errors';
import { check, integerRule, numberRule } from './field-rules';
import type { Backend } from './types';

/** The largest grid is MAX_RESOLUTION points per axis. */
export const MIN_RESOLUTION = 2;
export const MAX_RESOLUTION = 512;

/** Which parameter an axis varies: a weight index (0 .. d-1) or the bias. */
export type SurfaceParam = number | 'bias';

export interface SurfaceAxis {
  param: SurfaceParam;
  from: number;
  to: number;
}

export interface SurfaceSpec {
  x: SurfaceAxis;
  y: SurfaceAxis;
  /** Points per axis, MIN_RESOLUTION .. MAX_RESOLUTION. */
  resolution: number;
}

export interface SurfaceOptions {
  signal?: AbortSignal;
  /** Fraction of the work done, 0 .. 1, after each piece of it. */
  onProgress?: (done: number) => void;
}

export interface SurfaceResult {
  /** resolution * resolution; values[j * resolution + i] = J(x_i, y_j). */
  values: Float32Array;
  min: number;
  max: number;
  backend: Backend;
  /** 'closed-form': identity + mse from sums over the data; 'direct': every point summed over every row. */
  method: 'closed-form' | 'direct';
  adapter?: string;
  ms: number;
}

/** Index of a parameter in [w_0 .. w_{d-1}, b]. */
export function paramIndex(param: SurfaceParam, d: number): number {
  return param === 'bias' ? d : param;
}

/** x_i = from + i (to - from) / (resolution - 1). */
export function gridValue(axis: SurfaceAxis, resolution: number, i: number): number {
  return axis.from + (i * (axis.to - axis.from)) / (resolution - 1);
}

/** The parameters [w_0 .. w_{d-1}, b] held fixed, with the two axes' entries set to 0. */
export function heldParameters(weights: readonly number[], bias: number, spec: SurfaceSpec): Float64Array {
  const d = weights.length;
  const held = Float64Array.from([...weights, bias]);
  held[paramIndex(spec.x.param, d)] = 0;
  held[paramIndex(spec.y.param, d)] = 0;
  return held;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknown(where: string, value: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new ConfigError(`${where}.${key}`, `${where}.${key} is not a setting; allowed: ${allowed.join(', ')}`);
  }
}

function checkAxis(where: string, value: unknown, d: number): SurfaceAxis {
  if (!isRecord(value)) throw mustBe(where, "an object like { param: 'bias', from: -1, to: 1 }", value);
  rejectUnknown(where, value, ['param', 'from', 'to']);
  const param = value.param;
  if (param !== 'bias' && !integerRule(0, d - 1).accepts(param)) {
    throw mustBe(`${where}.param`, `a weight index from 0 to ${d - 1} or 'bias'`, param);
  }
  const from = check(`${where}.from`, value.from, numberRule());
  const to = check(`${where}.to`, value.to, numberRule(from, Infinity, { above: true }));
  if (!Number.isFinite(to - from)) throw mustBe(`${where}.to`, `within ${Number.MAX_VALUE} of ${where}.from`, to);
  return { param, from, to };
}

/** Checks a surface request for a neuron of `d` features, or throws a ConfigError naming the field. */
export function checkSurfaceSpec(spec: unknown, d: number): SurfaceSpec {
  if (!isRecord(spec)) throw mustBe('surface', '{ x: { param, from, to }, y: { param, from, to }, resolution }', spec);
  rejectUnknown('surface', spec, ['x', 'y', 'resolution']);
  const x = checkAxis('surface.x', spec.x, d);
  const y = checkAxis('surface.y', spec.y, d);
  if (y.param === x.param) throw mustBe('surface.y.param', `a parameter other than surface.x.param (${JSON.stringify(x.param)})`, y.param);
  const resolution = check('surface.resolution', spec.resolution, integerRule(MIN_RESOLUTION, MAX_RESOLUTION));
  return { x, y, resolution };
}

/** Checks lossSurface()'s options. */
export function checkSurfaceOptions(options: unknown): SurfaceOptions {
  if (options === undefined) return {};
  if (!isRecord(options)) throw mustBe('options', 'an object { signal?, onProgress? }', options);
  rejectUnknown('options', options, ['signal', 'onProgress']);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw mustBe('options.onProgress', 'a function', options.onProgress);
  const signal = options.signal;
  if (signal !== undefined && !(typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal)) {
    throw mustBe('options.signal', 'an AbortSignal', signal);
  }
  return options as SurfaceOptions;
}

/** Smallest and largest of the values (NaN where there are none finite). */
export function rangeOf(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: NaN, max: NaN };
}
