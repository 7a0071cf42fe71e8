// Turns the benchmark page's results (bench/types.ts: BenchResults) into the table
// printed by `npm run bench` and into BENCHMARKS.md.

/** A contender's name in the tables: the page's CONTENDER_LABELS (bench/types.ts), carried in the results. */
function labelOf(results, id) {
  return results.labels?.[id] ?? id;
}

const GROUPS = [
  ['tutorial', 'The first tutorial: celsius, 10,000 full-batch steps'],
  ['full-batch', 'Full batch, d = 8'],
  ['features', 'Full batch, n = 2^20, d = 1 and d = 64'],
  ['mini-batch', 'Mini-batches of 1,024, n = 2^20, d = 8'],
];

/** 0.000123 -> "123 µs", 12.3 -> "12.3 ms", 1234 -> "1.23 s". */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

function formatRate(perSecond) {
  if (!Number.isFinite(perSecond)) return '–';
  for (const [scale, unit] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
    if (perSecond >= scale) return `${(perSecond / scale).toPrecision(3)}${unit}`;
  }
  return perSecond.toPrecision(3);
}

function formatTimes(x) {
  if (!Number.isFinite(x)) return '–';
  return `${x >= 100 ? x.toFixed(0) : x.toPrecision(3)}×`;
}

function formatGb(x) {
  return Number.isFinite(x) ? x.toPrecision(3) : '–';
}

function formatPercent(x) {
  return Number.isFinite(x) ? `${(100 * x).toPrecision(x < 0.1 ? 2 : 3)}%` : '–';
}

function formatDiff(x) {
  if (x === undefined || !Number.isFinite(x)) return '–';
  return x === 0 ? '0' : x.toExponential(1);
}

/** The measurement of `contender` in a case result, if any. */
function find(caseResult, contender) {
  return caseResult.results.find((m) => m.contender === contender);
}

function median(m) {
  return m?.status === 'ok' ? m.msPerEpoch.median : NaN;
}

/** How many times faster `ours` is than `other` in a case (NaN unless both were timed). */
export function speedup(caseResult, ours, other) {
  return median(find(caseResult, other)) / median(find(caseResult, ours));
}

/** The short name of a case: "n = 2^16, blobs". */
function shortName(c) {
  const n = `n = 2^${Math.log2(c.dataset.n)}`;
  const model = c.dataset.kind === 'blobs' ? 'blobs sigmoid bce' : c.dataset.kind === 'linear' ? 'linear identity mse' : 'celsius identity mse';
  const batch = c.batchSize === c.dataset.n ? '' : `, batch ${c.batchSize}`;
  return c.group === 'tutorial' ? `celsius, ${c.fixedEpochs.toLocaleString('en-US')} steps` : `${model}, ${n}, d = ${c.dataset.features}${batch}`;
}

function adapterName(env) {
  const a = env.adapter;
  if (!a) return 'no WebGPU adapter';
  const name = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ');
  return `${name}${a.isFallbackAdapter ? ' (fallback adapter: WebGPU emulated on the CPU)' : ''}`;
}

/** Adds the target that `ours` is at least `least` times faster than `other` in every one of `cases` (if any). */
function speedupTarget(rows, target, cases, ours, other, least) {
  if (!cases.length) return;
  const parts = cases.map((c) => ({ name: shortName(c.case), x: speedup(c, ours, other) }));
  rows.push({
    target,
    measured: parts.map((p) => `${p.name}: ${formatTimes(p.x)}`).join('; '),
    met: parts.every((p) => p.x >= least),
  });
}

