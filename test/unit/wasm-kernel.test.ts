/**
 * The WebAssembly SIMD kernel (src/cpu/wasm/batch-kernel.wat) against the float64
 * TypeScript kernel, its reference: its vectorised exp and log1p against Math's, every
 * activation and loss per sample, and whole sums for every pair, batch mode and d in
 * {1, 3, 8, 17, 64, 256}. Node loads the wasm directly on a shared memory, as a worker does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { accumulatePositions } from '../../src/cpu/batch-kernel';
import { ACTIVATION_CODES, KERNEL_SLOTS, LOSS_CODES, kernelBytes, kernelMemory, simdImplements, WasmKernel } from '../../src/cpu/wasm-kernel';
import { lossFunction, lossOne, NEURON_PAIRS } from '../../src/engine/functions/losses';
import { makeSchedule, rowAt } from '../../src/engine/schedule';
import type { Activation, LossKind } from '../../src/engine/types';
// @ts-expect-error plain ES module shared with the build
import { assemble, WASM_SOURCES } from '../../scripts/build-wasm.mjs';

// The pairs the SIMD kernel implements (today every pair of the table; others fall back to the TypeScript kernel).
const PAIRS = NEURON_PAIRS.map((pair) => [...pair] as [Activation, LossKind]).filter(([a, l]) => simdImplements(a, l));
/** float32's unit roundoff. */
const U = 2 ** -24;

/** What scripts/build-wasm.mjs assembles: each .wat source and its committed TypeScript output. */
const ASSEMBLED = WASM_SOURCES as { source: string; output: string; name: string }[];

test.each(ASSEMBLED.map((entry) => [entry.source, entry] as const))('the committed bytes of %s are its assembly (run `node scripts/build-wasm.mjs` after editing it)', async (_, entry) => {
  const committed = readFileSync(new URL(`../../${entry.output}`, import.meta.url), 'utf8');
  expect(committed).toBe(await assemble(entry));
});

/** A raw instance on a fresh shared memory, for the test exports. */
async function rawKernel() {
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 4, shared: true });
  const { instance } = await WebAssembly.instantiate(kernelBytes(), { env: { memory } });
  const e = instance.exports as Record<string, (...args: number[]) => void>;
  return { memory, e };
}

/** Largest |got - want| / |want| (or absolute where |want| < floor) of a float32 map against float64. */
async function mapError(name: string, inputs: number[], reference: (x: number) => number, floor: number): Promise<number> {
  const { memory, e } = await rawKernel();
  const count = inputs.length & ~3;
  const values = new Float32Array(memory.buffer, 65536, count);
  values.set(inputs.slice(0, count));
  const x = Float64Array.from(values);
  e[name](65536, count);
  let worst = 0;
  for (let i = 0; i < count; i++) {
    const want = reference(x[i]);
    worst = Math.max(worst, Math.abs(values[i] - want) / Math.max(Math.abs(want), floor));
  }
  return worst;
}

