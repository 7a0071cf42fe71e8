/**
 * Emits the per-feature WGSL the kernels call: the types Weights and Sums and the
 * functions that load the weights, add one row (or four) to a thread's sums, and store or
 * sum those sums across the workgroup. The kernels are the same for every feature count; only this
 * library changes with d (see the mechanism described in shader-source.ts).
 *
 * For up to UNROLL_LIMIT features the code is unrolled into one named field per feature:
 * SwiftShader keeps those in registers, while a loop over a private array makes every
 * access a per-lane memory operation. On SwiftShader the unrolled fused kernel read a
 * 151 MB dataset at 3.45 GB/s against 0.84 GB/s for the loop (d = 8).
 *
 * The workgroup sum has two forms (the launch shape picks one): a tree in workgroup memory,
 * a barrier per level for every four sums; or, where the device has the 'subgroups'
 * feature, subgroupAdd within each subgroup and two barriers per round of up to
 * WG / ceil(WG / smallest subgroup) blocks of four sums (see subgroupSumLibrary).
 * Either way the kernel's entry point takes `at: Invocation`, a struct of builtins this
 * library declares (with the subgroup builtins only in the subgroup form, which alone makes
 * shader-source.ts put `enable subgroups;` first), so the kernel files are the same for both.
 *
 * What the kernel provides, and this code calls:
 *   fn weight(j: u32) -> f32                    parameter j (j = D: the bias)
 *   struct RowAt; fn rowValue(row: RowAt, j: u32) -> f32   value j of a row (j = D: its label;
 *                                               the small-batch kernel's come from shader-source.ts)
 *   fn quadValue(b: u32, i: u32) -> vec4f       vec4 i of four consecutive rows (only where asked for addQuad)
 *   fn storeThreadSum(base: u32, k: u32, value: f32), fn storeWorkgroupSum(...)   sum k's sink
 *   var<workgroup> sumsScratch: array<vec4f, WG>   (reduceWorkgroupSums only)
 */

export const UNROLL_LIMIT = 64;

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** How a workgroup adds up its threads' sums: a tree, or subgroups of at least `subgroupMinSize` invocations. */
export type WorkgroupSum = 'tree' | { subgroupMinSize: number };

/**
 * The entry point's builtins the workgroup sum reads, as one struct parameter `at`. The
 * subgroup builtins are valid only under `enable subgroups;`, so they appear only in that form.
 */
function invocationStruct(sum: WorkgroupSum): string {
  const members = ['@builtin(local_invocation_index) index: u32'];
  if (sum !== 'tree') members.push('@builtin(subgroup_invocation_id) subgroupIndex: u32', '@builtin(subgroup_size) subgroupSize: u32');
  return `struct Invocation {\n${members.map((m) => `  ${m},`).join('\n')}\n}`;
}

/**
 * Tree sum across the workgroup of one vec4 of sums per thread (in `sumsScratch`), after
 * which thread 0 stores the four totals with `store(i, value)`: log2(WG) + 2 barriers (WG
 * is a power of two).
 */
function treeSum(load: string, store: (lane: number, value: string) => string): string {
  return [
    `sumsScratch[at.index] = ${load};`,
    'workgroupBarrier();',
    'for (var s = WG / 2u; s > 0u; s >>= 1u) {',
    '  if (at.index < s) { sumsScratch[at.index] += sumsScratch[at.index + s]; }',
    '  workgroupBarrier();',
    '}',
    `if (at.index == 0u) { let total = sumsScratch[0]; ${[0, 1, 2, 3].map((i) => store(i, `total[${i}]`)).join(' ')} }`,
    'workgroupBarrier();',
  ].join('\n');
}

/**
 * The subgroup sum's constants and addSubgroupTotals. Each block of four sums is added
 * within each subgroup (subgroupAdd), and the subgroup's first invocation writes the total
 * to its slot: index / subgroup_size, in the block's row of SUBGROUP_SLOTS slots of
 * `sumsScratch` (enough for the device's smallest subgroup). SUBGROUP_ROUND blocks fill
 * sumsScratch; after each round one barrier, thread r adds up block r's slots and stores
 * its four totals, and a barrier frees sumsScratch: two barriers per round, against
 * log2(WG) + 2 per block for the tree. The slots assume subgroups filled in order of
 * local_invocation_index, which WGSL does not promise: subgroup-layout.ts probes it, and
 * the strategies keep the tree where it fails.
 */
function subgroupSumLibrary(minSize: number): string {
  return [
    `const SUBGROUP_SLOTS: u32 = (WG + ${minSize}u - 1u) / ${minSize}u;`,
    'const SUBGROUP_ROUND: u32 = WG / SUBGROUP_SLOTS;',
    wgslFunction('addSubgroupTotals(at: Invocation, first: u32, blocks: u32, base: u32)', [
      'if (at.index < blocks) {',
      '  let slots = (WG + at.subgroupSize - 1u) / at.subgroupSize;',
      '  let row = at.index * SUBGROUP_SLOTS;',
      '  var total = sumsScratch[row];',
      '  for (var s = 1u; s < slots; s++) { total += sumsScratch[row + s]; }',
      '  for (var i = 0u; i < 4u; i++) {',
      '    let k = 4u * (first + at.index) + i;',
      '    if (k < D + 2u) { storeWorkgroupSum(base, k, total[i]); }',
      '  }',
      '}',
    ]),
  ].join('\n');
}

