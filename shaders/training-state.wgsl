// Structures shared by the training kernels, prepended to each by src/gpu/shader-source.ts.

// Fixed for a training run; written once by the trainer (GpuTrainer#settings).
// batchesPerDispatch is read by small-batch-epochs.wgsl only; zero is 0 (see opaqueZero).
struct Settings {
  n: u32, batchSize: u32, batchesPerEpoch: u32, shuffled: u32,
  permutationBits: u32, shuffleBase: u32, learningRate: f32, meanReduction: u32,
  partialCount: u32, ringSize: u32, batchesPerDispatch: u32, zero: u32,
}

// The cursor: epoch and batch to run next, the running sum of this epoch's batch losses
// (with its Kahan compensation), and how many batches the small-batch kernel may still run.
struct State {
  epoch: u32, batch: u32, epochLoss: f32, remaining: u32,
  epochLossCompensation: f32, _pad0: u32, _pad1: u32, _pad2: u32,
}
