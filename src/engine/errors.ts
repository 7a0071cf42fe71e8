/** A configuration value that is not allowed. `field` is its path, e.g. `dataset.n`. */
export class ConfigError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.field = field;
  }
}

/** "field must be <allowed>; got <value>". */
export function mustBe(field: string, allowed: string, got: unknown): ConfigError {
  return new ConfigError(field, `${field} must be ${allowed}; got ${describeValue(got)}`);
}

/** A short, safe rendering of any value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint') return `the bigint ${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value) && 'length' in value) return `a ${value.constructor.name} of length ${String(value.length)}`;
  if (typeof value === 'function') return 'a function';
  return `a ${typeof value}`;
}

/** A dataset larger than the device or the browser can hold; the message gives the limit. */
export class DeviceCapacityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceCapacityError';
  }
}

/**
 * The GPU refused commands the engine built (a validation error): a fault in the engine,
 * never in the settings. Raised instead of returning numbers the GPU never computed.
 */
export class GpuRefusedError extends Error {
  constructor(what: string, detail: string) {
    super(`The GPU refused the engine's ${what} (${detail}); this is a fault in the engine, not in the settings. The CPU backend gives the same results.`);
    this.name = 'GpuRefusedError';
  }
}

/**
 * Training blew up: a loss or parameter overflowed (usually the learning rate is too
 * large). Carries the last finite parameters and the losses before the overflow.
 */
export class DivergenceError extends Error {
  /** Epoch (counted from 1 over the whole run) whose loss or parameters overflowed. */
  readonly epoch: number;
  /** The last finite parameters, and the number of epochs after which they were read. */
  readonly weights: number[];
  readonly bias: number;
  readonly parametersEpoch: number;
  /** Finite epoch losses of this call, before the overflow. */
  readonly losses: number[];

  constructor(epoch: number, checkpoint: { epoch: number; weights: number[]; bias: number }, losses: number[], learningRate: number) {
    super(
      `Training diverged at epoch ${epoch.toLocaleString('en-US')}: the loss or a parameter overflowed. ` +
      `learningRate ${learningRate} is too large for this data; try a smaller one. ` +
      `The parameters kept are those after epoch ${checkpoint.epoch.toLocaleString('en-US')}, the last finite ones.`,
    );
    this.name = 'DivergenceError';
    this.epoch = epoch;
    this.weights = checkpoint.weights;
    this.bias = checkpoint.bias;
    this.parametersEpoch = checkpoint.epoch;
    this.losses = losses;
  }
}

/**
 * The device training ran on went away (a GPU process crash, a driver reset, a lost
 * device). `checkpoint` is the last whole epoch read back, where training can go on from.
 */
export class DeviceLostError extends Error {
  /** What the device said when it went away, e.g. "destroyed" or a driver's message. */
  readonly reason: string;
  readonly checkpoint: { epoch: number; weights: number[]; bias: number };
  constructor(reason: string, checkpoint: { epoch: number; weights: number[]; bias: number }) {
    super(`the GPU device was lost (${reason}) after epoch ${checkpoint.epoch.toLocaleString('en-US')}`);
    this.name = 'DeviceLostError';
    this.reason = reason;
    this.checkpoint = checkpoint;
  }
}

/**
 * True for a cancellation: the AbortError DOMException that an aborted signal throws (or
 * any error named so, as fetch and streams throw). DOMException has no subclass to test
 * with instanceof, so this is the one place that reads an error's name.
 */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
