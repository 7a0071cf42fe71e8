// `npm start`: installs dependencies if needed, then serves the playground with Vite.
import { spawn } from 'node:child_process';
import { ensureDependencies } from './ensure-deps.mjs';

ensureDependencies();
const vite = spawn('npx', ['vite', ...process.argv.slice(2)], { stdio: 'inherit' });
vite.on('exit', (code) => process.exit(code ?? 0));
