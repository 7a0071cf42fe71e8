/**
 * The same neuron trained with TensorFlow.js, as the yardstick the benchmarks compare
 * against: w and b as tf.variable, tf.train.sgd, the loss written with TF.js's own ops,
 * one optimizer.minimize per batch, and the parameters read back once, at the end.
 *
 * Only ever loaded with import(), so TF.js never weighs on the page's main bundle. The
 * caller registers the backend first by importing its package (the page imports only
 * '@tensorflow/tfjs-backend-webgpu'; the benchmark also the CPU and WebAssembly ones).
 */
import * as tf from '@tensorflow/tfjs-core';
// Gradients are registered by the union package '@tensorflow/tfjs'; with the core alone, by this.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Activation, Dataset, LossKind, Reduction } from '../index';

export interface TfjsNeuronConfig {
  activation: Activation;
  loss: LossKind;
  learningRate: number;
  /** Samples per step; n for full batch. */
  batchSize: number;
  reduction?: Reduction;
  /** Where every call of train() starts. */
  init: { weights: number[]; bias: number };
  /**
   * Rows of epoch `epoch` in the order they are visited, so TF.js sees the very batches
   * the engine does (its mini-batches follow a keyed shuffle); omitted or null: rows in
   * order, which is what a full batch means.
   */
  order?: (epoch: number) => Int32Array | null;
}

export interface TfjsRun {
  weights: number[];
  bias: number;
  /** Milliseconds of the steps and the one readback, from the first step to the numbers on the CPU. */
  ms: number;
}

/**
 * Validation and out-of-memory errors of TF.js's WebGPU device. TF.js does not turn them
 * into exceptions (its large dispatches fail that way), so train() checks them itself.
 */
const watchedDevices = new WeakSet<GPUDevice>();
let deviceErrors: string[] = [];

function watchDevice(device: GPUDevice): void {
  if (watchedDevices.has(device)) return;
  watchedDevices.add(device);
  device.addEventListener('uncapturederror', (event) => {
    deviceErrors.push((event as GPUUncapturedErrorEvent).error.message);
  });
  void device.lost.then((info) => deviceErrors.push(`the device was lost: ${info.message || info.reason}`));
}

/**
 * TF.js's op for each activation of the engine's table: an exhaustive record, so a new
 * activation fails to compile here until it has one (the engine itself never imports TF.js).
 */
const TFJS_ACTIVATIONS: Record<Activation, (z: tf.Tensor) => tf.Tensor> = {
  identity: (z) => z,
  relu: (z) => tf.relu(z),
  tanh: (z) => tf.tanh(z),
  sigmoid: (z) => tf.sigmoid(z),
  leakyRelu: (z) => tf.leakyRelu(z, 0.01), // TF.js's default alpha is 0.2
};

/** TF.js's activation of z. */
function activate(z: tf.Tensor, activation: Activation): tf.Tensor {
  return TFJS_ACTIVATIONS[activation](z);
}

/**
 * A neuron on the current TF.js backend, its data resident as tensors. Make one with
 * `open`, call `train` as often as wanted (each call starts from `init` again), then
 * `dispose`.
 */
export class TfjsNeuron {
  /** Name of the TF.js backend the tensors live on. */
  readonly backend: string;
  /** Features [n, d]. */
  #x: tf.Tensor2D;
  /** Targets [n, 1]. */
  #y: tf.Tensor2D;
  /** Weights [d, 1]. */
  #w: tf.Variable;
  /** Bias, a scalar. */
  #b: tf.Variable;
  #config: TfjsNeuronConfig;
  #n: number;
  #optimizer: tf.SGDOptimizer;

  private constructor(backend: string, data: Dataset, config: TfjsNeuronConfig) {
    this.backend = backend;
    this.#config = config;
    this.#n = data.n;
    this.#x = tf.tensor2d(data.x, [data.n, data.d]);
    this.#y = tf.tensor2d(data.y, [data.n, 1]);
    this.#w = tf.variable(tf.tensor2d(config.init.weights, [data.d, 1]), true, undefined, 'float32');
    this.#b = tf.variable(tf.scalar(config.init.bias), true, undefined, 'float32');
    this.#optimizer = tf.train.sgd(config.learningRate);
  }

