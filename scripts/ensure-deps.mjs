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

/** The Node versions every dependency declares (Vite 8: ^20.19.0 || >=22.12.0). */
function supportedNode(major, minor) {
  if (major === 20) return minor >= 19;
  if (major === 22) return minor >= 12;
  return major > 22;
}

/** Throws one clear line when this Node is older than the dependencies support. */
export function requireNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (supportedNode(major, minor)) return;
  throw new Error(`Node 20.19 or later (22.12 or later on Node 22) is needed; this is Node ${process.versions.node}.`);
}
