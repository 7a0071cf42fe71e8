// The browsers and Vulkan drivers that the tests run WebGPU on, from Debian's packages.
// `npm test` installs the missing ones (as root, with apt-get); elsewhere it prints the
// one command that does, and stops.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromiumPath } from './chromium.mjs';
import { firefoxPath, LAVAPIPE_ICD } from './firefox.mjs';

/** Each package with the file that shows it is there. */
function wanted() {
  return [
    { name: 'chromium', file: chromiumPath(), why: 'Chromium (Dawn) runs the GPU and page tests' },
    { name: 'firefox-esr', file: firefoxPath(), why: 'Firefox (wgpu, Naga) runs them on a second WebGPU implementation' },
    { name: 'mesa-vulkan-drivers', file: LAVAPIPE_ICD, why: "Mesa's lavapipe is Firefox's second Vulkan driver" },
  ];
}

/** Installs what is missing, or throws with the command to run. */
export function ensureSystemPackages() {
  const missing = wanted().filter((p) => !existsSync(p.file));
  if (!missing.length) return;
  const names = missing.map((p) => p.name).join(' ');
  for (const p of missing) console.log(`Missing ${p.file}: ${p.why}.`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new Error(
      `Install the browsers the tests need, then run npm test again:\n` +
        `  sudo apt-get update && sudo apt-get install -y ${names}\n` +
        '(or point CHROME_PATH and FIREFOX_PATH at the browsers).',
    );
  }
  console.log(`Installing Debian's ${names}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(`apt-get install -y -qq --no-install-recommends ${names}`, { stdio: 'inherit', env });
  const still = missing.filter((p) => !existsSync(p.file));
  if (still.length) throw new Error(`apt-get installed ${names}, but ${still.map((p) => p.file).join(', ')} is still missing.`);
}
