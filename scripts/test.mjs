// `npm test`: every test. Type check, unit tests (Node), GPU kernel tests (Vitest browser
// mode in headless Chromium with WebGPU), end-to-end tests of the page (Playwright), then
// the GPU tests and a page smoke in Firefox ESR (wgpu) on two Vulkan drivers (puppeteer).
import { spawnSync } from 'node:child_process';
import { ensureDependencies, requireNode } from './ensure-deps.mjs';
import { ensureSystemPackages } from './system-deps.mjs';
import { DRIVERS, firefoxPath } from './firefox.mjs';

try {
  requireNode();
  ensureSystemPackages();
  ensureDependencies();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit and GPU tests', 'npx', ['vitest', 'run']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
  // A second WebGPU implementation (Firefox's wgpu and Naga) on two independent Vulkan drivers.
  ...Object.entries(DRIVERS).flatMap(([driver, icd]) => {
    const env = { FIREFOX_VK_DRIVER: driver };
    const on = `Firefox ESR (${firefoxPath()}) on ${driver} (${icd})`;
    return [
      [`GPU tests in ${on}`, 'npx', ['vitest', 'run', '--config', 'vitest.firefox.config.ts'], env],
      [`page smoke in ${on}`, 'node', ['--test', 'e2e-firefox/page-smoke.test.mjs'], env],
    ];
  }),
];
for (const [name, command, args, env = {}] of steps) {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v} `).join('');
  console.log(`\n=== ${name}: ${vars}${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${result.status === 0 ? 'passed' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.log('\nAll tests passed.');
