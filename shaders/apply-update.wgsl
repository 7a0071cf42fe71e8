// Adds up the per-workgroup partial sums of one batch and applies the gradient step on the
// GPU, then advances the (epoch, batch) cursor and records the epoch's mean loss in a ring.
// With APPLY false it stores the summed gradient in `gradientOut` instead (gradients()).
// Consts D and WG and the structs Settings and State come from src/gpu/shader-source.ts.

// False for gradients(): store the summed gradient instead of stepping.
override APPLY: bool;

const SUMS: u32 = D + 2u;
// params holds the D + 1 parameters, their Kahan compensations, then the parameters as
// they were after the last whole epoch (what readbacks report).
const EPOCH_PARAMS: u32 = 2u * (D + 1u);

@group(0) @binding(0) var<uniform> settings: Settings;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> state: State;
@group(0) @binding(3) var<storage, read> partials: array<f32>;
@group(0) @binding(4) var<storage, read_write> losses: array<f32>;
@group(0) @binding(5) var<storage, read_write> gradientOut: array<f32>;

var<workgroup> totals: array<f32, SUMS>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lid: u32) {
  opaqueZero = settings.zero;
  let count = min(settings.batchSize, settings.n - state.batch * settings.batchSize);
  let scale = select(1.0, 1.0 / f32(count), settings.meanReduction != 0u);
  // Read before the barrier below, after which thread 0 moves the cursor on.
  let endsEpoch = state.batch + 1u == settings.batchesPerEpoch;
  for (var k = lid; k < SUMS; k += WG) {
    var total = 0.0;
    for (var p = 0u; p < settings.partialCount; p++) { total += partials[p * SUMS + k]; }
    totals[k] = total;
    if (APPLY) {
      if (k <= D) {
        var compensation = params[D + 1u + k];
        let stepped = compensatedStep(params[k], -settings.learningRate * scale * total, &compensation);
        params[k] = stepped;
        params[D + 1u + k] = compensation;
        if (endsEpoch) { params[EPOCH_PARAMS + k] = stepped; }
      }
    } else {
      gradientOut[k] = select(total * scale, total / f32(count), k == D + 1u);
    }
  }
  workgroupBarrier();
  if (APPLY && lid == 0u) {
    var compensation = state.epochLossCompensation;
    var epochLoss = compensatedStep(state.epochLoss, totals[D + 1u] / f32(count), &compensation);
    var batch = state.batch + 1u;
    if (batch == settings.batchesPerEpoch) {
      losses[state.epoch % settings.ringSize] = epochLoss / f32(settings.batchesPerEpoch);
      state.epoch += 1u;
      batch = 0u;
      epochLoss = 0.0;
      compensation = 0.0;
    }
    state.batch = batch;
    state.epochLoss = epochLoss;
    state.epochLossCompensation = compensation;
  }
}