  /**
   * Switches TF.js to `backend` (its package must have been imported) and puts the data
   * on it. Rejects when the backend cannot start (no WebGPU adapter, no WebAssembly).
   */
  static async open(backend: string, data: Dataset, config: TfjsNeuronConfig): Promise<TfjsNeuron> {
    if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend '${backend}' could not be initialised`);
    await tf.ready();
    const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
    if (device) watchDevice(device);
    return new TfjsNeuron(backend, data, config);
  }

  /** The loss of one batch (rows `rows`, or all when null) at the current parameters, as a scalar. */
  #loss(rows: tf.Tensor1D | null): tf.Scalar {
    const { activation, loss } = this.#config;
    const reduction = this.#config.reduction === 'sum' ? tf.Reduction.SUM : tf.Reduction.MEAN;
    const x = rows ? tf.gather(this.#x, rows) : this.#x;
    const y = rows ? tf.gather(this.#y, rows) : this.#y;
    const z = tf.add(tf.matMul(x, this.#w), this.#b);
    // bce from the logits: softplus(z) - y z, TF.js's numerically stable form.
    if (loss === 'bce') return tf.losses.sigmoidCrossEntropy(y, z, undefined, 0, reduction) as tf.Scalar;
    return tf.losses.meanSquaredError(y, activate(z, activation), undefined, reduction) as tf.Scalar;
  }

  /**
   * Trains `epochs` epochs from the initial parameters (epochs numbered from `startEpoch`
   * for the batch order). Preparing the batch order and resetting the parameters happen
   * before the clock starts; the clock stops when the parameters are back on the CPU.
   */
  async train(epochs: number, startEpoch = 0, signal?: AbortSignal): Promise<TfjsRun> {
    const { batchSize, init } = this.#config;
    const n = this.#n;
    const batches = Math.ceil(n / batchSize);
    const rowsOf: (tf.Tensor1D | null)[][] = [];
    for (let e = 0; e < epochs; e++) {
      const order = this.#config.order?.(startEpoch + e) ?? null;
      const epochRows: (tf.Tensor1D | null)[] = [];
      for (let b = 0; b < batches; b++) {
        const from = b * batchSize;
        const to = Math.min(n, from + batchSize);
        if (order) epochRows.push(tf.tensor1d(order.subarray(from, to), 'int32'));
        else if (batches === 1) epochRows.push(null);
        else epochRows.push(tf.tensor1d(Int32Array.from({ length: to - from }, (_, i) => from + i), 'int32'));
      }
      rowsOf.push(epochRows);
    }
    tf.tidy(() => {
      this.#w.assign(tf.tensor2d(init.weights, [init.weights.length, 1]));
      this.#b.assign(tf.scalar(init.bias));
    });
    // Let the resets and uploads finish before the clock starts.
    await this.#b.data();
    deviceErrors = [];
    const start = performance.now();
    try {
      for (const epochRows of rowsOf) {
        signal?.throwIfAborted();
        for (const rows of epochRows) {
          tf.tidy(() => { this.#optimizer.minimize(() => this.#loss(rows), false, [this.#w, this.#b]); });
        }
      }
      const packed = tf.tidy(() => tf.concat([tf.reshape(this.#w, [-1]), tf.reshape(this.#b, [1])]));
      const values = await packed.data();
      packed.dispose();
      const ms = performance.now() - start;
      if (deviceErrors.length > 0) throw new Error(`TF.js's WebGPU device reported: ${deviceErrors[0]}`);
      const d = values.length - 1;
      return { weights: Array.from(values.subarray(0, d)), bias: values[d], ms };
    } finally {
      for (const epochRows of rowsOf) for (const rows of epochRows) rows?.dispose();
    }
  }

  dispose(): void {
    this.#x.dispose();
    this.#y.dispose();
    this.#w.dispose();
    this.#b.dispose();
    this.#optimizer.dispose();
  }
}