/** The issue's targets, each with what was measured and whether it holds. */
export function targets(results) {
  const cases = results.cases;
  const copy = results.ceiling.copyGbPerSecond;
  const rows = [];
  const big = cases.filter((c) => c.case.group === 'full-batch' && c.case.dataset.features === 8 && c.case.dataset.n >= 2 ** 22);
  if (big.length) {
    const parts = big.map((c) => {
      const gpu = find(c, 'ours-gpu');
      const fraction = gpu?.status === 'ok' ? gpu.gbPerSecond / copy : NaN;
      return { name: shortName(c.case), fraction, gb: gpu?.gbPerSecond };
    });
    rows.push({
      target: 'GPU, full batch, n >= 2^22, d = 8: effective bandwidth >= 60% of the copy ceiling',
      measured: parts.map((p) => `${p.name}: ${formatGb(p.gb)} GB/s = ${formatPercent(p.fraction)} of copy, `
        + `${formatPercent(p.gb / results.ceiling.reduceGbPerSecond)} of the read-only sum`).join('; ')
        + ` (copy ceiling ${formatGb(copy)} GB/s, read-only sum ${formatGb(results.ceiling.reduceGbPerSecond)} GB/s)`,
      met: parts.every((p) => p.fraction >= 0.6),
    });
    gpuCeilingTarget(rows, results, big);
  }
  const fullD8 = (c) => c.case.group === 'full-batch' && c.case.dataset.features === 8;
  speedupTarget(rows, 'GPU >= 50x faster than TF.js webgpu at n = 2^16, d = 8',
    cases.filter((c) => fullD8(c) && c.case.dataset.n === 2 ** 16), 'ours-gpu', 'tfjs-webgpu', 50);
  speedupTarget(rows, 'CPU >= 20x faster than TF.js cpu at n = 2^20, d = 8',
    cases.filter((c) => fullD8(c) && c.case.dataset.n === 2 ** 20), 'ours-cpu', 'tfjs-cpu', 20);
  speedupTarget(rows, 'CPU uses every core: >= 1.6x the speed of one worker at n >= 2^20 (d = 8, full batch)',
    cases.filter((c) => fullD8(c) && c.case.dataset.n >= 2 ** 20 && find(c, 'ours-cpu-1')), 'ours-cpu', 'ours-cpu-1', 1.6);
  cpuTargets(rows, results);
  const picks = autoPicks(results);
  if (picks.length) {
    const wrong = picks.filter((p) => p.lost > 1);
    const costly = picks.filter((p) => p.lost > AUTO_TOLERANCE);
    const worst = wrong.reduce((a, b) => (b.lost > (a?.lost ?? 0) ? b : a), null);
    rows.push({
      target: `auto picks the faster of our GPU and CPU (counted as met where the pick is at most ${Math.round((AUTO_TOLERANCE - 1) * 100)}% slower than the other: the spread of repeated timings here)`,
      measured: `${picks.length - wrong.length} of ${picks.length} cases picked the faster backend`
        + (worst ? `; the worst pick, ${worst.name}, took ${formatTimes(worst.lost)} the time of the other (${worst.detail})` : ''),
      met: costly.length === 0,
    });
  }
  const tutorial = cases.find((c) => c.case.group === 'tutorial' && c.case.fixedEpochs === 10_000);
  if (tutorial) {
    const gpu = find(tutorial, 'ours-gpu');
    const ms = gpu?.status === 'ok' ? gpu.msPerCall.median : NaN;
    rows.push({
      target: 'celsius, 10,000 steps on the GPU in under 1 s',
      measured: gpu?.status === 'ok' ? `${formatMs(ms)} (min ${formatMs(gpu.msPerCall.min)}, max ${formatMs(gpu.msPerCall.max)})` : `${gpu?.status}: ${gpu?.message}`,
      met: ms < 1000,
    });
  }
  return rows;
}

/**
 * The GPU's target against its own adapter: on a software adapter the full-batch epoch at
 * n >= 2^22, d = 8 reads at >= 0.9 of the best read-only sum kernel; on hardware, at
 * n >= 2^24, at >= 0.8 of the buffer-copy bandwidth.
 */
