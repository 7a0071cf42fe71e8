// Fused forward + backward over one batch, for the rows of one data chunk: every sample is
// read once to compute z, its loss and dJ/dz, and dJ/dw, dJ/db and the loss are summed per
// workgroup into `partials` (D + 2 values per workgroup). apply-update.wgsl adds them up.
// Consts D and WG, the structs Settings, State and Chunk, and the per-feature library
// (Weights, Sums, addRow, addQuad, ..., and Invocation, the entry point's builtins, with the
// subgroup ones where the workgroup sum uses subgroups) come from src/gpu/shader-source.ts.

// Software adapters: each thread writes its own sums instead of a workgroup tree sum.
override PER_THREAD_PARTIALS: bool;
// Full batches read four consecutive rows per thread as vec4s (set where unrolled).
override QUAD_ROWS: bool;

const STRIDE: u32 = D + 1u;
const SUMS: u32 = D + 2u;

@group(0) @binding(0) var<uniform> settings: Settings;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read> state: State;
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;
@group(1) @binding(0) var<uniform> chunk: Chunk;
@group(1) @binding(1) var<storage, read> rows: array<f32>;
// The same buffer seen as vec4s, for QUAD_ROWS.
@group(1) @binding(2) var<storage, read> rowQuads: array<vec4f>;

// Four sums per thread (tree sum) or per subgroup (subgroup sums) at a time for the
// workgroup sum. Kept small on purpose:
// SwiftShader took seconds to compile a kernel with a workgroup array of a few thousand floats.
var<workgroup> sumsScratch: array<vec4f, WG>;

// A row: the offset of its first value in this chunk.
struct RowAt { offset: u32 }

fn weight(j: u32) -> f32 { return params[j]; }
fn rowValue(row: RowAt, j: u32) -> f32 { return rows[row.offset + j]; }
fn quadValue(b: u32, i: u32) -> vec4f { return rowQuads[b + i]; }
fn storeThreadSum(base: u32, k: u32, value: f32) { partials[base + k] = value; }
fn storeWorkgroupSum(base: u32, k: u32, value: f32) { partials[base + k] = value; }

@compute @workgroup_size(WG)
fn main(at: Invocation,
        @builtin(workgroup_id) wid: vec3u,
        @builtin(num_workgroups) groups: vec3u) {
  let lid = at.index;
  var weights: Weights;
  loadWeights(&weights);
  var sums: Sums;
  zeroSums(&sums);
  let start = state.batch * settings.batchSize;
  let count = min(settings.batchSize, settings.n - start);
  let threads = WG * groups.x;
  let first = wid.x * WG + lid;
  let chunkEnd = chunk.firstRow + chunk.rowCount;
  if (settings.shuffled != 0u) {
    let keys = epochKey(settings.shuffleBase, state.epoch);
    for (var p = first; p < count; p += threads) {
      let row = permuteIndex(start + p, settings.n, keys, settings.permutationBits);
      if (row >= chunk.firstRow && row < chunkEnd) {
        addRow(&sums, &weights, RowAt((row - chunk.firstRow) * STRIDE));
      }
    }
  } else {
    // Unshuffled means a full batch (batchSize >= n): every row of the chunk, in order.
    var r = first;
    if (QUAD_ROWS) {
      // Four consecutive rows per thread and iteration, read as D + 1 vec4 loads.
      let quads = chunk.rowCount / 4u;
      for (var q = first; q < quads; q += threads) {
        addQuad(&sums, &weights, q * STRIDE);
      }
      r += 4u * quads;
    }
    for (; r < chunk.rowCount; r += threads) {
      addRow(&sums, &weights, RowAt(r * STRIDE));
    }
  }
  if (PER_THREAD_PARTIALS) {
    // Software adapters: every thread writes its own sums; apply-update.wgsl adds them.
    // There are few threads (a few per core), and a workgroup barrier costs ~50 us there.
    storeThreadSums(&sums, ((chunk.partialBase + wid.x) * WG + lid) * SUMS);
  } else {
    // Workgroup sum of every thread's sums; thread 0 writes this workgroup's partials.
    reduceWorkgroupSums(&sums, at, (chunk.partialBase + wid.x) * SUMS);
  }
}
