// `npm run bench`: measures training speed against TensorFlow.js and against the
// adapter's own copy and read bandwidth. Serves bench/index.html with Vite, runs it in
// headless Chromium with WebGPU, prints a table, and writes bench/results.json and (for a
// full run) BENCHMARKS.md. With --runtime node the same suite runs in Node on Dawn instead
// (bench/node-main.ts, built by scripts/bench-node-build.mjs, in a child process so that
// the Vulkan loader sees VK_ICD_FILENAMES: SwiftShader unless the caller sets one); the
// contenders that need a browser are skipped there with the reason (bench/types.ts).
//
//   npm run bench                      every case, n up to 2^24 (many minutes)
//   npm run bench -- --quick           n = 2^10 and 2^12, one repeat, celsius 100 steps
//   npm run bench -- --max 20          stop the full-batch sweeps at n = 2^20
//   npm run bench -- --contenders ours-gpu,tfjs-webgpu   (numpy runs unless the list leaves it out)
//   npm run bench -- --cases n16777216-full   only the cases whose id contains one of these (comma-separated)
//   npm run bench -- --repeats 3       timed calls per contender and case, at most
//   npm run bench -- --surface-grid 128 --surface-log2 20   the loss surface timed: 128 x 128 over n = 2^20
//                                      (default 128 x 128 over 2^14, --quick 32 x 32 over 2^10: bench/options.ts)
//   npm run bench -- --no-markdown     do not rewrite BENCHMARKS.md
//   npm run bench -- --report-only     measure nothing: print and rewrite BENCHMARKS.md from bench/results.json
//   npm run bench -- --runtime node    in Node on Dawn, no browser; writes bench/results-node.json, never BENCHMARKS.md
//   npm run bench -- --out FILE        write the results JSON to FILE instead
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { freePort } from './free-port.mjs';
import { chromiumArgs, requireChromium } from './chromium.mjs';
import { ensureDependencies } from './ensure-deps.mjs';
import { markdownReport, textReport } from './bench-report.mjs';
import { runNumpy } from './bench-numpy.mjs';
import { buildNodeBench } from './bench-node-build.mjs';
import { hostEnvironment } from './bench-environment.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function parseArgs(argv) {
  const args = { quick: false, max: null, contenders: null, cases: null, repeats: null, surfaceGrid: null, surfaceLog2: null, markdown: true, reportOnly: false, runtime: 'browser', out: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg.startsWith('--max')) args.max = Number(value());
    else if (arg.startsWith('--contenders')) args.contenders = value();
    else if (arg.startsWith('--cases')) args.cases = value();
    else if (arg.startsWith('--repeats')) args.repeats = Number(value());
    else if (arg.startsWith('--surface-grid')) args.surfaceGrid = Number(value());
    else if (arg.startsWith('--surface-log2')) args.surfaceLog2 = Number(value());
    else if (arg === '--no-markdown') args.markdown = false;
    else if (arg === '--report-only') args.reportOnly = true;
    else if (arg.startsWith('--runtime')) args.runtime = value();
    else if (arg.startsWith('--out')) args.out = value();
    else throw new Error(`unknown option ${arg}; see the top of scripts/bench.mjs`);
  }
  if (args.max !== null && !(Number.isInteger(args.max) && args.max >= 10 && args.max <= 26)) {
    throw new Error('--max is the log2 of the largest n: an integer from 10 to 26');
  }
  if (!['browser', 'node'].includes(args.runtime)) throw new Error(`--runtime is browser or node, not ${args.runtime}`);
  args.out ??= args.runtime === 'node' ? 'bench/results-node.json' : 'bench/results.json';
  return args;
}

/** The suite's options as the query string both hosts read (bench/options.ts). */
function suiteQuery(args) {
  const query = new URLSearchParams();
  if (args.quick) query.set('quick', '');
  if (args.max !== null) query.set('max', String(args.max));
  if (args.contenders) query.set('contenders', args.contenders);
  if (args.cases) query.set('cases', args.cases);
  if (args.repeats !== null) query.set('repeats', String(args.repeats));
  if (args.surfaceGrid !== null) query.set('surfaceGrid', String(args.surfaceGrid));
  if (args.surfaceLog2 !== null) query.set('surfaceLog2', String(args.surfaceLog2));
  return query;
}

