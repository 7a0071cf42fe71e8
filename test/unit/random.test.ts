import { describe, expect, test } from 'vitest';
import { hash32, normalAt, NormalSequence, permutationBits, permuteIndex, permuteRange, streamKey, uniformAt } from '../../src/engine/random';
import { keyOfEpoch, makeSchedule, rowAt, rowsAt } from '../../src/engine/schedule';

describe('counter-based generator', () => {
  test('hash32 maps to unsigned 32-bit integers and flips about half the bits per input bit', () => {
    let flipped = 0;
    for (let i = 0; i < 1000; i++) {
      const h = hash32(i * 7919);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
      const diff = (h ^ hash32((i * 7919) ^ 1)) >>> 0;
      flipped += diff.toString(2).split('').filter((b) => b === '1').length;
    }
    // 16 bits of 32 on average; 15 to 17 allows for 1000 samples (sd ~0.09).
    expect(flipped / 1000).toBeGreaterThan(15);
    expect(flipped / 1000).toBeLessThan(17);
  });
  test('uniforms are in (0, 1) with mean 1/2 and variance 1/12', () => {
    const key = streamKey(7, 1);
    let sum = 0;
    let sq = 0;
    const m = 200_000;
    for (let i = 0; i < m; i++) {
      const u = uniformAt(key, i);
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
    }
    // Standard errors: 1/sqrt(12 m) ~ 6.5e-4 for the mean; 5 of them as the bound.
    expect(Math.abs(sum / m - 0.5)).toBeLessThan(3.3e-3);
    expect(Math.abs(sq / m - (sum / m) ** 2 - 1 / 12)).toBeLessThan(2e-3);
  });
  test('normals have mean 0 and variance 1', () => {
    const key = streamKey(3, 2);
    let sum = 0;
    let sq = 0;
    const m = 200_000;
    for (let i = 0; i < m; i++) {
      const v = normalAt(key, i);
      sum += v;
      sq += v * v;
    }
    expect(Math.abs(sum / m)).toBeLessThan(0.012);
    expect(Math.abs(sq / m - 1)).toBeLessThan(0.02);
  });
  test('NormalSequence gives exactly normalAt', () => {
    const key = streamKey(5, 1);
    const seq = new NormalSequence(key);
    for (let i = 3; i < 1000; i++) expect(seq.at(i)).toBe(normalAt(key, i));
  });
  test('different seeds and streams give different numbers', () => {
    expect(uniformAt(streamKey(1, 1), 0)).not.toBe(uniformAt(streamKey(2, 1), 0));
    expect(uniformAt(streamKey(1, 1), 0)).not.toBe(uniformAt(streamKey(1, 2), 0));
  });
});

describe('per-epoch shuffle', () => {
  for (const n of [1, 2, 3, 63, 64, 65, 1000, 4097]) {
    test(`is a permutation of [0, ${n})`, () => {
      const h = permutationBits(n);
      const seen = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const r = permuteIndex(i, n, 12345, h);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThan(n);
        seen[r]++;
      }
      expect(seen.every((c) => c === 1)).toBe(true);
    });
  }
  test('differs between epochs and is not the identity', () => {
    const s = makeSchedule(1000, 10, 42);
    const order = (epoch: number) => Array.from({ length: 1000 }, (_, p) => rowAt(s, keyOfEpoch(s, epoch), p));
    const e0 = order(0);
    const e1 = order(1);
    expect(e0).not.toEqual(e1);
    expect(e0.filter((r, i) => r === i).length).toBeLessThan(20);
  });
  test('a range of positions at once gives the rows one at a time does', () => {
    for (const [n, batch] of [[4097, 64], [1000, 999], [100, 100]]) {
      const s = makeSchedule(n, batch, 7);
      for (const epoch of [0, 5]) {
        const key = keyOfEpoch(s, epoch);
        const out = new Int32Array(300);
        for (const from of [0, 1, n - 300]) {
          rowsAt(s, key, from, 300, out);
          expect(Array.from(out)).toEqual(Array.from({ length: 300 }, (_, i) => rowAt(s, key, from + i)));
        }
      }
    }
    // Keys above 2^31 too (xor and add work on int32 views of them).
    const out = new Int32Array(100);
    permuteRange(900, 100, 1000, 0xdeadbeef, permutationBits(1000), out);
    expect(Array.from(out)).toEqual(Array.from({ length: 100 }, (_, i) => permuteIndex(900 + i, 1000, 0xdeadbeef, permutationBits(1000))));
  });
  test('a full batch is not shuffled', () => {
    const s = makeSchedule(100, 100, 42);
    expect(s.shuffled).toBe(false);
    expect(rowAt(s, keyOfEpoch(s, 3), 17)).toBe(17);
  });
});
