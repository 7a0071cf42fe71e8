// Fused forward + backward over one batch, for the rows of one data chunk: every sample is
// read once to compute z, its loss and dJ/dz, and dJ/dw, dJ/db and the loss are summed per
// workgroup into `partials` (D + 2 values per workgroup). apply-update.wgsl adds them up.
// Constants D, WG, PER_THREAD_PARTIALS, QUAD_ROWS and the {{...}} blocks (per-feature code,
// unrolled for small D) are filled in by src/gpu/shader-source.ts.

struct Chunk { firstRow: u32, rowCount: u32, partialBase: u32, _pad: u32 }

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

// Four sums per thread at a time for the workgroup's tree sum. Kept small on purpose:
// SwiftShader took seconds to compile a kernel with a workgroup array of a few thousand floats.
var<workgroup> sumsScratch: array<vec4f, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lid: u32,
        @builtin(workgroup_id) wid: vec3u,
        @builtin(num_workgroups) groups: vec3u) {
  let bias = params[D];
  {{WEIGHTS params[j]}}
  {{ACCUMULATORS}}
  var accBias = 0.0;
  var accLoss = 0.0;
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
        let o = (row - chunk.firstRow) * STRIDE;
        {{ADD_ROW rows[o + j]}}
      }
    }
  } else {
    // Unshuffled means a full batch (batchSize >= n): every row of the chunk, in order.
    var r = first;
    if (QUAD_ROWS) {
      // Four consecutive rows per thread and iteration, read as D + 1 vec4 loads.
      let quads = chunk.rowCount / 4u;
      for (var q = first; q < quads; q += threads) {
        let b = q * STRIDE;
        {{ADD_QUAD rowQuads[b + i]}}
      }
      r += 4u * quads;
    }
    for (; r < chunk.rowCount; r += threads) {
      let o = r * STRIDE;
      {{ADD_ROW rows[o + j]}}
    }
  }
  if (PER_THREAD_PARTIALS) {
    // Software adapters: every thread writes its own sums; apply-update.wgsl adds them.
    // There are few threads (a few per core), and a workgroup barrier costs ~50 us there.
    let base = ((chunk.partialBase + wid.x) * WG + lid) * SUMS;
    {{STORE_SUMS partials[base + k]}}
  } else {
    // Workgroup sum of every thread's sums; thread 0 writes this workgroup's partials.
    let base = (chunk.partialBase + wid.x) * SUMS;
    {{REDUCE_SUMS partials[base + k]}}
  }
}
