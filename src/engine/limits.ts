/** Hard limits of the engine, shared by validation, the trainers and the page. */

/** Features per sample. The GPU kernels keep one accumulator per feature per thread. */
export const MAX_FEATURES = 1024;
/**
 * Values in a dataset, n * (d + 1) with the label: 2^29 float32 values is 2 GiB, the most a
 * browser tab can be expected to allocate in one piece. GPUs are split into several
 * bindings well before that.
 */
export const MAX_VALUES = 2 ** 29;
/** Epochs in one call to train(). */
export const MAX_EPOCHS = 10_000_000;
/** Highest epoch number a run may reach (startEpoch + epochs): the GPU counts epochs in 32 bits. */
export const MAX_EPOCH_NUMBER = 2 ** 31;
/** Largest allowed noise level; beyond it the data is noise and float32 loses the signal. */
export const MAX_NOISE = 1e6;
/** Seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffffffff;
