import { expect, test } from 'vitest';
import { accumulatePositions } from '../../src/cpu/batch-kernel';
import { lossGradientAtZ, sampleLoss } from '../../src/engine/neuron-math';
import { makeSchedule, rowAt } from '../../src/engine/schedule';
import { lossFunction, NEURON_PAIRS } from '../../src/engine/functions/losses';
import type { Activation, LossKind } from '../../src/engine/types';

// Every valid pair of the tables, so a new activation is tested here without an edit.
const PAIRS = NEURON_PAIRS.map((pair) => [...pair] as [Activation, LossKind]);
const binary = (loss: LossKind) => lossFunction(loss).binaryTargets;

test.each(PAIRS)('the inlined %s + %s terms equal the reference math', (activation, loss) => {
  // One row x = [1.5, -2], label y, at parameters chosen to sweep z over both signs and the tails.
  for (const z of [-700, -30, -3.2, -0.4, 0, 0.7, 2.5, 40, 700]) {
    for (const y of binary(loss) ? [0, 1, 0.3] : [-1, 0.5, 2]) {
      const rows = new Float32Array([1.5, -2, y]);
      const weights = Float64Array.of(0.5, 0);
      const bias = z - 0.75; // z = 0.5 * 1.5 + bias
      const sums = new Float64Array(4);
      accumulatePositions({ rows, firstRow: 0, d: 2, activation, loss, weights, bias }, makeSchedule(1, 1, 0), 0, 0, 1, sums);
      const yf = Math.fround(y);
      const dz = lossGradientAtZ(loss, activation, z, yf);
      const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      close(sums[0], dz * 1.5);
      close(sums[1], dz * -2);
      close(sums[2], dz);
      close(sums[3], sampleLoss(loss, activation, z, yf));
    }
  }
});

/**
 * Many rows, as the trainers call the kernel: a count that is neither a multiple of the
 * four-row step nor of the block, shuffled or not, a shard that starts part-way in, and
 * positions split into uneven calls. Each sum is checked against the same terms added
 * one row at a time in float64; both sides add float64 terms in different orders, so
 * they may differ by a few units in the last place of Σ|terms| (allowed: 1e-12 of it).
 */
test.each(PAIRS)('%s + %s over 1,003 rows, shuffled and in shards, sums what the rows give one by one', (activation, loss) => {
  const n = 1003, d = 5, stride = d + 1;
  const rows = new Float32Array(n * stride);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) rows[i * stride + j] = Math.sin(7 * i + 3 * j + 1) * (j + 1);
    rows[i * stride + d] = binary(loss) ? (i % 3 === 0 ? 1 : 0) : Math.cos(i);
  }
  const weights = Float64Array.of(0.4, -0.3, 0.2, 0.1, -0.5);
  const bias = 0.25;
  for (const batchSize of [n, 100]) {
    const schedule = makeSchedule(n, batchSize, 9);
    const key = 12345;
    for (const [first, end] of [[0, n], [301, 802]]) {
      const want = new Float64Array(d + 2);
      const scale = new Float64Array(d + 2);
      for (let p = 0; p < n; p++) {
        const row = rowAt(schedule, key, p);
        if (row < first || row >= end) continue;
        const o = row * stride;
        let z = bias;
        for (let j = 0; j < d; j++) z += weights[j] * rows[o + j];
        const dz = lossGradientAtZ(loss, activation, z, rows[o + d]);
        const terms = [...Array.from({ length: d }, (_, j) => dz * rows[o + j]), dz, sampleLoss(loss, activation, z, rows[o + d])];
        terms.forEach((t, k) => { want[k] += t; scale[k] += Math.abs(t); });
      }
      const shard = rows.subarray(first * stride, end * stride);
      const got = new Float64Array(d + 2);
      for (const [from, to] of [[0, 5], [5, 517], [517, 518], [518, n]]) {
        accumulatePositions({ rows: shard, firstRow: first, d, activation, loss, weights, bias }, schedule, key, from, to, got);
      }
      for (let k = 0; k < d + 2; k++) {
        expect(Math.abs(got[k] - want[k]), `batch ${batchSize}, rows [${first}, ${end}), sum ${k}`).toBeLessThanOrEqual(1e-12 * scale[k] + 1e-300);
      }
    }
  }
});
