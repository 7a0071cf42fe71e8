// `npm start`: installs dependencies if needed, then serves the playground with Vite.
import { spawn } from 'node:child_process';
import { ensureDependencies, requireNode } from './ensure-deps.mjs';

try {
  requireNode();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
ensureDependencies();
const vite = spawn('npx', ['vite', ...process.argv.slice(2)], { stdio: 'inherit' });
vite.on('exit', (code) => process.exit(code ?? 0));
