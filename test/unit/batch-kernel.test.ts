import { expect, test } from 'vitest';
import { accumulatePositions } from '../../src/cpu/batch-kernel';
import { lossGradientAtZ, sampleLoss } from '../../src/engine/neuron-math';
import { makeSchedule } from '../../src/engine/schedule';
import type { Activation, LossKind } from '../../src/engine/types';

const PAIRS: [Activation, LossKind][] = [
  ['identity', 'mse'], ['relu', 'mse'], ['tanh', 'mse'], ['sigmoid', 'mse'], ['sigmoid', 'bce'],
];

test.each(PAIRS)('the inlined %s + %s terms equal the reference math', (activation, loss) => {
  // One row x = [1.5, -2], label y, at parameters chosen to sweep z over both signs and the tails.
  for (const z of [-700, -30, -3.2, -0.4, 0, 0.7, 2.5, 40, 700]) {
    for (const y of loss === 'bce' ? [0, 1, 0.3] : [-1, 0.5, 2]) {
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
