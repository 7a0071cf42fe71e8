// Where the tests find Firefox and the Vulkan drivers it runs WebGPU on.
import { existsSync } from 'node:fs';

/** Path to Firefox: FIREFOX_PATH when set, else Debian's firefox-esr. */
export function firefoxPath() {
  return process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
}

/** Vulkan driver manifests (ICDs). Firefox's wgpu takes whichever VK_ICD_FILENAMES names. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
export const LAVAPIPE_ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';

export function hasDriver(icd) {
  return existsSync(icd);
}

/** The two Vulkan drivers, by the name FIREFOX_VK_DRIVER takes. */
export const DRIVERS = { swiftshader: SWIFTSHADER_ICD, lavapipe: LAVAPIPE_ICD };

/** The driver named by FIREFOX_VK_DRIVER (default swiftshader): { name, icd }; throws on an unknown name. */
export function chosenDriver(name = process.env.FIREFOX_VK_DRIVER || 'swiftshader') {
  const icd = DRIVERS[name];
  if (!icd) throw new Error(`FIREFOX_VK_DRIVER must be one of ${Object.keys(DRIVERS).join(', ')}; got ${name}`);
  return { name, icd };
}

/**
 * puppeteer-core's launch options for headless Firefox with WebGPU on the Vulkan driver
 * `icd`. Without a GPU, Firefox blocklists WebGPU; ignore-blocklist gives a real adapter
 * on the software driver.
 */
export function firefoxLaunchOptions(icd) {
  return {
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    extraPrefsFirefox: { 'dom.webgpu.enabled': true, 'gfx.webgpu.ignore-blocklist': true },
    env: { ...process.env, VK_ICD_FILENAMES: icd },
  };
}