function gpuCeilingTarget(rows, results, big) {
  const software = results.environment.softwareAdapter;
  if (software === undefined) return; // a run from before the field existed
  const ceiling = software ? results.ceiling.reduceGbPerSecond : results.ceiling.copyGbPerSecond;
  const least = software ? 0.9 : 0.8;
  const cases = software ? big : big.filter((c) => c.case.dataset.n >= 2 ** 24);
  if (!cases.length) return;
  const parts = cases.map((c) => {
    const gpu = find(c, 'ours-gpu');
    return { name: shortName(c.case), gb: gpu?.gbPerSecond, fraction: gpu?.status === 'ok' ? gpu.gbPerSecond / ceiling : NaN };
  });
  rows.push({
    target: software
      ? `GPU on a software adapter, full batch, n >= 2^22, d = 8: >= ${least} of the read-only sum kernel`
      : `GPU on hardware, full batch, n >= 2^24, d = 8: >= ${least} of the buffer-copy bandwidth`,
    measured: parts.map((p) => `${p.name}: ${formatGb(p.gb)} GB/s = ${formatPercent(p.fraction)}`).join('; ')
      + ` (${software ? 'read-only sum' : 'copy'} ${formatGb(ceiling)} GB/s)`,
    met: parts.every((p) => p.fraction >= least),
  });
}

/** The CPU read ceiling in words, or why there is none. */
function cpuCeilingText(results) {
  const c = results.cpuCeiling;
  if (!c) return 'not measured (a run before the CPU ceiling existed)';
  if (c.error) return c.error;
  return `${formatGb(c.gbPerSecond)} GB/s (${c.workers} workers reading ${(c.bytes / 2 ** 20).toFixed(0)} MiB of one shared WebAssembly.Memory with f32x4 loads, fastest of the repeats)`;
}

/**
 * The CPU's targets: at n = 2^24, d = 8, full batch, at least 0.7 of the read ceiling for
 * mse and 0.5 for bce; never slower than numpy at n >= 2^16.
 */
function cpuTargets(rows, results) {
  const ceiling = results.cpuCeiling?.gbPerSecond;
  const full = (c) => c.case.group === 'full-batch' && c.case.dataset.features === 8;
  for (const [loss, least] of [['mse', 0.7], ['bce', 0.5]]) {
    const c = results.cases.find((r) => full(r) && r.case.loss === loss && r.case.dataset.n === 2 ** 24);
    if (!c) continue;
    const cpu = find(c, 'ours-cpu');
    const fraction = cpu?.status === 'ok' ? cpu.gbPerSecond / ceiling : NaN;
    const ts = find(c, 'ours-cpu-ts');
    rows.push({
      target: `CPU, full batch, n = 2^24, d = 8, ${loss}: >= ${least} of the CPU read ceiling`,
      measured: `${cell(cpu)} per epoch, ${formatGb(cpu?.gbPerSecond)} GB/s = ${formatPercent(fraction)} of ${formatGb(ceiling)} GB/s`
        + `${ts?.status === 'ok' ? `; the TypeScript kernel ${cell(ts)} (${formatPercent(ts.gbPerSecond / ceiling)})` : ''}`,
      met: fraction >= least,
    });
  }
  const vsNumpy = results.cases.filter((c) => c.case.group !== 'tutorial' && c.case.dataset.n >= 2 ** 16 && find(c, 'numpy')?.status === 'ok');
  speedupTarget(rows, 'CPU never slower than numpy at n >= 2^16', vsNumpy, 'ours-cpu', 'numpy', 1);
}

/** A pick of 'auto' this much slower than the other backend counts as noise, not as a wrong pick. */
const AUTO_TOLERANCE = 1.15;

/**
 * What 'auto' chose in each case where ours ran on both backends: the backend of its timed
 * calls (the majority) and how many times the time of the faster one that choice costs.
 */
