/**
 * Layers point one way: what runs anywhere (src/engine: types, validation, datasets,
 * random, schedule, math) and the autograd oracle (src/autograd) import nothing from the
 * layers above them: the backends (src/gpu, src/cpu, src/tfjs), the orchestration that
 * sits above both backends (src/orchestration), or the page (src/app). Read from the
 * sources' import specifiers, so a new file is checked without being listed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BASE_LAYERS = ['src/engine', 'src/autograd'];
const ABOVE = ['src/gpu', 'src/cpu', 'src/orchestration', 'src/app', 'src/tfjs'];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * Every module specifier in a source: static imports and re-exports (`import x from`,
 * `import type`, `export * from`, multi-line lists), bare `import '...'`, dynamic
 * `import('...')` and `new URL('...', import.meta.url)` (how workers are loaded).
 */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const patterns = [
    /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\bnew\s+URL\s*\(\s*['"`]([^'"`]+)['"`]/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]));
}

/** The layer above that a specifier in `file` reaches, if any. */
function layerReached(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(ROOT, resolve(dirname(file), specifier)).split(sep).join('/');
  return ABOVE.find((layer) => target === layer || target.startsWith(`${layer}/`));
}

test('the specifier reader finds every form of import (so the check below can fail)', () => {
  const sample = [
    "import { a } from '../gpu/a';",
    "import type {\n  B,\n  C,\n} from '../cpu/b';",
    "export { d } from '../app/d';",
    "export * from '../tfjs/e';",
    "import '../orchestration/f';",
    "const g = await import('../gpu/g');",
    "new Worker(new URL('../cpu/h.ts', import.meta.url));",
    "// import { no } from '../gpu/commented';",
    "/* import { no } from '../gpu/also-commented'; */",
  ].join('\n');
  expect(specifiers(sample)).toEqual(expect.arrayContaining(['../gpu/a', '../cpu/b', '../app/d', '../tfjs/e', '../orchestration/f', '../gpu/g', '../cpu/h.ts']));
  expect(specifiers(sample)).not.toContain('../gpu/commented');
  expect(specifiers(sample)).not.toContain('../gpu/also-commented');
  const file = join(ROOT, 'src/engine/x.ts');
  expect(specifiers(sample).map((s) => layerReached(file, s))).toEqual(['src/gpu', 'src/cpu', 'src/app', 'src/tfjs', 'src/orchestration', 'src/gpu', 'src/cpu']);
  expect(layerReached(file, './types')).toBeUndefined();
  expect(layerReached(join(ROOT, 'src/autograd/y.ts'), '../engine/types')).toBeUndefined();
});

test('src/engine and src/autograd import nothing from the backends, the orchestration or the page', () => {
  const files = BASE_LAYERS.flatMap((dir) => sourcesUnder(join(ROOT, dir)));
  expect(files.length).toBeGreaterThan(10);
  // Folders inside the base layers are read too (the neuron-function and table modules).
  for (const dir of ['src/engine/functions/', 'src/engine/table/']) {
    expect(files.some((file) => relative(ROOT, file).split(sep).join('/').startsWith(dir)), dir).toBe(true);
  }
  const upward = files.flatMap((file) => specifiers(readFileSync(file, 'utf8'))
    .filter((specifier) => layerReached(file, specifier))
    .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`));
  expect(upward).toEqual([]);
});
