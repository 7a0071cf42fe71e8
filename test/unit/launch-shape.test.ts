/**
 * Which workgroup sum each launch shape asks for, and that only the subgroup form of the
 * generated WGSL enables the extension (the kernels are built and run on real adapters in
 * test/gpu/kernel-variants.test.ts).
 */
import { afterEach, expect, test } from 'vitest';
import { launchShapeFor, setGpuSubgroups } from '../../src/gpu/launch-shape';
import { smallBatchLoopsPerStep } from '../../src/gpu/loop-budget';
import { batchPartialsSource, smallBatchEpochsSource, type KernelConstants } from '../../src/gpu/shader-source';

afterEach(() => setGpuSubgroups(true));

test('subgroup sums on hardware adapters whose device has subgroups, unless switched off', () => {
  expect(launchShapeFor(false, 2, 32).subgroupSums).toBe(true);
  expect(launchShapeFor(false, 2, 32).reason).toMatch(/subgroup sums/);
  expect(launchShapeFor(false, 2, null).subgroupSums).toBe(false);
  // Software adapters write per-thread partials and never sum a workgroup.
  expect(launchShapeFor(true, 2, 4)).toMatchObject({ perThreadPartials: true, subgroupSums: false });
  setGpuSubgroups(false);
  expect(launchShapeFor(false, 2, 32).subgroupSums).toBe(false);
  setGpuSubgroups(true);
  expect(launchShapeFor(false, 2, 32).subgroupSums).toBe(true);
});

test('only the subgroup form enables subgroups, as the first line of the module', () => {
  for (const features of [3, 65]) {
    const c: KernelConstants = { features, workgroupSize: 256, activation: 'tanh', loss: 'mse' };
    for (const subgroupSums of [false, true]) {
      const kernels = [
        batchPartialsSource(c, { perThreadPartials: false, subgroupSums, subgroupMinSize: 4, quadRows: false }),
        smallBatchEpochsSource(c, 2, 1000, { perThreadPartials: false, subgroupSums, subgroupMinSize: 4 }),
      ];
      for (const { code } of kernels) {
        expect(code.startsWith('enable subgroups;')).toBe(subgroupSums);
        // The builtins and functions the extension brings (comments may name subgroups).
        expect(/@builtin\(subgroup_|subgroupAdd\(/.test(code)).toBe(subgroupSums);
      }
    }
  }
});

test('the loop budget counts the subgroup sum\'s rounds by the smallest subgroup', () => {
  const tree = smallBatchLoopsPerStep(32, 256, 64, { perThreadPartials: false, subgroupSums: false, subgroupMinSize: 4 });
  const wide = smallBatchLoopsPerStep(32, 256, 64, { perThreadPartials: false, subgroupSums: true, subgroupMinSize: 32 });
  const narrow = smallBatchLoopsPerStep(32, 256, 64, { perThreadPartials: false, subgroupSums: true, subgroupMinSize: 4 });
  // d = 64: 17 blocks of four sums; subgroups of 32 leave 8 slots a block, so one round;
  // subgroups of 4 leave 64, so 5 rounds of 4 blocks.
  expect(wide).toBeLessThan(tree);
  expect(narrow).toBeGreaterThan(wide);
});
