/** Neuron Playground's engine: datasets, training and gradients on the GPU or the CPU. */
export { makeDataset, datasetTruth, datasetSample } from './engine/dataset';
export type { DatasetTruth } from './engine/dataset';
export { train, gradients } from './orchestration/train';
export { readTable } from './engine/table/read-table';
export { writeTable } from './engine/table/write-table';
export type { ReadTableOptions, Table } from './engine/table/read-table';
export { lossSurface } from './orchestration/loss-surface';
export type { SurfaceAxis, SurfaceOptions, SurfaceParam, SurfaceResult, SurfaceSpec } from './engine/surface';
export { MAX_RESOLUTION, MIN_RESOLUTION } from './engine/surface';
export { describeBackendReason } from './engine/backend-reason';
export { TableError } from './engine/table/cells';
export { ConfigError, DeviceCapacityError, DeviceLostError, DivergenceError, GpuRefusedError } from './engine/errors';
export { initialParameters } from './engine/init';
export { MAX_EPOCHS, MAX_FEATURES, MAX_NOISE, MAX_SEED, MAX_VALUES } from './engine/limits';
export { ACTIVATIONS, BACKENDS, DATASET_KINDS, LOSSES, REDUCTIONS } from './engine/types';
export { gpuStatus, onGpuEvent } from './gpu/device';
export type { GpuEvent } from './gpu/device';
export { liveGpuBuffers } from './gpu/buffer-registry';
export { gpuMemoryRecord } from './gpu/memory-record';
export type { GpuMemoryRecord } from './gpu/memory-record';
export { explain } from './autograd/explain';
export type {
  Activation, Backend, BackendChoice, BackendReason, CpuKernel, Dataset, DatasetKind, DatasetSpec, GradientResult, SyntheticDatasetSpec, TableDatasetSpec,
  GradientOptions, InitialParameters, LossKind, NeuronParameters, PhaseProgress, Progress, ProgressEvent, Reduction, TrainConfig, TrainOptions, TrainResult,
} from './engine/types';
export type { ExplainActivation, ExplainNode, Explanation, NeuronToExplain } from './autograd/explain';
