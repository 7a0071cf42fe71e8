/**
 * The benchmark in Node on Dawn (the Node host; bench/main.ts is the page's): installs
 * WebGPU, runs the same suite with the same options parser, and writes the results JSON.
 * Built to plain JavaScript by scripts/bench-node-build.mjs and run by
 * `npm run bench -- --runtime node` and by scripts/gpu-machine/run.sh:
 *
 *   node --expose-gc bench-node.mjs '<query string, as the page takes>' results.json
 */
import { writeFileSync } from 'node:fs';
import { installWebGPU } from '../src/node/install-webgpu';
import { optionsFrom } from './options';
import { runSuite } from './suite';

const [query = '', out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node bench-node.mjs '<query, e.g. quick&contenders=ours-gpu>' <results.json>");
  process.exit(2);
}
const driver = await installWebGPU();
console.log(`Vulkan driver file: ${driver ?? 'the loader\'s default search'}`);
try {
  const results = await runSuite(optionsFrom(query, 'node'), (line) => console.log(line));
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`done in ${results.seconds.toFixed(1)} s`);
  // dawn.node would keep the process alive (src/node/install-webgpu.ts).
  process.exit(0);
} catch (e) {
  console.error(`benchmark failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
}