export function autoPicks(results) {
  const picks = [];
  for (const c of results.cases) {
    const auto = find(c, 'ours-auto');
    const gpu = median(find(c, 'ours-gpu'));
    const cpu = median(find(c, 'ours-cpu'));
    if (!auto?.chose || !Number.isFinite(gpu) || !Number.isFinite(cpu)) continue;
    const onGpu = auto.chose.backends.filter((b) => b === 'gpu').length;
    const chose = onGpu * 2 >= auto.chose.backends.length ? 'gpu' : 'cpu';
    const lost = (chose === 'gpu' ? gpu : cpu) / Math.min(gpu, cpu);
    picks.push({
      name: shortName(c.case), chose, lost,
      detail: `chose the ${chose.toUpperCase()}; measured GPU ${formatMs(gpu)}, CPU ${formatMs(cpu)} per epoch`,
    });
  }
  return picks;
}

function cell(m, field = 'median') {
  if (!m) return 'not run';
  if (m.status !== 'ok') return m.status;
  return formatMs(m.msPerEpoch[field]);
}

/** Rows of the detailed table of one case. */
function detailRows(results, caseResult, copy) {
  return caseResult.results.map((m) => {
    const ok = m.status === 'ok';
    const tutorial = caseResult.case.group === 'tutorial';
    return [
      labelOf(results, m.contender),
      ok ? formatMs(tutorial ? m.msPerCall.median : m.msPerEpoch.median) : m.status,
      ok ? formatMs(tutorial ? m.msPerCall.min : m.msPerEpoch.min) : '',
      ok ? formatMs(tutorial ? m.msPerCall.max : m.msPerEpoch.max) : '',
      ok ? formatRate(m.samplesPerSecond) : '',
      ok ? formatGb(m.gbPerSecond) : '',
      ok ? formatPercent(m.gbPerSecond / copy) : '',
      m.contender === 'ours-gpu' ? '' : formatTimes(speedup(caseResult, 'ours-gpu', m.contender)),
      m.contender === 'ours-cpu' ? '' : formatTimes(speedup(caseResult, 'ours-cpu', m.contender)),
      formatDiff(m.differenceFromCpu),
      ok ? `${m.repeats} × ${m.epochsPerRepeat.toLocaleString('en-US')}` : '',
    ];
  });
}

const DETAIL_HEADER = ['contender', 'ms / epoch (median)', 'min', 'max', 'samples/s', 'GB/s', '% of copy', 'our GPU is', 'our CPU is', 'Δ vs ours CPU', 'calls × epochs'];
const TUTORIAL_HEADER = ['contender', 'total (median)', 'min', 'max', 'samples/s', 'GB/s', '% of copy', 'our GPU is', 'our CPU is', 'Δ vs ours CPU', 'calls × steps'];

function pad(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ')).join('\n');
}

/** A Markdown table; the first column is left-aligned, the others right-aligned unless `left`. */
function markdownTable(header, rows, left = false) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 || left ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function failures(results) {
  const lines = [];
  for (const c of results.cases) {
    for (const m of c.results) {
      if (m.status !== 'ok') lines.push(`${shortName(c.case)}, ${labelOf(results, m.contender)}: ${m.status}${m.message ? `: ${m.message}` : ''}`);
    }
  }
  return lines;
}

/** One surface timing: "1.23 s", with "(closed form)" where the CPU took it; the status when not timed. */
function surfaceCell(t) {
  if (!t) return 'not run';
  if (t.status !== 'ok') return t.status;
  return `${formatMs(t.ms)}${t.method === 'closed-form' ? ' (closed form)' : ''}`;
}

/** The loss surface's own small table: one row per d = 2 model, our GPU and CPU side by side. */
function surfaceRows(results) {
  const timings = results.surface ?? [];
  const models = [...new Set(timings.map((t) => t.model))];
  return models.map((model) => {
    const of = (backend) => timings.find((t) => t.model === model && t.backend === backend);
    const any = of('gpu') ?? of('cpu');
    return [model, `2^${Math.log2(any.n)}`, `${any.resolution} × ${any.resolution}`, surfaceCell(of('gpu')), surfaceCell(of('cpu'))];
  });
}

