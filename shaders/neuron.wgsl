// The counter-based shuffle and the compensated parameter step: the twin of
// src/engine/random.ts. Prepended to every kernel. The neuron's activation and loss
// (gradientAndLoss) are generated from src/engine/functions/ by
// src/gpu/neuron-functions-wgsl.ts and written into each kernel's header.

fn hash32(x0: u32) -> u32 {
  var x = x0;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

// The epoch's shuffle key and the second key derived from it (hash32 of the first),
// computed once per epoch rather than once per sample.
fn epochKey(shuffleBase: u32, epoch: u32) -> vec2u {
  let key = hash32(shuffleBase ^ hash32(epoch));
  return vec2u(key, hash32(key));
}

// One round of the permutation: xor a key, add a key, multiply by an odd constant (all
// mod 2^bits), xor-shift. Each step is a bijection on [0, 2^bits).
fn permutationRound(v0: u32, key: u32, k2: u32, multiplier: u32, mask: u32, shift: u32) -> u32 {
  var v = (v0 ^ key) & mask;
  v = (v + k2) & mask;
  v = (v * multiplier) & mask;
  return v ^ (v >> shift);
}

// Position i of a permutation of [0, n) with 2^bits >= n; values >= n walk the cycle on.
fn permuteIndex(i: u32, n: u32, keys: vec2u, bits: u32) -> u32 {
  let mask = select((1u << bits) - 1u, 0xffffffffu, bits >= 32u);
  let shift = (bits + 1u) >> 1u;
  var v = i;
  loop {
    v = permutationRound(v, keys.x, keys.y, 0x2c1b3c6du, mask, shift);
    v = permutationRound(v, keys.x, keys.y, 0x297a2d39u, mask, shift);
    v = permutationRound(v, keys.x, keys.y, 0x9e3779b1u, mask, shift);
    if (v < n) { break; }
  }
  return v;
}

// Always 0, but only known at run time: kernels that call compensatedStep set it from
// settings.zero first. lavapipe (Mesa) treats float arithmetic as reassociable and folds
// (t - value) - y, with t = value + y, to 0, which silently removes the compensation;
// passing t through an xor with this value hides the identity from it.
var<private> opaqueZero: u32;

// Compensated (Kahan) step of a parameter: float32 parameters updated a million times lose
// the low bits of each small step; carrying them in `compensation` keeps the trajectory
// within float32 gradient error of the float64 CPU's.
fn compensatedStep(value: f32, step: f32, compensation: ptr<function, f32>) -> f32 {
  let y = step - *compensation;
  let t = bitcast<f32>(bitcast<u32>(value + y) ^ opaqueZero);
  *compensation = (t - value) - y;
  return t;
}
