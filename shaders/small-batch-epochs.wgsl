// Many small batches in one dispatch: a single workgroup keeps the parameters in
// workgroup memory and walks through batches in order, summing each batch across its
// threads and updating before the next. Used when batches are too small to fill the GPU
// (stochastic and small mini-batch descent, small datasets), where a dispatch per step
// would cost far more than the step itself.
// Consts D and WG, the structs Settings and State, the per-feature library (Weights,
// Sums, addRow, ..., Invocation: the entry point's builtins) and the dataset's chunk
// bindings (RowAt, rowAt, rowValue) come from src/gpu/shader-source.ts.

// Software adapters: each thread writes its own sums, then one barrier (see threadSums).
override PER_THREAD_PARTIALS: bool;
// Rows per chunk binding of the dataset.
override CHUNK_ROWS: u32;

const STRIDE: u32 = D + 1u;
const SUMS: u32 = D + 2u;
// params holds the D + 1 parameters, their Kahan compensations, then the parameters as
// they were after the last whole epoch.
const EPOCH_PARAMS: u32 = 2u * STRIDE;

@group(0) @binding(0) var<uniform> settings: Settings;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> state: State;
@group(0) @binding(3) var<storage, read_write> losses: array<f32>;
// With PER_THREAD_PARTIALS, each thread's sums for the batch, WG rows of SUMS: in storage,
// not workgroup memory, because a large workgroup array took seconds to compile on
// SwiftShader, and a tree sum would cost log2(WG) barriers per batch where this costs one.
@group(0) @binding(4) var<storage, read_write> threadSums: array<f32>;

var<workgroup> current: array<f32, STRIDE>;
var<workgroup> compensation: array<f32, STRIDE>;
var<workgroup> totals: array<f32, SUMS>;
// Four sums per thread or per subgroup at a time for the workgroup sum (see batch-partials.wgsl).
var<workgroup> sumsScratch: array<vec4f, WG>;
var<workgroup> cursor: vec4u;
var<workgroup> lossCompensation: f32;

// Steps parameter k (k <= D) by the batch's summed gradient, Kahan-compensated.
fn stepParameter(k: u32, total: f32, scale: f32) {
  var c = compensation[k];
  current[k] = compensatedStep(current[k], -settings.learningRate * scale * total, &c);
  compensation[k] = c;
}

fn weight(j: u32) -> f32 { return current[j]; }
fn storeThreadSum(base: u32, k: u32, value: f32) { threadSums[base + k] = value; }
fn storeWorkgroupSum(base: u32, k: u32, value: f32) { totals[base + k] = value; }

@compute @workgroup_size(WG)
fn main(at: Invocation) {
  let lid = at.index;
  opaqueZero = settings.zero;
  for (var k = lid; k < STRIDE; k += WG) {
    current[k] = params[k];
    compensation[k] = params[STRIDE + k];
  }
  if (lid == 0u) {
    let steps = min(settings.batchesPerDispatch, state.remaining);
    cursor = vec4u(state.epoch, state.batch, steps, bitcast<u32>(state.epochLoss));
    lossCompensation = state.epochLossCompensation;
  }
  // Loaded through workgroupUniformLoad so that the loop below, which has barriers, is
  // provably uniform.
  let start = workgroupUniformLoad(&cursor);
  var epoch = start.x;
  var batch = start.y;
  var epochLoss = bitcast<f32>(start.w);
  var epochLossCompensation = lossCompensation;
  var keys = epochKey(settings.shuffleBase, epoch);
  for (var step = 0u; step < start.z; step++) {
    let first = batch * settings.batchSize;
    let count = min(settings.batchSize, settings.n - first);
    var weights: Weights;
    loadWeights(&weights);
    var sums: Sums;
    zeroSums(&sums);
    for (var p = lid; p < count; p += WG) {
      var row = first + p;
      if (settings.shuffled != 0u) { row = permuteIndex(row, settings.n, keys, settings.permutationBits); }
      let c = row / CHUNK_ROWS;
      addRow(&sums, &weights, rowAt(c, (row - c * CHUNK_ROWS) * STRIDE));
    }
    let scale = select(1.0, 1.0 / f32(count), settings.meanReduction != 0u);
    if (PER_THREAD_PARTIALS) {
      // Software adapters: one barrier, then thread k adds up sum k of every thread.
      storeThreadSums(&sums, lid * SUMS);
      storageBarrier();
      for (var k = lid; k < SUMS; k += WG) {
        var total = 0.0;
        for (var t = 0u; t < WG; t++) { total += threadSums[t * SUMS + k]; }
        totals[k] = total;
        if (k <= D) { stepParameter(k, total, scale); }
      }
    } else {
      // Hardware adapters: a tree sum in workgroup memory, log2(WG) cheap barriers per four
      // sums, or subgroup sums and two barriers per round where the device has subgroups.
      reduceWorkgroupSums(&sums, at, 0u);
      for (var k = lid; k <= D; k += WG) { stepParameter(k, totals[k], scale); }
    }
    workgroupBarrier();
    epochLoss = compensatedStep(epochLoss, totals[D + 1u] / f32(count), &epochLossCompensation);
    batch += 1u;
    if (batch == settings.batchesPerEpoch) {
      if (lid == 0u) { losses[epoch % settings.ringSize] = epochLoss / f32(settings.batchesPerEpoch); }
      // The parameters after this epoch, for readbacks: a checkpoint is never mid-epoch.
      for (var k = lid; k < STRIDE; k += WG) { params[EPOCH_PARAMS + k] = current[k]; }
      epoch += 1u;
      batch = 0u;
      epochLoss = 0.0;
      epochLossCompensation = 0.0;
      keys = epochKey(settings.shuffleBase, epoch);
    }
  }
  for (var k = lid; k < STRIDE; k += WG) {
    params[k] = current[k];
    params[STRIDE + k] = compensation[k];
  }
  if (lid == 0u) {
    state.epoch = epoch;
    state.batch = batch;
    state.epochLoss = epochLoss;
    state.epochLossCompensation = epochLossCompensation;
    state.remaining -= start.z;
  }
}
