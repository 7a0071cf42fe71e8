// Installs the npm dependencies when they are missing or older than package.json, so
// `npm start` and `npm test` work on a fresh clone without a separate install step.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

export function ensureDependencies() {
  const marker = 'node_modules/.package-lock.json';
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package.json').mtimeMs;
  if (!stale) return;
  const command = existsSync('package-lock.json') ? 'npm ci' : 'npm install';
  console.log(`Installing dependencies (${command})…`);
  execSync(command, { stdio: 'inherit' });
}