const SURFACE_HEADER = ['model (d = 2)', 'n', 'grid (w0, b)', 'ours, GPU', 'ours, CPU'];

function surfaceFailures(results) {
  return (results.surface ?? []).filter((t) => t.status !== 'ok')
    .map((t) => `loss surface, ${t.model}, ${labelOf(results, `ours-${t.backend}`)}: ${t.status}${t.message ? `: ${t.message}` : ''}`);
}

/** What `npm run bench` prints at the end. */
export function textReport(results) {
  const env = results.environment;
  const ceil = results.ceiling;
  const out = [];
  out.push(`Adapter: ${adapterName(env)}; ${env.browserVersion ?? ''}; ${env.cpuModel ?? ''} (${env.cpuCount ?? '?'} logical CPUs, hardwareConcurrency ${env.hardwareConcurrency})`);
  out.push(ceil.error
    ? `Ceiling: ${ceil.error}`
    : `Ceiling: copy ${formatGb(ceil.copyGbPerSecond)} GB/s read (${ceil.copyBytes / 2 ** 20} MiB, ${ceil.timing}); read-only sum ${formatGb(ceil.reduceGbPerSecond)} GB/s (${ceil.reduceShape}); `
      + `empty submission ${ceil.emptySubmitMicros.toFixed(0)} µs, readback ${ceil.readbackMicros.toFixed(0)} µs, dispatch ${ceil.dispatchMicros.toFixed(1)} µs`);
  out.push(`CPU read ceiling: ${cpuCeilingText(results)}.`);
  out.push(`numpy: ${results.numpy ? results.numpy.skipped ? `skipped: ${results.numpy.skipped}` : `${results.numpy.version}, ${results.numpy.threads}` : 'not run'}.`);
  out.push('"our GPU is" / "our CPU is": how many times faster ours is than that row (median ms per epoch over median ms per epoch).');
  for (const c of results.cases) {
    out.push('');
    out.push(c.case.title);
    const header = c.case.group === 'tutorial' ? TUTORIAL_HEADER : DETAIL_HEADER;
    out.push(pad([header, ...detailRows(results, c, ceil.copyGbPerSecond)]).replace(/^/gm, '  '));
  }
  const surface = surfaceRows(results);
  if (surface.length) {
    out.push('', 'Loss surface (lossSurface(), fastest call after a warm-up):');
    out.push(pad([SURFACE_HEADER, ...surface]).replace(/^/gm, '  '));
  }
  const failed = [...failures(results), ...surfaceFailures(results)];
  if (failed.length) out.push('', 'Failed or skipped:', ...failed.map((l) => `  ${l}`));
  const goals = targets(results);
  if (goals.length) {
    out.push('', 'Targets:');
    for (const t of goals) out.push(`  [${t.met ? 'met' : 'NOT met'}] ${t.target}: ${t.measured}`);
  }
  out.push('', `Page time ${results.seconds.toFixed(0)} s${results.totalSeconds ? `, total ${results.totalSeconds.toFixed(0)} s` : ''}.`);
  return out.join('\n');
}

