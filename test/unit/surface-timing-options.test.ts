/** Where the loss surface is timed beside the epochs: the scaling table's CSV and the benchmark's sizes. */
import { expect, test } from 'vitest';
import { scalingCsv } from '../../src/app/model/scaling-table';
import { optionsFrom } from '../../bench/options';

const row = { n: 1000, epochs: 200, msPerEpoch: 0.5, bytesPerEpoch: 12_000 };

test('the CSV gains surface_ms and surface_method columns only when a row has a surface time', () => {
  expect(scalingCsv([{ ...row, backend: 'cpu' }]).split('\n')[0]).toBe('n,backend,epochs_timed,ms_per_epoch,samples_per_second,speedup_gpu_over_cpu');
  const lines = scalingCsv([
    { ...row, backend: 'cpu', surfaceMs: 12.5, surfaceMethod: 'closed-form' },
    { ...row, backend: 'gpu', msPerEpoch: 0.25, surfaceMs: 3, surfaceMethod: 'direct' },
  ]).trim().split('\n');
  expect(lines).toEqual([
    'n,backend,epochs_timed,ms_per_epoch,samples_per_second,speedup_gpu_over_cpu,surface_ms,surface_method',
    '1000,cpu,200,0.500000,2000000,,12.5000,closed-form',
    '1000,gpu,200,0.250000,4000000,2.000,3.00000,direct',
  ]);
});

test('the benchmark times a small surface by default (software GPUs) and the issue\'s 128 x 128 over 2^20 when asked', () => {
  expect(optionsFrom('', 'browser').surface).toEqual({ resolution: 128, log2n: 14 });
  expect(optionsFrom('quick', 'browser').surface).toEqual({ resolution: 32, log2n: 10 });
  expect(optionsFrom('surfaceGrid=128&surfaceLog2=20', 'node').surface).toEqual({ resolution: 128, log2n: 20 });
  // Out of range: the default.
  expect(optionsFrom('quick&surfaceGrid=1&surfaceLog2=40', 'browser').surface).toEqual({ resolution: 32, log2n: 10 });
});