describe('vectorised elementary functions', () => {
  // Measured: 9.2e-8 (about 1.5 ulp) over 40,000 points of [0, 87] in Node 20; the bound
  // leaves room for another engine's rounding of the same float32 operations.
  test('e^-x for x in [0, 87] within 4e-7 relative; e^-x past 87.3 is at most 1.3e-38', async () => {
    const xs = Array.from({ length: 40_000 }, (_, i) => (87 * i) / 40_000);
    const worst = await mapError('testExpNeg', xs, (x) => Math.exp(-x), 0);
    console.log(`exp: worst relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(4e-7);
    const far = await mapError('testExpNeg', [88, 100, 1e6, Infinity], () => 0, 1);
    expect(far).toBeLessThanOrEqual(1.3e-38);
  });

  // Measured: 2.2e-7 relative over [0, 1] (the division and the series' roundings).
  test('log1p(t) for t in [0, 1] within 4e-7 relative', async () => {
    const ts = [...Array.from({ length: 20_000 }, (_, i) => i / 20_000), 1e-30, 1e-10, 1e-5, 1];
    const worst = await mapError('testLog1p', ts, Math.log1p, 1e-38);
    console.log(`log1p: worst relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(4e-7);
  });
});

/**
 * Per sample, dJ/dz and the loss against the float64 table at the same float32 z and y.
 * Bound: 1e-6 of (1 + |value|): a few float32 roundings of the exp and log above and of
 * the divisions (each 6e-8) with room; measured up to 4.6e-7 (sigmoid + bce's loss).
 */
test.each(PAIRS)('%s + %s per sample: dJ/dz and loss within 1e-6 (1 + |value|) of the float64 table', async (activation, loss) => {
  const { memory, e } = await rawKernel();
  const zs = [-700, -90, -30, -9.5, -3.2, -1, -0.4, -1e-3, 0, 1e-3, 0.7, 1, 2.5, 9.5, 40, 90, 700];
  const ys = lossFunction(loss).binaryTargets ? [0, 1] : [-1, 0.5, 2];
  const pairs = zs.flatMap((z) => ys.map((y) => [Math.fround(z), Math.fround(y)]));
  while (pairs.length % 4) pairs.push(pairs[0]);
  const z = new Float32Array(memory.buffer, 65536, pairs.length);
  const y = new Float32Array(memory.buffer, 65536 + 4 * pairs.length, pairs.length);
  pairs.forEach(([zi, yi], i) => { z[i] = zi; y[i] = yi; });
  e.testGradientAndLoss(z.byteOffset, y.byteOffset, pairs.length, ACTIVATION_CODES[activation]!, LOSS_CODES[loss]!);
  let worst = 0;
  pairs.forEach(([zi, yi], i) => {
    const want = lossOne(loss, activation, zi, yi);
    for (const [got, w] of [[z[i], want.dz], [y[i], want.loss]]) {
      const error = Math.abs(got - w) / (1 + Math.abs(w));
      expect(error, `z ${zi}, y ${yi}: got ${got}, want ${w}`).toBeLessThanOrEqual(1e-6);
      worst = Math.max(worst, error);
    }
  });
  console.log(`${activation} + ${loss} per sample: worst ${worst.toExponential(2)}`);
});

/**
 * Whole sums against the float64 kernel on the same float32 rows. Where the float32 path
 * rounds: w and b (6e-8 each), z (at most (d + 2) roundings of terms bounded by
 * m = |b| + Σ|w_j x_j|), dJ/dz (a few roundings, above) and the block's float32 sums of
 * up to 128 terms per accumulator. An error δ in z moves dJ/dz by at most
 * L δ, with L = max |∂(dJ/dz)/∂z| <= 2 (1 + |y|) + 1 for these pairs, and the loss by |dJ/dz| δ.
 * So each sum k is held to
 *   ε Σ_rows |x_k| (|dJ/dz| + L m)   (the loss: ε Σ_rows (|loss| + |dJ/dz| m)),
 * with ε = (d + 2 + 128 + 16) u: the worst case, every rounding the same way. Measured
 * error is far below: at most 2.9% of the bound (d = 1, sigmoid + bce), mostly under 1%.
 */
describe.each([1, 3, 8, 17, 64, 256])('d = %i', (d) => {
  test.each(PAIRS)('%s + %s: full, mini-batch and stochastic sums within the float32 bound of the float64 kernel', async (activation, loss) => {
    const n = 1003, stride = d + 1;
    const binary = lossFunction(loss).binaryTargets;
    const home = kernelMemory(n * stride)!;
    expect(home, 'a shared WebAssembly.Memory in Node').not.toBeNull();
    const rows = new Float32Array(home.memory.buffer, home.rowsOffset, n * stride);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) rows[i * stride + j] = Math.sin(7 * i + 3 * j + 1) * (1 + (j % 5));
      rows[i * stride + d] = binary ? (i % 3 === 0 ? 1 : 0) : Math.cos(i) * 2;
    }
    const weights = Float64Array.from({ length: d }, (_, j) => (Math.cos(j * 1.7) * 2) / Math.sqrt(d));
    const bias = 0.3;
    // Every slot, so that slots do not overlap one another or the rows.
    const kernels = await Promise.all(Array.from({ length: KERNEL_SLOTS }, (_, s) => WasmKernel.create(home, s)));
    expect(kernels.every((k) => k !== null), 'SIMD and shared memory in Node').toBe(true);
    const eps = (d + 2 + 128 + 16) * U;
    let worstRatio = 0;
    for (const batchSize of [n, 100, 1]) {
      const schedule = makeSchedule(n, batchSize, 9);
      const key = 4242;
      const batches = batchSize === 1 ? [0, 1, 2, 3, 500, n - 1] : Array.from({ length: Math.ceil(n / batchSize) }, (_, b) => b);
      for (const b of batches) {
        const from = b * batchSize, to = Math.min(n, from + batchSize);
        const want = new Float64Array(d + 2);
        accumulatePositions({ rows, firstRow: 0, d, activation, loss, weights, bias }, schedule, key, from, to, want);
        const got = new Float64Array(d + 2);
        kernels[b % KERNEL_SLOTS]!.accumulatePositions(d, activation, loss, weights, bias, schedule, key, from, to, got);
        const bound = new Float64Array(d + 2);
        for (let p = from; p < to; p++) {
          const o = rowAt(schedule, key, p) * stride;
          let z = bias, m = Math.abs(bias);
          for (let j = 0; j < d; j++) { z += weights[j] * rows[o + j]; m += Math.abs(weights[j] * rows[o + j]); }
          const y = rows[o + d];
          const { dz, loss: l } = lossOne(loss, activation, z, y);
          const slopeOfDz = 2 * (1 + Math.abs(y)) + 1;
          for (let j = 0; j < d; j++) bound[j] += Math.abs(rows[o + j]) * (Math.abs(dz) + slopeOfDz * m);
          bound[d] += Math.abs(dz) + slopeOfDz * m;
          bound[d + 1] += Math.abs(l) + Math.abs(dz) * m;
        }
        for (let k = 0; k < d + 2; k++) {
          const error = Math.abs(got[k] - want[k]);
          expect(error, `batch size ${batchSize}, batch ${b}, sum ${k}: got ${got[k]}, want ${want[k]}`).toBeLessThanOrEqual(eps * bound[k] + 1e-30);
          if (bound[k] > 0) worstRatio = Math.max(worstRatio, error / (eps * bound[k]));
        }
      }
    }
    console.log(`d ${d} ${activation} + ${loss}: worst error ${(100 * worstRatio).toFixed(2)}% of the bound`);
  });
});
