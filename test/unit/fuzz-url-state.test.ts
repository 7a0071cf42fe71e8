/**
 * The page's strict parsing, fuzzed: the URL parser (parseQuery) and the form's edits
 * (applyEdit) take any text. Whatever arrives, they must not throw, must name every
 * rejected value by its field's label and URL name with the allowed range, and must hand
 * on settings the engine accepts (checked by the engine's own validation, the oracle).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkTrainConfig } from '../../src/engine/validate';
import { ACTIVATIONS, initialParameters } from '../../src/index';
import { FIELD_ORDER, FIELDS, isRejection } from '../../src/app/state/fields';
import { applyEdit } from '../../src/app/state/settings-patch';
import { DEFAULT_SETTINGS, presetFor, DATASETS, type Settings } from '../../src/app/state/settings';
import { trainConfig } from '../../src/app/state/train-config';
import { parseQuery, toQuery } from '../../src/app/state/url-state';

const RUNS = 400;
const PARAMS = FIELD_ORDER.map((k) => FIELDS[k].param);

/** Text people, tools and attackers put in a URL or a form field. */
const rawValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'NaN', 'Infinity', '-Infinity', '-1', '-5', '0', '-0', '1', '1.5', '0.001', '1e400', '1e-400', '1e6', '1e7', '1e9', '1e12',
    '268435456', '268435457', '4294967295', '4294967296', '1e308', '', ' ', '  7  ', '0x10', '1_000', '+5', '5.', '.5', '00012',
    '１２', '١٢', '1,000', '<img src=x onerror=alert(1)>', '${alert(1)}', '"><script>alert(1)</script>', '%00', '\u0000',
    'constructor', '__proto__', 'toString', 'on', 'off', 'true', 'null', 'undefined', '[]', '{}',
    ...DATASETS, ...ACTIVATIONS, 'softmax', 'mse', 'bce', 'mean', 'sum', 'auto', 'gpu', 'cpu', 'CPU',
    'full', 'mini', 'sgd', 'train', 'backprop', 'scaling', 'log', 'linear', 'x'.repeat(5000),
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.integer({ min: -10, max: 2 ** 30 }).map(String),
);

/** Text that many fields accept: the choices, small integers, ordinary decimals. */
const plausibleValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...DATASETS, ...ACTIVATIONS, 'mse', 'bce', 'mean', 'sum', 'auto', 'gpu', 'cpu', 'full', 'mini', 'sgd', 'train', 'backprop', 'scaling', 'log', 'linear'),
  fc.integer({ min: 0, max: 5000 }).map(String),
  fc.double({ min: 1e-4, max: 10, noNaN: true }).map(String),
);

/** A query: known names mostly, unknown and repeated ones sometimes. */
const query: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 6,
    arbitrary: fc.array(fc.tuple(
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }),
      fc.oneof(rawValue, plausibleValue),
    ), { maxLength: 14 }).map((pairs) => {
      const params = new URLSearchParams();
      for (const [name, value] of pairs) params.append(name, value);
      return `?${params.toString()}`;
    }),
  },
);

/**
 * Every problem is one of these sentences; each names what it is about. A value its field
 * refuses, and a combination reconcile() replaces, both read
 * "<label>: <param> must be <allowed>; got <value>; using <fallback>." (the engine's mustBe).
 */
const refusedForm = (k: keyof Settings) => `${FIELDS[k].label}: ${FIELDS[k].param} must be `;
const PROBLEM_FORMS = [
  ...FIELD_ORDER.map(refusedForm),
  'Unknown URL setting "',
  'URL setting "',
];
const OVERFLOW_FORM = /^\d+ more unknown URL settings were ignored\.$/;

/** The settings are typed, in range, and make a configuration the engine accepts. */
function expectUsable(settings: Settings): void {
  for (const key of FIELD_ORDER) {
    const field = FIELDS[key] as { parse(raw: string): unknown; format(v: unknown): string };
    const again = field.parse(field.format(settings[key]));
    expect(isRejection(again), `${key} = ${String(settings[key])} does not pass its own field`).toBe(false);
    expect(again).toEqual(settings[key]);
  }
  const config = trainConfig(settings, initialParameters(settings.seed, settings.features), 1, 0);
  expect(() => checkTrainConfig(config)).not.toThrow();
}

const counts = { queries: 0, edits: 0, problems: 0, edited: 0, refusedEdits: 0 };