/** Runs the suite in Node on Dawn in a child process; resolves with its results and the host's name. */
async function measureInNode(args) {
  const dir = mkdtempSync(join(os.tmpdir(), 'neuron-bench-node-'));
  try {
    // Inside node_modules, where the bundle's one external import, webgpu, resolves.
    const entry = await buildNodeBench(join(root, 'node_modules/.bench-node'));
    const out = join(dir, 'results.json');
    // --expose-gc: the suite collects garbage between contenders (bench/suite.ts, settle).
    const child = spawn(process.execPath, ['--expose-gc', entry, suiteQuery(args).toString(), out], { stdio: 'inherit' });
    const status = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(code ?? signal));
    });
    if (status !== 0) throw new Error(`the benchmark in Node exited with ${status}`);
    const webgpu = JSON.parse(readFileSync('node_modules/webgpu/package.json', 'utf8')).version;
    return { results: JSON.parse(readFileSync(out, 'utf8')), host: `Node ${process.version} on Dawn (webgpu ${webgpu})` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function gitCommit() {
  try {
    const commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execSync('git status --porcelain', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() !== '';
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}

/** The report of an earlier run, for a change to the report's wording: the numbers stay those measured. */
function reportOnly(args) {
  const results = JSON.parse(readFileSync(args.out, 'utf8'));
  console.log(textReport(results));
  if (args.markdown && !results.options.quick && results.options.runtime !== 'node') {
    writeFileSync('BENCHMARKS.md', markdownReport(results));
    console.log('Wrote BENCHMARKS.md from bench/results.json');
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.reportOnly) return reportOnly(args);
  ensureDependencies();
  const port = await freePort();
  // Serves the page; in Node, only loads the engine's dataset code for numpy.
  const vite = await createServer({
    root,
    logLevel: process.env.BENCH_VITE_LOG ?? 'warn',
    server: {
      port, strictPort: true, host: 'localhost',
      // No hot reload and no watching: an edit elsewhere in the tree must not reload the
      // page half-way through a run.
      hmr: false,
      watch: null,
      // Cross-origin isolation: performance.now() ticks in 5 µs instead of 100 µs, and
      // TF.js's wasm backend may use threads (SharedArrayBuffer).
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
    // A cache of its own, so a benchmark never re-optimises under a running dev server;
    // TF.js listed up front, so finding it in a lazily loaded module never reloads the page.
    cacheDir: 'node_modules/.vite-bench',
    optimizeDeps: {
      entries: ['bench/index.html'],
      include: [
        '@tensorflow/tfjs-core', '@tensorflow/tfjs-core/dist/register_all_gradients',
        '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm',
      ],
    },
  });
  const started = Date.now();
  const loadAtStart = os.loadavg();
  try {
    const { results, host } = args.runtime === 'node' ? await measureInNode(args) : await measureInBrowser(args, vite, port);
    if (!args.contenders || args.contenders.split(',').includes('numpy')) await runNumpy(results, vite);
    Object.assign(results.environment, hostEnvironment(host, loadAtStart, gitCommit()));
    results.totalSeconds = (Date.now() - started) / 1000;
    writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${textReport(results)}`);
    console.log(`Wrote ${args.out}`);
    if (args.markdown && !args.quick && !args.cases && args.runtime === 'browser') {
      writeFileSync('BENCHMARKS.md', markdownReport(results));
      console.log('Wrote BENCHMARKS.md');
    } else {
      console.log('BENCHMARKS.md left as it was (it is written by a full run in the browser).');
    }
  } finally {
    await vite.close();
  }
}

/** Runs the suite in headless Chromium on the page Vite serves; resolves with its results and the browser's name. */
async function measureInBrowser(args, vite, port) {
  const executablePath = requireChromium();
  await vite.listen();
  // --expose-gc: the suite collects garbage between contenders (bench/suite.ts, settle).
  const browser = await chromium.launch({ executablePath, args: [...chromiumArgs(), '--js-flags=--expose-gc'] });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('[bench] ')) console.log(text.slice(8));
      else if (message.type() === 'error') console.error(`page error: ${text}`);
    });
    page.on('pageerror', (error) => console.error(`page exception: ${error.message}`));
    const query = suiteQuery(args);
    const url = `http://localhost:${port}/bench/index.html${query.size ? `?${query}` : ''}`;
    console.log(`Benchmark page: ${url}`);
    await page.goto(url);
    await page.waitForFunction(() => window.benchRun !== undefined, null, { timeout: 120_000 });
    const results = await page.evaluate(() => window.benchRun);
    return { results, host: `Chromium ${browser.version()}` };
  } finally {
    await browser.close(); // its memory back before numpy loads the largest dataset
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
