/**
 * Counter-based random numbers: every value is a pure function of (seed, stream, index),
 * so any slice of a dataset can be generated on its own, in any order, on any thread,
 * and a shuffle can be recomputed by the GPU without uploading a permutation.
 * Only 32-bit integer operations are used for the integer parts, so WGSL reproduces
 * `hash32` and `permuteIndex` bit for bit (see shaders/random.wgsl).
 */

/** A 32-bit integer mix with good avalanche (Wellons' "lowbias32"). */
export function hash32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Key for one (seed, stream) pair. */
export function streamKey(seed: number, stream: number): number {
  return hash32(hash32(seed >>> 0) ^ Math.imul(stream, 0x9e3779b9));
}

/** Uniform in the open interval (0, 1) for counter `index` (< 2^32) of a stream key. */
export function uniformAt(key: number, index: number): number {
  // Two rounds so that neighbouring counters decorrelate even for small keys.
  return (hash32(hash32(key ^ index) ^ key) + 0.5) / 4294967296;
}

/** Standard normal for counter `index` (Box-Muller on counters 2i and 2i+1, cosine branch). */
export function normalAt(key: number, index: number): number {
  const u1 = uniformAt(key, 2 * index);
  const u2 = uniformAt(key, 2 * index + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Named streams so that datasets, initial weights and shuffles never share numbers. */
export const Stream = {
  features: 1,
  labelNoise: 2,
  truth: 3,
  classes: 4,
  init: 5,
  shuffle: 6,
} as const;

/** Half-width in bits of the Feistel network that permutes [0, n): 2^(2h) >= n. */
export function feistelHalfBits(n: number): number {
  let h = 1;
  while (2 ** (2 * h) < n) h++;
  return h;
}

/**
 * Position `i` of a random permutation of [0, n): a 4-round Feistel network over
 * 2h bits with cycle walking until the value falls below n. The domain is < 4n, so the
 * walk takes fewer than four tries on average.
 */
export function permuteIndex(i: number, n: number, key: number, halfBits: number): number {
  const mask = (1 << halfBits) - 1 >>> 0;
  let v = i >>> 0;
  do {
    let left = v >>> halfBits;
    let right = v & mask;
    for (let round = 0; round < 4; round++) {
      const f = hash32((right ^ key ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0) & mask;
      const next = (left ^ f) >>> 0;
      left = right;
      right = next;
    }
    v = ((left << halfBits) | right) >>> 0;
  } while (v >= n);
  return v;
}
