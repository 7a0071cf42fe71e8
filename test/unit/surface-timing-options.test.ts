/** Where the loss surface is timed beside the epochs: the benchmark's sizes. */
import { expect, test } from 'vitest';
import { optionsFrom } from '../../bench/options';

test('the benchmark times a small surface by default (software GPUs) and the issue\'s 128 x 128 over 2^20 when asked', () => {
  expect(optionsFrom('', 'browser').surface).toEqual({ resolution: 128, log2n: 14 });
  expect(optionsFrom('quick', 'browser').surface).toEqual({ resolution: 32, log2n: 10 });
  expect(optionsFrom('surfaceGrid=128&surfaceLog2=20', 'node').surface).toEqual({ resolution: 128, log2n: 20 });
  // Out of range: the default.
  expect(optionsFrom('quick&surfaceGrid=1&surfaceLog2=40', 'browser').surface).toEqual({ resolution: 32, log2n: 10 });
});
