// A Vitest 4.1 browser provider that drives Firefox through puppeteer-core (WebDriver BiDi).
// Why not Vitest's playwright provider: Playwright 1.65's Firefox fails on Firefox ESR 153
// at newPage (unknown command emulation.setMediaFeaturesOverride); puppeteer-core 24 drives
// the same Firefox unmodified. It implements what Vitest's BrowserProvider interface asks
// (openPage, getCommandsContext, close; see node_modules/@vitest/browser-playwright): no
// module mocker and no user-event commands, which the GPU tests do not use.
import { defineBrowserProvider } from '@vitest/browser';
import puppeteer from 'puppeteer-core';
import { firefoxLaunchOptions } from './firefox.mjs';

/** @param {{ icd: string }} options the Vulkan driver manifest Firefox's wgpu is to use */
export function puppeteerFirefox(options) {
  return defineBrowserProvider({
    name: 'puppeteer-firefox',
    supportedBrowser: ['firefox'],
    options,
    providerFactory: (project) => new PuppeteerFirefoxProvider(project, options),
  });
}

class PuppeteerFirefoxProvider {
  name = 'puppeteer-firefox';
  // One page at a time: one Firefox, and only a few cores to share with its GPU process.
  supportsParallelism = false;
  /** @type {Promise<import('puppeteer-core').Browser> | null} */
  browser = null;
  /** @type {Map<string, import('puppeteer-core').Page>} */
  pages = new Map();

  constructor(project, options) {
    this.project = project;
    this.options = options;
  }

  #launch() {
    this.browser ??= puppeteer.launch({ ...firefoxLaunchOptions(this.options.icd), headless: this.project.config.browser.headless });
    return this.browser;
  }

  async openPage(sessionId, url) {
    const browser = await this.#launch();
    await this.pages.get(sessionId)?.close();
    const page = await browser.newPage();
    this.pages.set(sessionId, page);
    await page.goto(url, { timeout: 0 });
  }

  getCommandsContext(sessionId) {
    return { page: this.pages.get(sessionId) };
  }

  async close() {
    const browser = await this.browser?.catch(() => null);
    this.browser = null;
    this.pages.clear();
    await browser?.close();
  }
}
