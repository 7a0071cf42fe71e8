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

fn epochKey(shuffleBase: u32, epoch: u32) -> u32 {
  return hash32(shuffleBase ^ hash32(epoch));
}

// Position i of a permutation of [0, n): 4 Feistel rounds over 2*halfBits bits, cycle walking.
fn permuteIndex(i: u32, n: u32, key: u32, halfBits: u32) -> u32 {
  let mask = (1u << halfBits) - 1u;
  var v = i;
  loop {
    var left = v >> halfBits;
    var right = v & mask;
    for (var round = 0u; round < 4u; round++) {
      let f = hash32(right ^ key ^ ((round + 1u) * 0x9e3779b9u)) & mask;
      let next = left ^ f;
      left = right;
      right = next;
    }
    v = (left << halfBits) | right;
    if (v < n) { break; }
  }
  return v;
}

fn sigmoidOf(z: f32) -> f32 {
  if (z >= 0.0) { return 1.0 / (1.0 + exp(-z)); }
  let e = exp(z);
  return e / (1.0 + e);
}

fn activate(z: f32) -> f32 {
  if (ACTIVATION == 1u) { return max(z, 0.0); }
  // tanh saturates to +-1 in float32 beyond 9; clamping keeps drivers that compute it
  // from exp(2z) away from inf/inf.
  if (ACTIVATION == 2u) { return tanh(clamp(z, -20.0, 20.0)); }
  if (ACTIVATION == 3u) { return sigmoidOf(z); }
  return z;
}

fn activationDerivative(z: f32, a: f32) -> f32 {
  if (ACTIVATION == 1u) { return select(0.0, 1.0, z > 0.0); }
  if (ACTIVATION == 2u) { return 1.0 - a * a; }
  if (ACTIVATION == 3u) { return a * (1.0 - a); }
  return 1.0;
}

// log(1 + e^z) for any finite z; log1p is not a WGSL builtin, so small e^-|z| uses its series.
fn softplus(z: f32) -> f32 {
  let t = exp(-abs(z));
  return max(z, 0.0) + select(log(1.0 + t), t * (1.0 - 0.5 * t), t < 1e-4);
}

// (dJ/dz, loss) of one sample with pre-activation z and target y.
fn gradientAndLoss(z: f32, y: f32) -> vec2f {
  if (LOSS == 1u) {
    return vec2f(sigmoidOf(z) - y, softplus(z) - y * z);
  }
  let a = activate(z);
  let diff = a - y;
  return vec2f(2.0 * diff * activationDerivative(z, a), diff * diff);
}
