// The loss surface: for a range of rows of one data chunk, adds each row's loss at POINTS
// grid points per thread into those points' running sums. A thread reads a row once for
// its whole tile of points (z at the held parameters, the axes' inputs, the label), then
// gives each point z + p u + q v to the loss. Sums are Kahan-compensated: one thread adds
// every row of the dataset to its points, up to 2^28 float32 terms.
// Consts D and WG, the struct SurfaceGrid and SurfaceRange, the neuron library
// (compensatedStep, opaqueZero), the activation and loss, and heldZ(o) come from
// src/gpu/shader-source.ts.

const STRIDE: u32 = D + 1u;
// Grid points per thread: each row is read once per four points.
const POINTS: u32 = 4u;

@group(0) @binding(0) var<uniform> grid: SurfaceGrid;
// [w_0 .. w_{D-1}, b] held fixed, the axes' entries zero.
@group(0) @binding(1) var<storage, read> held: array<f32>;
// Per grid point: (running sum, its compensation).
@group(0) @binding(2) var<storage, read_write> sums: array<vec2f>;
@group(1) @binding(0) var<uniform> range: SurfaceRange;
@group(1) @binding(1) var<storage, read> rows: array<f32>;

// Input j of the row at offset o: a feature, or 1 for the bias (j = D).
fn axisInput(o: u32, j: u32) -> f32 {
  if (j == D) { return 1.0; }
  return rows[o + j];
}

fn pointAt(point: u32) -> vec2f {
  let i = point % grid.resolution;
  let j = point / grid.resolution;
  return vec2f(grid.xFrom + f32(i) * grid.xStep, grid.yFrom + f32(j) * grid.yStep);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  opaqueZero = grid.zero;
  let first = gid.x * POINTS;
  if (first >= grid.points) { return; }
  // Past the last point, a thread repeats it and stores nothing.
  let last = grid.points - 1u;
  let a0 = pointAt(first);
  let a1 = pointAt(min(first + 1u, last));
  let a2 = pointAt(min(first + 2u, last));
  let a3 = pointAt(min(first + 3u, last));
  // Running sums and their compensations (WGSL takes no pointer to a vector's component).
  var t0 = sums[first].x; var c0 = sums[first].y;
  var t1 = sums[min(first + 1u, last)].x; var c1 = sums[min(first + 1u, last)].y;
  var t2 = sums[min(first + 2u, last)].x; var c2 = sums[min(first + 2u, last)].y;
  var t3 = sums[min(first + 3u, last)].x; var c3 = sums[min(first + 3u, last)].y;
  for (var r = 0u; r < range.rowCount; r++) {
    let o = (range.firstRow + r) * STRIDE;
    let z = heldZ(o);
    let u = axisInput(o, grid.xIndex);
    let v = axisInput(o, grid.yIndex);
    let y = rows[o + D];
    t0 = compensatedStep(t0, gradientAndLoss(z + a0.x * u + a0.y * v, y).y, &c0);
    t1 = compensatedStep(t1, gradientAndLoss(z + a1.x * u + a1.y * v, y).y, &c1);
    t2 = compensatedStep(t2, gradientAndLoss(z + a2.x * u + a2.y * v, y).y, &c2);
    t3 = compensatedStep(t3, gradientAndLoss(z + a3.x * u + a3.y * v, y).y, &c3);
  }
  sums[first] = vec2f(t0, c0);
  if (first + 1u <= last) { sums[first + 1u] = vec2f(t1, c1); }
  if (first + 2u <= last) { sums[first + 2u] = vec2f(t2, c2); }
  if (first + 3u <= last) { sums[first + 3u] = vec2f(t3, c3); }
}