/** Block `block` (a uniform WGSL u32 expression; `last` the last block's) of the subgroup sum, with `load` its vec4 of sums. */
function subgroupBlock(load: string, block: string, last: string): string {
  return [
    '{',
    `  let inRound = ${block} % SUBGROUP_ROUND;`,
    `  let subgroupTotal = subgroupAdd(${load});`,
    '  if (at.subgroupIndex == 0u) { sumsScratch[inRound * SUBGROUP_SLOTS + at.index / at.subgroupSize] = subgroupTotal; }',
    `  if (inRound == SUBGROUP_ROUND - 1u || ${block} == ${last}) {`,
    '    workgroupBarrier();',
    `    addSubgroupTotals(at, ${block} - inRound, inRound + 1u, base);`,
    '    workgroupBarrier();',
    '  }',
    '}',
  ].join('\n');
}

function wgslFunction(signature: string, body: string[]): string {
  return `fn ${signature} {\n${body.map((line) => `  ${line}`).join('\n')}\n}`;
}

const SUMS_PARAM = 'sums: ptr<function, Sums>';
const WEIGHTS_PARAM = 'weights: ptr<function, Weights>';

/** Terms added as a balanced tree: a chain of d additions becomes log2(d) deep. */
function balancedSum(terms: string[]): string {
  if (terms.length === 0) return '0.0';
  if (terms.length === 1) return terms[0];
  const half = Math.ceil(terms.length / 2);
  return `(${balancedSum(terms.slice(0, half))} + ${balancedSum(terms.slice(half))})`;
}

/** One row's forward and backward pass, unrolled; `value(j)` is the row's value j (j = d: the label). */
function unrolledRow(d: number, value: (j: number) => string): string[] {
  return [
    range(d + 1).map((j) => `let x${j} = ${value(j)};`).join(' '),
    `let z = (*weights).bias + ${balancedSum(range(d).map((j) => `(*weights).w${j} * x${j}`))};`,
    `let g = gradientAndLoss(z, x${d});`,
    range(d).map((j) => `(*sums).dw${j} += g.x * x${j};`).join(' '),
    '(*sums).db += g.x; (*sums).loss += g.y;',
  ];
}

/**
 * Four rows' forward and backward passes, unrolled; `value(r, j)` is row r's value j. The
 * four rows' terms are added to each sum as one balanced tree, so the sums wait on one
 * addition per quad instead of a chain of four.
 */
function unrolledQuad(d: number, value: (r: number, j: number) => string): string[] {
  const rows = range(4);
  return [
    ...rows.map((r) => `let z${r} = (*weights).bias + ${balancedSum(range(d).map((j) => `(*weights).w${j} * ${value(r, j)}`))};`),
    ...rows.map((r) => `let g${r} = gradientAndLoss(z${r}, ${value(r, d)});`),
    ...range(d).map((j) => `(*sums).dw${j} += ${balancedSum(rows.map((r) => `g${r}.x * ${value(r, j)}`))};`),
    `(*sums).db += ${balancedSum(rows.map((r) => `g${r}.x`))};`,
    `(*sums).loss += ${balancedSum(rows.map((r) => `g${r}.y`))};`,
  ];
}

function unrolledLibrary(d: number, quads: boolean, sum: WorkgroupSum): string {
  const sumNames = [...range(d).map((j) => `dw${j}`), 'db', 'loss'];
  const blocks = Math.ceil((d + 2) / 4);
  return [
    invocationStruct(sum),
    `struct Weights { ${range(d).map((j) => `w${j}: f32, `).join('')}bias: f32 }`,
    `struct Sums { ${sumNames.map((name) => `${name}: f32`).join(', ')} }`,
    wgslFunction(`loadWeights(${WEIGHTS_PARAM})`, [range(d).map((j) => `(*weights).w${j} = weight(${j}u);`).join(' '), `(*weights).bias = weight(${d}u);`]),
    wgslFunction(`zeroSums(${SUMS_PARAM})`, ['*sums = Sums();']),
    wgslFunction(`addRow(${SUMS_PARAM}, ${WEIGHTS_PARAM}, row: RowAt)`, unrolledRow(d, (j) => `rowValue(row, ${j}u)`)),
    // Four consecutive rows, 4 (d + 1) values, as d + 1 vec4 loads.
    !quads ? '' : wgslFunction(`addQuad(${SUMS_PARAM}, ${WEIGHTS_PARAM}, b: u32)`, [
      range(d + 1).map((i) => `let v${i} = quadValue(b, ${i}u);`).join(' '),
      ...unrolledQuad(d, (r, j) => {
        const f = r * (d + 1) + j;
        return `v${f >> 2}.${'xyzw'[f & 3]}`;
      }),
    ]),
    wgslFunction(`storeThreadSums(${SUMS_PARAM}, base: u32)`,
      sumNames.map((name, k) => `storeThreadSum(base, ${k}u, (*sums).${name});`)),
    sum === 'tree' ? '' : subgroupSumLibrary(sum.subgroupMinSize),
    wgslFunction(`reduceWorkgroupSums(${SUMS_PARAM}, at: Invocation, base: u32)`,
      range(blocks).map((b) => {
        const lanes = `vec4f(${[0, 1, 2, 3].map((i) => (4 * b + i < d + 2 ? `(*sums).${sumNames[4 * b + i]}` : '0.0')).join(', ')})`;
        return sum === 'tree'
          ? treeSum(lanes, (i, value) => (4 * b + i < d + 2 ? `storeWorkgroupSum(base, ${4 * b + i}u, ${value});` : ''))
          : subgroupBlock(lanes, `${b}u`, `${blocks - 1}u`);
      })),
  ].filter((part) => part !== '').join('\n\n');
}

