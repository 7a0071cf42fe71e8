/**
 * No text reaches markup or code: the sources never use the APIs that turn a string into
 * HTML or into a program, and the HTML pages carry a Content-Security-Policy that
 * allows only the page's own scripts. Lit's `html` templates put values in as text; the
 * sinks below are what would bypass that.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

/** Ways a string becomes markup or code, with why each is banned. */
const SINKS: [RegExp, string][] = [
  [/\.innerHTML\b/, 'innerHTML parses text as markup'],
  [/\.outerHTML\b/, 'outerHTML parses text as markup'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML parses text as markup'],
  [/\bcreateContextualFragment\b/, 'createContextualFragment parses text as markup'],
  [/\bdocument\.write(ln)?\b/, 'document.write parses text as markup'],
  [/\bsrcdoc\b/, 'srcdoc parses text as a document'],
  [/\bunsafeHTML\b|\bunsafeSVG\b|\bunsafeStatic\b/, "Lit's unsafe directives render text as markup"],
  [/\beval\s*\(/, 'eval runs text as code'],
  [/\bnew\s+Function\s*\(/, 'new Function runs text as code'],
  [/\bFunction\s*\(\s*['"`]/, 'Function(...) runs text as code'],
  [/\bset(Timeout|Interval)\s*\(\s*['"`]/, 'a string timer runs text as code'],
  [/\bstyleMap\s*\(/, "styleMap writes a style attribute on first render, which the page's CSP refuses"],
  [/\sstyle=\$\{/, "a bound style attribute is set with setAttribute, which the page's CSP refuses"],
];

const SOURCES = filesUnder(join(ROOT, 'src'), /\.(ts|js|mjs|html)$/);

describe('sources', () => {
  test('there are sources to scan', () => {
    expect(SOURCES.length).toBeGreaterThan(40);
  });

  test.each(SINKS.map(([re, why]) => [why, re] as const))('none uses a sink: %s', (_why, re) => {
    const hits: string[] = [];
    for (const file of SOURCES) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (re.test(line)) hits.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });
});

/** The policy a page's <meta http-equiv="Content-Security-Policy"> carries, as directive -> sources. */
function policyOf(html: string): Map<string, string[]> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  expect(meta, 'a Content-Security-Policy meta element').not.toBeNull();
  const policy = new Map<string, string[]>();
  for (const part of meta![1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

const PAGES = ['index.html', 'src/app/explainer/demo.html'];

describe.each(PAGES)('%s', (page) => {
  const html = readFileSync(join(ROOT, page), 'utf8');
  const policy = policyOf(html);

  test('the policy comes before any script, so it covers them all', () => {
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  test("scripts: only the page's own, no inline script, no eval", () => {
    const scripts = policy.get('script-src') ?? policy.get('default-src');
    // The playground compiles the CPU's WebAssembly kernel on its main thread; that source
    // admits WebAssembly only, never JavaScript eval. The explainer demo needs none.
    expect(scripts).toEqual(page === 'index.html' ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  test('styles: no inline styles; the page has no <style> and no inline script', () => {
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(html).not.toMatch(/<style[\s>]/i);
    for (const [, attributes] of html.matchAll(/<script\b([^>]*)>/gi)) expect(attributes).toMatch(/\bsrc=/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

test('each static style attribute in a template is admitted by its hash, and nothing else is', () => {
  // Lit reports a literal style="..." in a template to the CSP when it parses the
  // template; the policy admits exactly those texts ('unsafe-hashes' plus their hash).
  const policy = policyOf(readFileSync(join(ROOT, 'index.html'), 'utf8'));
  const admitted = (policy.get('style-src-attr') ?? []).filter((s) => s.startsWith("'sha256-"));
  const needed = new Set<string>();
  for (const file of SOURCES.filter((f) => f.endsWith('.ts'))) {
    for (const [, value] of readFileSync(file, 'utf8').matchAll(/\sstyle="([^"$]*)"/g)) {
      needed.add(`'sha256-${createHash('sha256').update(value).digest('base64')}'`);
    }
  }
  expect(admitted.sort()).toEqual([...needed].sort());
  if (needed.size > 0) expect(policy.get('style-src-attr')).toContain("'unsafe-hashes'");
});
