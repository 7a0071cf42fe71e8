// A TCP port that nothing on this machine listens on now, so a test server never
// collides with a dev server or another run (a fixed port fails all of `npm test`).
import { createServer } from 'node:net';

/** Resolves to a port the system just handed out and released; bind it soon, with strictPort. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
