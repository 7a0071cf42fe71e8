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
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return `a ${typeof value}`;
}
