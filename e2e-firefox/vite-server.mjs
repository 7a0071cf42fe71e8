// Serves the page with `npx vite --port P --strictPort` on a port the system says is free
// (a fixed one collides with other test runs on the same machine).
import { spawn } from 'node:child_process';
import { freePort } from '../scripts/free-port.mjs';

/** Starts the dev server and resolves once it answers: { url, stop() }. */
export async function startVite() {
  const port = await freePort();
  const child = spawn('npx', ['vite', '--port', String(port), '--strictPort'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://localhost:${port}`;
  // npx starts vite as a child: end the whole process group it leads.
  const stop = () => { try { process.kill(-child.pid); } catch { /* already gone */ } };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite exited (${child.exitCode}):\n${log}`);
    if (await fetch(url).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error(`vite did not answer on ${url} within 120 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop };
}
