// Builds bench/node-main.ts (the benchmark's Node host) to one plain ES module with Vite,
// which already resolves what the source needs (WGSL ?raw imports, WebAssembly bytes):
// used by `npm run bench -- --runtime node` and by scripts/gpu-machine/pack.mjs.
// `webgpu` stays external (dawn.node is loaded beside its index.js), and TF.js too: its
// contenders run in the browser page only (bench/types.ts, NEEDS_BROWSER).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes `outDir`/bench-node.mjs (and its lazily loaded chunks); returns that file's path. */
export async function buildNodeBench(outDir) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(root, 'bench/node-main.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        external: ['webgpu', /^@tensorflow\//],
        output: { format: 'es', entryFileNames: 'bench-node.mjs' },
      },
    },
    // Everything else is bundled, so the output runs with no node_modules beside it.
    ssr: { noExternal: true, external: ['webgpu'] },
  });
  return join(outDir, 'bench-node.mjs');
}