/** BENCHMARKS.md. */
export function markdownReport(results) {
  const env = results.environment;
  const ceil = results.ceiling;
  const copy = ceil.copyGbPerSecond;
  const out = [];
  out.push('# Benchmarks', '');
  out.push(`Written by \`npm run bench\` (scripts/bench.mjs, bench/) on ${env.date?.slice(0, 10) ?? 'an unknown date'} at commit ${env.gitCommit ?? 'unknown'}; `
    + `the raw numbers are in bench/results.json after a run. Run it again to refresh this file; \`npm run bench -- --quick\` is the short check `
    + '(it leaves this file alone). Do not edit by hand.', '');
  out.push('## Machine', '');
  out.push(markdownTable(['', ''], [
    ['WebGPU adapter', adapterName(env)],
    ['adapter.info', env.adapter ? `vendor "${env.adapter.vendor}", architecture "${env.adapter.architecture}", device "${env.adapter.device}", description "${env.adapter.description}"` : '–'],
    ['train() reported', env.engineAdapter ?? '–'],
    ['engine launch shape', env.launchShape ?? '–'],
    ['browser', `${env.browserVersion ?? '?'} (headless, --enable-unsafe-webgpu); ${env.userAgent}`],
    ['CPU', `${env.cpuModel ?? '?'}, ${env.cpuCount ?? '?'} logical CPUs; navigator.hardwareConcurrency = ${env.hardwareConcurrency}`],
    ['page', `${env.crossOriginIsolated ? 'cross-origin isolated (5 µs timer, SharedArrayBuffer)' : 'not cross-origin isolated (100 µs timer)'}`],
    ['TF.js', `${env.tfjsVersion ?? '–'}${env.tfjsWasmThreads ? `; wasm backend with ${env.tfjsWasmThreads} thread(s)` : ''}`],
    ['Node', env.nodeVersion ?? '?'],
    ['load average', env.loadAverage ? `${env.loadAverage.start.map((l) => l.toFixed(2)).join(', ')} at the start, ${env.loadAverage.end.map((l) => l.toFixed(2)).join(', ')} at the end (1, 5, 15 min): other work on the machine shows as noise` : '–'],
    ['run', `${results.seconds.toFixed(0)} s in the page${results.totalSeconds ? `, ${results.totalSeconds.toFixed(0)} s in all` : ''}`],
  ], true), '');
  out.push('## Ceilings of this adapter, measured in the same run', '');
  if (ceil.error) out.push(`Not measured: ${ceil.error}`, '');
  else {
    out.push('Launch shapes are workgroups × threads per workgroup; "strided": thread t of T reads vec4s t, t + T, ...; "4 loads in '
      + 'flight": the same with four independent sums; "block per workgroup": each workgroup sums one contiguous block; '
      + '"strided runs of 8 vec4s": thread t reads vec4s 8t to 8t + 7, then 8 (t + T) on, into eight sums, as the training '
      + 'kernel reads four rows at a time (src/gpu/ceiling/sum.wgsl). The best of them is the read ceiling a training epoch '
      + 'is compared with.', '');
    out.push(`Timed by ${ceil.timing === 'timestamp-query' ? 'timestamp queries (empty compute passes right before and after the work)' : 'the wall clock from submit to onSubmittedWorkDone'}; the fastest of the repeats counts.`, '');
    out.push(markdownTable(['measurement', 'result'], [
      [`copyBufferToBuffer, ${ceil.copyBytes / 2 ** 20} MiB`, `**${formatGb(copy)} GB/s** counting bytes read (as many are written)`],
      [`read-only sum kernel, ${ceil.reduceBytes / 2 ** 20} MiB, best launch shape`, `**${formatGb(ceil.reduceGbPerSecond)} GB/s** (${ceil.reduceShape})`],
      ...ceil.reduceShapes.map((s) => [`sum, ${s.shape}`, `${formatGb(s.gbPerSecond)} GB/s`]),
      ['empty submission, submit to onSubmittedWorkDone (median)', `${ceil.emptySubmitMicros.toFixed(0)} µs`],
      ['16-byte readback, submit to mapped (median)', `${ceil.readbackMicros.toFixed(0)} µs`],
      ['one dispatch of a one-thread kernel, 2,000 in a pass', `${ceil.dispatchMicros.toFixed(1)} µs`],
    ]), '');
  }
  out.push('## The CPU\'s read ceiling, measured in the same run', '');
  out.push(`Every core reading one dataset-sized shared memory with WebAssembly SIMD (src/cpu/ceiling/read-ceiling.ts): ${cpuCeilingText(results)}. `
    + 'An epoch of the CPU path reads the dataset once; its GB/s is held against this.', '');
  out.push(`numpy (scripts/bench-numpy.py, run after the page on the same data): ${results.numpy ? results.numpy.skipped ? `skipped: ${results.numpy.skipped}` : `numpy ${results.numpy.version}, ${results.numpy.threads}` : 'not run'}.`, '');
  const goals = targets(results);
  if (goals.length) {
    out.push('## Targets from the issue', '');
    out.push(markdownTable(['target', 'measured', 'met'], goals.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**']), true), '');
  }
  out.push('## Results', '');
  out.push('Milliseconds per epoch: the median of the timed calls, with the fastest and slowest. GB/s: bytes of X and y one epoch reads, '
    + 'n (d + 1) 4, over the median time; "% of copy": that over the copy ceiling. "our GPU is" and "our CPU is": how many times '
    + 'faster ours is than that row. "Δ vs ours CPU": the largest difference of the parameters after the first call (the same epochs '
    + 'for everyone) from ours on the CPU, relative to max(1, |value|).', '');
  for (const [group, title] of GROUPS) {
    const cases = results.cases.filter((c) => c.case.group === group);
    if (!cases.length) continue;
    out.push(`### ${title}`, '');
    if (cases.length > 1) {
      const contenders = [...new Set(cases.flatMap((c) => c.results.map((m) => m.contender)))];
      out.push(markdownTable(['case', ...contenders.map((id) => `${labelOf(results, id)} ms/epoch`), 'GPU GB/s', 'GPU % of copy', 'GPU % of sum'], cases.map((c) => {
        const gpu = find(c, 'ours-gpu');
        return [
          shortName(c.case), ...contenders.map((id) => cell(find(c, id))), formatGb(gpu?.gbPerSecond),
          formatPercent(gpu?.gbPerSecond / copy), formatPercent(gpu?.gbPerSecond / ceil.reduceGbPerSecond),
        ];
      })), '');
    }
    for (const c of cases) {
      out.push(`**${c.case.title}** (learning rate ${c.case.learningRate})`, '');
      out.push(markdownTable(group === 'tutorial' ? TUTORIAL_HEADER : DETAIL_HEADER, detailRows(results, c, copy)), '');
    }
  }
  const surface = surfaceRows(results);
  if (surface.length) {
    out.push('## The loss surface', '');
    out.push('`lossSurface()` over a grid of w0 and b (w1 held at its initial value), d = 2: every grid point summed over every row '
      + '(the GPU kernel four points per row read, the CPU in float64 on the main thread), or, for identity + mse on the CPU, the '
      + 'closed form from six sums over the data (one pass, marked). One warm-up call (pipelines built, the dataset cached), then '
      + `${results.options.quick ? 'one timed call' : 'the fastest of 3 timed calls'}, wall clock around the whole call. The sizes are options `
      + '(`--surface-grid`, `--surface-log2`); the default is kept small for software GPUs.', '');
    out.push(markdownTable(SURFACE_HEADER, surface), '');
  }
  const picks = autoPicks(results);
  if (picks.length) {
    out.push('## What auto chose', '');
    out.push('`backend: \'auto\'` times both backends once per session on a sample of up to 65,536 rows of the case, in a call of '
      + 'one epoch and a longer one (src/orchestration/choose-backend.ts): their difference gives the time per epoch apart from the fixed cost '
      + 'of a call, scaled to n, and the run is predicted from both. "cost": the time of its pick over the time of the faster of our '
      + 'GPU and CPU rows above (each measured in its own calls, so near the crossover the two differ by less than their spread).', '');
    out.push(markdownTable(['case', 'chose', 'GPU ms/epoch', 'CPU ms/epoch', 'cost'], picks.map((p) => {
      const c = results.cases.find((r) => shortName(r.case) === p.name);
      return [p.name, p.chose.toUpperCase(), cell(find(c, 'ours-gpu')), cell(find(c, 'ours-cpu')), p.lost > 1 ? formatTimes(p.lost) : 'faster'];
    })), '');
  }
  const failed = [...failures(results), ...surfaceFailures(results)];
  if (failed.length) {
    out.push('## Failures and skips', '');
    out.push(...failed.map((l) => `- ${l}`), '');
  }
  out.push('## Method', '');
  out.push(
    '- Every contender gets the same data (makeDataset with the same spec; ours generates the same numbers itself), the same initial '
      + 'weights (`init: { weights, bias }`), the same learning rate and the same batch order: full batches in row order, mini-batches '
      + 'in the engine\'s keyed shuffle (TF.js gathers the same rows per batch with tf.gather). Every call starts from the initial '
      + 'parameters and reads them back once, at its end.',
    '- Ours: `train({ backend: \'gpu\' | \'cpu\', ... })`, time = `result.ms` (training only: dataset generation and upload are '
      + 'excluded, and the engine\'s dataset cache keeps the data between calls), divided by the epochs of the call.',
    '- "ours, CPU, TS kernel" is the CPU backend with its workers on the float64 TypeScript kernel (`setCpuSimd(false)`), as before '
      + 'the WebAssembly SIMD kernel: what SIMD gains. numpy: float32 X and w, z = X @ w + b and X.T @ g through BLAS, a fresh '
      + 'permutation and X[idx] per mini-batch epoch, timed with perf_counter in the same way (scripts/bench-numpy.py).',
    '- "ours, GPU, tree sums" is the GPU backend with subgroups off (`setGpuSubgroups(false)`): hardware adapters sum each '
      + 'workgroup with a tree in workgroup memory, a barrier per level, instead of subgroupAdd and one barrier: what subgroup '
      + 'sums gain. Skipped where it is the same run as "ours, GPU" (an adapter without subgroups, or a software adapter, whose '
      + 'threads write per-thread partials and never sum a workgroup).',
    '- "ours, CPU, 1 worker" is the CPU backend with its worker pool pinned to one worker (`setCpuWorkers(1)`): what the '
      + 'data-parallel workers gain over one. "ours, auto" is `backend: \'auto\'`; its time is that of the backend it chose.',
    '- TF.js: w and b are `tf.variable`, `tf.train.sgd(lr)`, the loss `tf.losses.sigmoidCrossEntropy` on the logits (bce) or '
      + '`tf.losses.meanSquaredError` (mse), mean reduction, one `optimizer.minimize` per batch, one `data()` at the end. X and y are '
      + 'tensors made before the clock starts. The backends run with their default flags.',
    '- Warm-up calls are not timed: the first call trains one epoch (100 steps for the tutorial) and gives the parameters compared '
      + 'across contenders; more calls follow with growing epoch counts until one lasts a quarter of the target. Then each timed call '
      + `trains k epochs, k chosen so a call takes about ${results.options.targetCallMs} ms, and as many calls run as fit `
      + `${results.options.budgetMs / 1000} s (at least 3 while a call takes under 5 s, else at least 1; at most ${results.options.maxRepeats}).`,
    `- A sweep (the sizes of one model) stops for a contender once one of its epochs took more than ${results.options.slowEpochMs / 1000} s, `
      + `or when the next size is expected to take more than ${(3 * results.options.slowEpochMs) / 1000} s per epoch (scaled from its last size); `
      + 'the tutorial\'s run is skipped when its steps are expected to take longer than that. A failure (an exception, a WebGPU '
      + 'validation error, non-finite parameters) is recorded with its message, and the larger sizes of that sweep are skipped.',
    '- The machine is shared and noisy: compare medians, and read min and max as the spread.',
    '',
  );
  return out.join('\n');
}
