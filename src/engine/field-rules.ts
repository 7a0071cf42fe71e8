/**
 * What a setting allows, written once for the API's validation (validate.ts) and the
 * page's URL and form parsers (app/state/fields.ts). A rule knows its words ("an integer
 * from 1 to 100") and tests a value; a refusal is always mustBe's ConfigError: "<field>
 * must be <allowed>; got <value>".
 */
import { mustBe } from './errors';

export interface Rule<T> {
  /** What is allowed, in words that follow "must be". */
  readonly allowed: string;
  accepts(value: unknown): value is T;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** An integer in [min, max]. */
export function integerRule(min: number, max: number): Rule<number> {
  return {
    allowed: `an integer from ${count(min)} to ${count(max)}`,
    accepts: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
  };
}

/**
 * A finite number in [min, max], or in (min, max] when `above` is set. Infinite bounds
 * leave that side open: numberRule() is any finite number.
 */
export function numberRule(min = -Infinity, max = Infinity, { above = false } = {}): Rule<number> {
  const low = Number.isFinite(min);
  const high = Number.isFinite(max);
  const allowed = above
    ? high ? `a number above ${count(min)} and at most ${count(max)}` : `a finite number above ${count(min)}`
    : low && high ? `a number from ${count(min)} to ${count(max)}` : 'a finite number';
  return {
    allowed,
    accepts: (v): v is number => typeof v === 'number' && Number.isFinite(v) && (above ? v > min : v >= min) && v <= max,
  };
}

/** One of a list of names. */
export function choiceRule<T extends string>(options: readonly T[]): Rule<T> {
  return {
    allowed: `one of ${options.map((o) => `'${o}'`).join(', ')}`,
    accepts: (v): v is T => typeof v === 'string' && (options as readonly string[]).includes(v),
  };
}

/** The value, if the rule accepts it; else throws mustBe's ConfigError naming the field. */
export function check<T>(field: string, value: unknown, rule: Rule<T>): T {
  if (!rule.accepts(value)) throw mustBe(field, rule.allowed, value);
  return value;
}
