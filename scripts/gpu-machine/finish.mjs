// The last step of run.sh on the GPU machine: adds the host's description to the results
// (as scripts/bench.mjs does here) and prints the report.
//   node finish.mjs <app dir> <results.json> <started load average, comma-separated> <commit>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [app, file, load, commit] = process.argv.slice(2);
const { textReport } = await import(pathToFileURL(join(app, 'bench-report.mjs')).href);
const { hostEnvironment } = await import(pathToFileURL(join(app, 'bench-environment.mjs')).href);
const webgpu = JSON.parse(readFileSync(join(app, 'node_modules/webgpu/package.json'), 'utf8')).version;
const results = JSON.parse(readFileSync(file, 'utf8'));
Object.assign(results.environment, hostEnvironment(`Node ${process.version} on Dawn (webgpu ${webgpu})`, load.split(',').map(Number), commit));
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(textReport(results));
