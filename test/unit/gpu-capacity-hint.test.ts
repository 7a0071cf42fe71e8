/**
 * The capacity hint and the record it learns from, with the numbers SwiftShader gives:
 * its limits allow 4 x 1 GiB of data, yet it refuses n = 2^27, d = 1 (one 1,024 MiB
 * buffer, VK_ERROR_OUT_OF_DEVICE_MEMORY) and holds 2^27 - 2^20 rows (1,016 MiB).
 * e2e/gpu-capacity-learned.spec.ts shows the same on the page with a real refusal.
 */
import { describe, expect, test } from 'vitest';
import { learnGpuMemory, type GpuMemoryRecord } from '../../src/gpu/memory-record';
import { gpuCapacityHint } from '../../src/app/model/gpu-capacity-hint';

const GiB = 2 ** 30;
const CAPACITY = 4 * GiB;
const REFUSED = 2 ** 27 * 8; // 1,024 MiB
const HELD = (2 ** 27 - 2 ** 20) * 8; // 1,016 MiB

describe('learnGpuMemory', () => {
  test('keeps the largest size held and the smallest refused', () => {
    let r: GpuMemoryRecord = {};
    r = learnGpuMemory(r, 8000, true);
    r = learnGpuMemory(r, 2 * GiB, false);
    r = learnGpuMemory(r, REFUSED, false);
    r = learnGpuMemory(r, 4 * GiB, false);
    r = learnGpuMemory(r, HELD, true);
    r = learnGpuMemory(r, 8000, true);
    expect(r).toEqual({ heldBytes: HELD, refusedBytes: REFUSED });
  });

  test('where facts disagree the newest wins, so held stays below refused', () => {
    // Held 1,016 MiB, then refused 512 MiB (memory taken meanwhile): the held size goes.
    expect(learnGpuMemory({ heldBytes: HELD }, GiB / 2, false)).toEqual({ refusedBytes: GiB / 2 });
    // Refused 1,024 MiB, then held 2 GiB (memory freed): the refusal goes.
    expect(learnGpuMemory({ refusedBytes: REFUSED }, 2 * GiB, true)).toEqual({ heldBytes: 2 * GiB });
  });
});

describe('gpuCapacityHint', () => {
  test('before any upload it gives the limit as an upper bound, not as a promise', () => {
    expect(gpuCapacityHint(2 ** 27, 1, CAPACITY, {})).toEqual({
      text: "This GPU's limits allow up to 4,096 MiB of data (536,870,912 samples of 1 feature), an upper bound: its driver may refuse less.",
      warn: false,
    });
  });

  test('after a refusal it warns at that size and above, and says what was held', () => {
    const record = { heldBytes: 8000, refusedBytes: REFUSED };
    expect(gpuCapacityHint(2 ** 27, 1, CAPACITY, record)).toEqual({
      text: '134,217,728 samples need 1,024 MiB; this GPU refused 1,024 MiB in this session (it held 7.8 KiB). A GPU run will likely be refused: choose fewer samples or the CPU backend.',
      warn: true,
    });
    // 2^28 rows of 1 feature (2 GiB) are within the limits but above the refusal.
    expect(gpuCapacityHint(2 ** 28, 1, CAPACITY, record).warn).toBe(true);
    // Below the refusal: the limit, and what this session saw.
    expect(gpuCapacityHint(1000, 1, CAPACITY, record)).toEqual({
      text: "This GPU's limits allow up to 4,096 MiB of data (536,870,912 samples of 1 feature), an upper bound: its driver may refuse less. In this session it held 7.8 KiB and refused 1,024 MiB of data.",
      warn: false,
    });
  });

  test('a refusal by the limits themselves stays certain', () => {
    expect(gpuCapacityHint(100_000_000, 1, 512 * 2 ** 20, { heldBytes: HELD })).toEqual({
      text: "100,000,000 samples need 762.9 MiB; this GPU's limits allow at most 512 MiB (67,108,864 samples of 1 feature). A GPU run will be refused: choose fewer samples or the CPU backend.",
      warn: true,
    });
  });

  test('what was held alone', () => {
    expect(gpuCapacityHint(10, 3, CAPACITY, { heldBytes: HELD }).text).toBe(
      "This GPU's limits allow up to 4,096 MiB of data (268,435,456 samples of 3 features), an upper bound: its driver may refuse less. In this session it held 1,016 MiB of data.",
    );
  });
});
