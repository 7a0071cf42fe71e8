// The neuron's math in float32 and the counter-based shuffle: the twin of
// src/engine/neuron-math.ts and src/engine/random.ts. Prepended to every kernel.
// ACTIVATION and LOSS are constants filled in by src/gpu/shader-source.ts:
//   ACTIVATION: 0 identity, 1 relu, 2 tanh, 3 sigmoid;  LOSS: 0 mse, 1 bce.

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

// Activations and slopes are written in terms of t = e^-|z| (e^-2|z| for tanh): 1 - a^2
// and a(1 - a) cancel to 0 in float32 once a rounds to +-1 (|z| > 9 for tanh), where the
// true slope is still 1e-8 and the float64 CPU keeps following it. Sigmoid and
// cross-entropy share one t, so a sample costs one exp (and a log for the loss).

// sigmoid(z) from t = e^-|z|.
fn sigmoidFrom(z: f32, t: f32) -> f32 {
  return select(t, 1.0, z >= 0.0) / (1.0 + t);
}

// log(1 + e^z) from t = e^-|z|, for any finite z; log1p is not a WGSL builtin, so small t
// uses its series.
fn softplusFrom(z: f32, t: f32) -> f32 {
  return max(z, 0.0) + select(log(1.0 + t), t * (1.0 - 0.5 * t), t < 1e-4);
}

// (dJ/dz, loss) of one sample with pre-activation z and target y.
fn gradientAndLoss(z: f32, y: f32) -> vec2f {
  if (LOSS == 1u) {
    // Cross-entropy from z: softplus(z) - y z, with dJ/dz = sigmoid(z) - y.
    let t = exp(-abs(z));
    return vec2f(sigmoidFrom(z, t) - y, softplusFrom(z, t) - y * z);
  }
  var a = z;
  var slope = 1.0;
  if (ACTIVATION == 1u) {
    a = max(z, 0.0);
    slope = select(0.0, 1.0, z > 0.0);
  } else if (ACTIVATION == 2u) {
    // tanh saturates to +-1 in float32 beyond 9; clamping keeps drivers that compute it
    // from exp(2z) away from inf/inf.
    a = tanh(clamp(z, -20.0, 20.0));
    let t = exp(-2.0 * abs(z));
    slope = 4.0 * t / ((1.0 + t) * (1.0 + t));
  } else if (ACTIVATION == 3u) {
    let t = exp(-abs(z));
    a = sigmoidFrom(z, t);
    slope = t / ((1.0 + t) * (1.0 + t));
  }
  let diff = a - y;
  return vec2f(2.0 * diff * slope, diff * diff);
}
