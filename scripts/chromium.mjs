// Where the tests find Chromium, and the flags every headless launch needs here.
import { existsSync } from 'node:fs';

/** Path to the Chromium binary: CHROME_PATH when set, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

/** Throws with install instructions when the browser is missing. */
export function requireChromium() {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}.\n` +
        'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu),\n' +
        'or point CHROME_PATH at a Chromium or Chrome binary.',
    );
  }
  return path;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Flags for a headless launch. `webgpu` turns on WebGPU (a real adapter: the GPU, or
 * SwiftShader on a machine without one); without it Chromium exposes navigator.gpu but
 * gives no adapter, which is how the CPU fallback is exercised.
 */
export function chromiumArgs({ webgpu = true } = {}) {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    ...(webgpu ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan'] : []),
  ];
}
