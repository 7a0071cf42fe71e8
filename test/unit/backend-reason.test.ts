/** The backend's reason in words, and how every part writes a duration. */
import { describe, expect, test } from 'vitest';
import { describeBackendReason, type BackendReason } from '../../src/index';
import { formatMs } from '../../src/engine/format-ms';

describe('describeBackendReason: one sentence per kind of reason', () => {
  const cases: [BackendReason, string][] = [
    [{ kind: 'asked', backend: 'gpu' }, 'The GPU was asked for.'],
    [{ kind: 'asked', backend: 'cpu' }, 'The CPU was asked for.'],
    [{ kind: 'no-gpu', why: 'this browser has no WebGPU (navigator.gpu is missing)' }, 'No GPU: this browser has no WebGPU (navigator.gpu is missing).'],
    [
      { kind: 'auto', chosen: 'cpu', msPerEpoch: { gpu: 4.561, cpu: 0.25 }, sampleRows: 65_536, batchSize: 1 },
      'Auto chose the CPU: about 250 µs per epoch here against 4.56 ms on the GPU (timed on 65,536 samples, batch 1).',
    ],
    [
      { kind: 'auto', chosen: 'gpu', msPerEpoch: { gpu: 12.3, cpu: 1234 }, sampleRows: 116_509, batchSize: 116_509 },
      'Auto chose the GPU: about 12.3 ms per epoch here against 1.23 s on the CPU (timed on 116,509 samples, batch 116,509).',
    ],
    [
      { kind: 'failover', lost: 'destroyed', epoch: 1234, to: 'gpu', adapter: 'google swiftshader' },
      'The GPU device was lost (destroyed) after epoch 1,234; training goes on from there on a new GPU device (google swiftshader).',
    ],
    [
      { kind: 'failover', lost: 'GPU process crashed', epoch: 7, to: 'cpu' },
      'The GPU device was lost (GPU process crashed) after epoch 7; training goes on from there on the CPU, as no GPU came back.',
    ],
  ];
  for (const [reason, sentence] of cases) {
    test(`${reason.kind}: ${sentence}`, () => expect(describeBackendReason(reason)).toBe(sentence));
  }
});

test('formatMs: three significant digits, in the unit that suits the size, rounded before the unit is picked', () => {
  expect(formatMs(0.000123)).toBe('0.123 µs');
  expect(formatMs(0.5)).toBe('500 µs');
  expect(formatMs(0.99995)).toBe('1.00 ms');
  expect(formatMs(1)).toBe('1.00 ms');
  expect(formatMs(12.34)).toBe('12.3 ms');
  expect(formatMs(999.95)).toBe('1.00 s');
  expect(formatMs(1234)).toBe('1.23 s');
  expect(formatMs(12_345_678)).toBe('12,300 s');
  expect(formatMs(NaN)).toBe('–');
  expect(formatMs(Infinity)).toBe('–');
});
