// `npm test`: every test. Type check, unit tests (Node), GPU kernel tests (Vitest browser
// mode in headless Chromium with WebGPU), then end-to-end tests of the page (Playwright).
import { spawnSync } from 'node:child_process';
import { ensureDependencies, requireNode } from './ensure-deps.mjs';
import { ensureSystemPackages } from './system-deps.mjs';

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
];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.log('\nAll tests passed.');