function loopedLibrary(quads: boolean, sum: WorkgroupSum): string {
  // One row's forward and backward pass; `value` reads value j of the row.
  const row = (value: (j: string) => string) => [
    'var z = (*weights).bias;',
    `for (var j = 0u; j < D; j++) { z += (*weights).w[j] * ${value('j')}; }`,
    `let g = gradientAndLoss(z, ${value('D')});`,
    `for (var j = 0u; j < D; j++) { (*sums).dw[j] += g.x * ${value('j')}; }`,
    '(*sums).db += g.x; (*sums).loss += g.y;',
  ];
  return [
    invocationStruct(sum),
    'struct Weights { w: array<f32, D>, bias: f32 }',
    'struct Sums { dw: array<f32, D>, db: f32, loss: f32 }',
    wgslFunction(`loadWeights(${WEIGHTS_PARAM})`, [
      'for (var j = 0u; j < D; j++) { (*weights).w[j] = weight(j); }', '(*weights).bias = weight(D);',
    ]),
    // Zeroed element by element: inside a loop, a declaration alone measured as carrying
    // the previous iteration's values on SwiftShader.
    wgslFunction(`zeroSums(${SUMS_PARAM})`, [
      'for (var j = 0u; j < D; j++) { (*sums).dw[j] = 0.0; }', '(*sums).db = 0.0;', '(*sums).loss = 0.0;',
    ]),
    wgslFunction(`addRow(${SUMS_PARAM}, ${WEIGHTS_PARAM}, row: RowAt)`, row((j) => `rowValue(row, ${j})`)),
    // Value f of four consecutive rows read as vec4s.
    !quads ? '' : wgslFunction('quadLane(b: u32, f: u32) -> f32', ['return quadValue(b, f / 4u)[f % 4u];']),
    !quads ? '' : wgslFunction(`addQuad(${SUMS_PARAM}, ${WEIGHTS_PARAM}, b: u32)`, [
      'for (var r = 0u; r < 4u; r++) {',
      '  let first = r * (D + 1u);',
      ...row((j) => `quadLane(b, first + ${j})`).map((line) => `  ${line}`),
      '}',
    ]),
    wgslFunction('sumAt(sums: ptr<function, Sums>, k: u32) -> f32', [
      'if (k < D) { return (*sums).dw[k]; }', 'if (k == D) { return (*sums).db; }', 'return (*sums).loss;',
    ]),
    wgslFunction(`storeThreadSums(${SUMS_PARAM}, base: u32)`, [
      'for (var k = 0u; k < D; k++) { storeThreadSum(base, k, (*sums).dw[k]); }',
      'storeThreadSum(base, D, (*sums).db);',
      'storeThreadSum(base, D + 1u, (*sums).loss);',
    ]),
    sum === 'tree' ? '' : subgroupSumLibrary(sum.subgroupMinSize),
    wgslFunction(`reduceWorkgroupSums(${SUMS_PARAM}, at: Invocation, base: u32)`, [
      'for (var block = 0u; block < (D + 5u) / 4u; block++) {',
      '  var lanes = vec4f(0.0);',
      '  for (var i = 0u; i < 4u; i++) { if (4u * block + i < D + 2u) { lanes[i] = sumAt(sums, 4u * block + i); } }',
      sum === 'tree'
        ? treeSum('lanes', (i, value) => `if (4u * block + ${i}u < D + 2u) { storeWorkgroupSum(base, 4u * block + ${i}u, ${value}); }`)
        : subgroupBlock('lanes', 'block', '(D + 5u) / 4u - 1u'),
      '}',
    ]),
  ].filter((part) => part !== '').join('\n\n');
}

/** Whether `features` are unrolled into named fields (else looped over arrays). */
export function unrolls(features: number): boolean {
  return features <= UNROLL_LIMIT;
}

/**
 * The per-feature library for `features` features (D in the kernels); `quads`: with addQuad,
 * for kernels that provide quadValue; `sum`: the form of reduceWorkgroupSums.
 */
export function featureLibrary(features: number, quads: boolean, sum: WorkgroupSum): string {
  return unrolls(features) ? unrolledLibrary(features, quads, sum) : loopedLibrary(quads, sum);
}