describe('fuzz: parseQuery', () => {
  test(`${RUNS} queries: no throw, every bad value named, settings the engine accepts`, () => {
    fc.assert(fc.property(query, (q) => {
      counts.queries++;
      const { settings, problems } = parseQuery(q);
      counts.problems += problems.length;
      expectUsable(settings);
      for (const problem of problems) {
        expect(PROBLEM_FORMS.some((f) => problem.startsWith(f)) || OVERFLOW_FORM.test(problem), problem).toBe(true);
        // Quoted values are cut short: a long URL cannot flood the page.
        expect(problem.length).toBeLessThan(400);
      }
      // Each value its field refuses is named, with its URL name and the allowed range.
      const params = new URLSearchParams(q);
      for (const key of FIELD_ORDER) {
        const { param } = FIELDS[key];
        const raw = params.get(param);
        if (raw === null) continue;
        const refusal = FIELDS[key].parse(raw);
        if (isRejection(refusal)) {
          expect(refusal.field).toBe(param);
          const named = problems.find((p) => p.startsWith(refusedForm(key)));
          expect(named, `${param}=${raw} was refused silently`).toBeDefined();
          expect(named).toMatch(/ must be (an integer from|a number|a finite number|one of|'auto' or|'b' \(the bias\) or) .*; got .*; using /);
        }
      }
      // The cleaned settings are what the address bar then holds: they read back unchanged.
      const again = parseQuery(toQuery(settings));
      expect(again.problems).toEqual([]);
      expect(again.settings).toEqual(settings);
    }), { numRuns: RUNS });
  });

  test('absurd and hostile values, one by one, for every field', () => {
    const hostile = ['NaN', 'Infinity', '-Infinity', '-1', '1.5', '1e400', '', ' ', '0x10', '<img src=x onerror=alert(1)>', 'x'.repeat(100_000)];
    for (const key of FIELD_ORDER) {
      const { param } = FIELDS[key];
      for (const raw of hostile) {
        const { settings, problems } = parseQuery(`?${new URLSearchParams({ [param]: raw })}`);
        counts.queries++;
        expectUsable(settings);
        if (isRejection(FIELDS[key].parse(raw))) {
          expect(problems.some((p) => p.startsWith(refusedForm(key))), `${param}=${raw.slice(0, 20)}`).toBe(true);
        }
      }
    }
  });

  test('thousands of unknown names are summed up, not listed', () => {
    const params = new URLSearchParams();
    for (let i = 0; i < 5000; i++) params.append(`junk${i}`, '1');
    const { problems } = parseQuery(params.toString());
    expect(problems).toHaveLength(6);
    expect(problems[5]).toBe('4995 more unknown URL settings were ignored.');
  });

  test('a setting given twice is named, and the first value is used', () => {
    const { settings, problems } = parseQuery('?epochs=50&epochs=70');
    expect(settings.epochs).toBe(50);
    expect(problems).toEqual(['URL setting "epochs" was given 2 times; the first, "50", is used.']);
  });
});

describe('fuzz: applyEdit (what the form sends)', () => {
  const start = fc.constantFrom(DEFAULT_SETTINGS, presetFor('linear'), presetFor('blobs'), { ...presetFor('blobs'), batchMode: 'mini' as const, features: 7, n: 50 });
  test(`${RUNS} edits: no throw; refused with the field's name, or applied to usable settings`, () => {
    fc.assert(fc.property(start, fc.constantFrom(...FIELD_ORDER), fc.oneof(rawValue, plausibleValue), (current, key, raw) => {
      counts.edits++;
      const { settings, problems } = applyEdit(current, { key, raw });
      expectUsable(settings);
      if (isRejection(FIELDS[key].parse(raw))) {
        counts.refusedEdits++;
        expect(settings).toBe(current);
        expect(problems).toHaveLength(1);
        expect(problems[0].startsWith(refusedForm(key))).toBe(true);
      } else {
        counts.edited++;
        for (const problem of problems) expect(PROBLEM_FORMS.some((f) => problem.startsWith(f)), problem).toBe(true);
      }
    }), { numRuns: RUNS });
  });
});

test('the fuzzing tried queries and edits, refused and applied', () => {
  // Printed for the record; the counts also prove the properties above ran on real variety.
  console.info(`fuzz-url-state: ${JSON.stringify(counts)}`);
  expect(counts.queries).toBeGreaterThanOrEqual(RUNS);
  expect(counts.edits).toBe(RUNS);
  expect(counts.refusedEdits).toBeGreaterThan(RUNS / 10);
  // About one edit in ten is valid (measured 36 to 42 of 400): a fortieth is a safe floor.
  expect(counts.edited).toBeGreaterThan(RUNS / 40);
  expect(counts.problems).toBeGreaterThan(RUNS / 10);
});
